// corev1.EnvVar, EnvVarSource and EnvFromSource.
import { z } from 'zod';
import { atomicStruct } from '../../kit.ts';
import {
  configMapKeySelector, envSourceReference, objectFieldSelector, resourceFieldSelector, secretKeySelector,
} from './references.ts';

/** corev1.FileKeySelector: a key of an env file in a volume. */
export const fileKeySelector = atomicStruct(z.object({
  key: z.string(),
  optional: z.boolean().default(false),
  path: z.string(),
  volumeName: z.string(),
}));

/** corev1.EnvVarSource. */
export const envVarSource = z.object({
  configMapKeyRef: configMapKeySelector.optional(),
  fieldRef: objectFieldSelector.optional(),
  fileKeyRef: fileKeySelector.optional(),
  resourceFieldRef: resourceFieldSelector.optional(),
  secretKeyRef: secretKeySelector.optional(),
});

/** corev1.EnvVar. */
export const envVar = z.object({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: envVarSource.optional(),
});

/** corev1.EnvFromSource. */
export const envFromSource = z.object({
  configMapRef: envSourceReference.optional(),
  prefix: z.string().optional(),
  secretRef: envSourceReference.optional(),
});
