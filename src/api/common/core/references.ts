// Small reference and selector types many core objects embed: LocalObjectReference, key
// selectors for ConfigMaps/Secrets, field and resource-field selectors, KeyToPath, LabelSelector.
import { z } from 'zod';
import { atomicList, atomicStruct, integer } from '../../kit.ts';
import { quantity } from './quantities.ts';

/** corev1.LocalObjectReference (`name` defaults to ""). */
export const localObjectReference = atomicStruct(z.object({
  name: z.string().default(''),
}));

/** corev1.ConfigMapKeySelector / SecretKeySelector (same shape). */
export const keySelector = atomicStruct(z.object({
  key: z.string(),
  name: z.string().default(''),
  optional: z.boolean().optional(),
}));
export const configMapKeySelector = keySelector;
export const secretKeySelector = keySelector;

/** corev1.ConfigMapEnvSource / SecretEnvSource (same shape). */
export const envSourceReference = atomicStruct(z.object({
  name: z.string().default(''),
  optional: z.boolean().optional(),
}));

/** corev1.ObjectFieldSelector. */
export const objectFieldSelector = atomicStruct(z.object({
  apiVersion: z.string().optional(),
  fieldPath: z.string(),
}));

/** corev1.ResourceFieldSelector. */
export const resourceFieldSelector = atomicStruct(z.object({
  containerName: z.string().optional(),
  divisor: quantity().optional(),
  resource: z.string(),
}));

/** corev1.KeyToPath (ConfigMap/Secret volume items). */
export const keyToPath = z.object({
  key: z.string(),
  mode: integer('int32').optional(),
  path: z.string(),
});

/** metav1.LabelSelectorRequirement. */
export const labelSelectorRequirement = z.object({
  key: z.string(),
  operator: z.string(),
  values: atomicList(z.string()).optional(),
});

/** metav1.LabelSelector (`x-kubernetes-map-type: atomic`). */
export const labelSelector = atomicStruct(z.object({
  matchExpressions: atomicList(labelSelectorRequirement).optional(),
  matchLabels: z.record(z.string(), z.string()).optional(),
}));

/** The ObjectMeta subset controller-gen embeds in templates (PodTemplateSpec, PVC templates). */
export const embeddedObjectMeta = z.object({
  annotations: z.record(z.string(), z.string()).optional(),
  finalizers: z.array(z.string()).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
});
