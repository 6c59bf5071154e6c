// corev1.EphemeralVolumeSource: a PersistentVolumeClaim template created per pod.
import { z } from 'zod';
import { atomicList, atomicStruct } from '../../kit.ts';
import { resourceList } from './quantities.ts';
import { embeddedObjectMeta, labelSelector } from './references.ts';

/** corev1.TypedLocalObjectReference. */
export const typedLocalObjectReference = atomicStruct(z.object({
  apiGroup: z.string().optional(),
  kind: z.string(),
  name: z.string(),
}));

/** corev1.TypedObjectReference. */
export const typedObjectReference = z.object({
  apiGroup: z.string().optional(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
});

/** corev1.VolumeResourceRequirements. */
export const volumeResourceRequirements = z.object({
  limits: resourceList().optional(),
  requests: resourceList().optional(),
});

/** corev1.PersistentVolumeClaimSpec. */
export const persistentVolumeClaimSpec = z.object({
  accessModes: atomicList(z.string()).optional(),
  dataSource: typedLocalObjectReference.optional(),
  dataSourceRef: typedObjectReference.optional(),
  resources: volumeResourceRequirements.optional(),
  selector: labelSelector.optional(),
  storageClassName: z.string().optional(),
  volumeAttributesClassName: z.string().optional(),
  volumeMode: z.string().optional(),
  volumeName: z.string().optional(),
});

/** corev1.PersistentVolumeClaimTemplate. */
export const persistentVolumeClaimTemplate = z.object({
  metadata: embeddedObjectMeta.optional(),
  spec: persistentVolumeClaimSpec,
});

/** corev1.EphemeralVolumeSource. */
export const ephemeralVolumeSource = z.object({
  volumeClaimTemplate: persistentVolumeClaimTemplate.optional(),
});
