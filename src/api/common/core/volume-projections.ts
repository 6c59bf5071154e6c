// Volume sources that project API data into files: ConfigMap, Secret, DownwardAPI and the
// Projected volume with its projections (cluster trust bundles, pod certificates, tokens).
import { z } from 'zod';
import { atomicList, atomicStruct, integer } from '../../kit.ts';
import { keyToPath, labelSelector, objectFieldSelector, resourceFieldSelector } from './references.ts';

/** corev1.ConfigMapVolumeSource. */
export const configMapVolumeSource = atomicStruct(z.object({
  defaultMode: integer('int32').optional(),
  items: atomicList(keyToPath).optional(),
  name: z.string().default(''),
  optional: z.boolean().optional(),
}));

/** corev1.SecretVolumeSource. */
export const secretVolumeSource = z.object({
  defaultMode: integer('int32').optional(),
  items: atomicList(keyToPath).optional(),
  optional: z.boolean().optional(),
  secretName: z.string().optional(),
});

/** corev1.DownwardAPIVolumeFile. */
export const downwardAPIVolumeFile = z.object({
  fieldRef: objectFieldSelector.optional(),
  mode: integer('int32').optional(),
  path: z.string(),
  resourceFieldRef: resourceFieldSelector.optional(),
});

/** corev1.DownwardAPIVolumeSource. */
export const downwardAPIVolumeSource = z.object({
  defaultMode: integer('int32').optional(),
  items: atomicList(downwardAPIVolumeFile).optional(),
});

/** corev1.ConfigMapProjection / SecretProjection (same shape). */
export const keyProjection = atomicStruct(z.object({
  items: atomicList(keyToPath).optional(),
  name: z.string().default(''),
  optional: z.boolean().optional(),
}));

/** corev1.ClusterTrustBundleProjection. */
export const clusterTrustBundleProjection = z.object({
  labelSelector: labelSelector.optional(),
  name: z.string().optional(),
  optional: z.boolean().optional(),
  path: z.string(),
  signerName: z.string().optional(),
});

/** corev1.PodCertificateProjection. */
export const podCertificateProjection = z.object({
  certificateChainPath: z.string().optional(),
  credentialBundlePath: z.string().optional(),
  keyPath: z.string().optional(),
  keyType: z.string(),
  maxExpirationSeconds: integer('int32').optional(),
  signerName: z.string(),
  userAnnotations: z.record(z.string(), z.string()).optional(),
});

/** corev1.ServiceAccountTokenProjection. */
export const serviceAccountTokenProjection = z.object({
  audience: z.string().optional(),
  expirationSeconds: integer('int64').optional(),
  path: z.string(),
});

/** corev1.VolumeProjection. */
export const volumeProjection = z.object({
  clusterTrustBundle: clusterTrustBundleProjection.optional(),
  configMap: keyProjection.optional(),
  downwardAPI: z.object({ items: atomicList(downwardAPIVolumeFile).optional() }).optional(),
  podCertificate: podCertificateProjection.optional(),
  secret: keyProjection.optional(),
  serviceAccountToken: serviceAccountTokenProjection.optional(),
});

/** corev1.ProjectedVolumeSource. */
export const projectedVolumeSource = z.object({
  defaultMode: integer('int32').optional(),
  sources: atomicList(volumeProjection).optional(),
});
