// corev1.ResourceRequirements (containers and pod-level resources) and its claims.
import { z } from 'zod';
import { listMap } from '../../kit.ts';
import { resourceList } from './quantities.ts';

/** corev1.ResourceClaim: a container's use of one of the pod's resource claims. */
export const resourceClaim = z.object({
  name: z.string(),
  request: z.string().optional(),
});

/** corev1.ResourceRequirements. */
export const resourceRequirements = z.object({
  claims: listMap(resourceClaim, ['name']).optional(),
  limits: resourceList().optional(),
  requests: resourceList().optional(),
});
