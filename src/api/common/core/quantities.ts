// resource.Quantity and the maps of quantities (ResourceList) pods and autoscalers carry.
import { z } from 'zod';
import { intOrString, k8s } from '../../kit.ts';

/** The apiserver's Quantity pattern, exactly as controller-gen writes it. */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

/** A resource.Quantity: int-or-string, strings matching QUANTITY_PATTERN (`500m`, `1Gi`, `2`). */
export function quantity() {
  return k8s(intOrString(), { openapi: { pattern: QUANTITY_PATTERN } });
}

/** corev1.ResourceList: resource name -> quantity. */
export function resourceList() {
  return z.record(z.string(), quantity());
}
