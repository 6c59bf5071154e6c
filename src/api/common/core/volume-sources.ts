// Storage-backed volume sources (in-tree and legacy drivers, CSI, host paths, images).
import { z } from 'zod';
import { atomicList, integer } from '../../kit.ts';
import { quantity } from './quantities.ts';
import { localObjectReference } from './references.ts';

const secretRef = localObjectReference.optional();

export const awsElasticBlockStoreVolumeSource = z.object({
  fsType: z.string().optional(),
  partition: integer('int32').optional(),
  readOnly: z.boolean().optional(),
  volumeID: z.string(),
});

export const azureDiskVolumeSource = z.object({
  cachingMode: z.string().optional(),
  diskName: z.string(),
  diskURI: z.string(),
  fsType: z.string().default('ext4'),
  kind: z.string().optional(),
  readOnly: z.boolean().default(false),
});

export const azureFileVolumeSource = z.object({
  readOnly: z.boolean().optional(),
  secretName: z.string(),
  shareName: z.string(),
});

export const cephFSVolumeSource = z.object({
  monitors: atomicList(z.string()),
  path: z.string().optional(),
  readOnly: z.boolean().optional(),
  secretFile: z.string().optional(),
  secretRef,
  user: z.string().optional(),
});

export const cinderVolumeSource = z.object({
  fsType: z.string().optional(),
  readOnly: z.boolean().optional(),
  secretRef,
  volumeID: z.string(),
});

export const csiVolumeSource = z.object({
  driver: z.string(),
  fsType: z.string().optional(),
  nodePublishSecretRef: localObjectReference.optional(),
  readOnly: z.boolean().optional(),
  volumeAttributes: z.record(z.string(), z.string()).optional(),
});

export const emptyDirVolumeSource = z.object({
  medium: z.string().optional(),
  sizeLimit: quantity().optional(),
});

export const fcVolumeSource = z.object({
  fsType: z.string().optional(),
  lun: integer('int32').optional(),
  readOnly: z.boolean().optional(),
  targetWWNs: atomicList(z.string()).optional(),
  wwids: atomicList(z.string()).optional(),
});

export const flexVolumeSource = z.object({
  driver: z.string(),
  fsType: z.string().optional(),
  options: z.record(z.string(), z.string()).optional(),
  readOnly: z.boolean().optional(),
  secretRef,
});

export const flockerVolumeSource = z.object({
  datasetName: z.string().optional(),
  datasetUUID: z.string().optional(),
});

export const gcePersistentDiskVolumeSource = z.object({
  fsType: z.string().optional(),
  partition: integer('int32').optional(),
  pdName: z.string(),
  readOnly: z.boolean().optional(),
});

export const gitRepoVolumeSource = z.object({
  directory: z.string().optional(),
  repository: z.string(),
  revision: z.string().optional(),
});

export const glusterfsVolumeSource = z.object({
  endpoints: z.string(),
  path: z.string(),
  readOnly: z.boolean().optional(),
});

export const hostPathVolumeSource = z.object({
  path: z.string(),
  type: z.string().optional(),
});

export const imageVolumeSource = z.object({
  pullPolicy: z.string().optional(),
  reference: z.string().optional(),
});

export const iscsiVolumeSource = z.object({
  chapAuthDiscovery: z.boolean().optional(),
  chapAuthSession: z.boolean().optional(),
  fsType: z.string().optional(),
  initiatorName: z.string().optional(),
  iqn: z.string(),
  iscsiInterface: z.string().default('default'),
  lun: integer('int32'),
  portals: atomicList(z.string()).optional(),
  readOnly: z.boolean().optional(),
  secretRef,
  targetPortal: z.string(),
});

export const nfsVolumeSource = z.object({
  path: z.string(),
  readOnly: z.boolean().optional(),
  server: z.string(),
});

export const persistentVolumeClaimVolumeSource = z.object({
  claimName: z.string(),
  readOnly: z.boolean().optional(),
});

export const photonPersistentDiskVolumeSource = z.object({
  fsType: z.string().optional(),
  pdID: z.string(),
});

export const portworxVolumeSource = z.object({
  fsType: z.string().optional(),
  readOnly: z.boolean().optional(),
  volumeID: z.string(),
});

export const quobyteVolumeSource = z.object({
  group: z.string().optional(),
  readOnly: z.boolean().optional(),
  registry: z.string(),
  tenant: z.string().optional(),
  user: z.string().optional(),
  volume: z.string(),
});

export const rbdVolumeSource = z.object({
  fsType: z.string().optional(),
  image: z.string(),
  keyring: z.string().default('/etc/ceph/keyring'),
  monitors: atomicList(z.string()),
  pool: z.string().default('rbd'),
  readOnly: z.boolean().optional(),
  secretRef,
  user: z.string().default('admin'),
});

export const scaleIOVolumeSource = z.object({
  fsType: z.string().default('xfs'),
  gateway: z.string(),
  protectionDomain: z.string().optional(),
  readOnly: z.boolean().optional(),
  secretRef: localObjectReference,
  sslEnabled: z.boolean().optional(),
  storageMode: z.string().default('ThinProvisioned'),
  storagePool: z.string().optional(),
  system: z.string(),
  volumeName: z.string().optional(),
});

export const storageOSVolumeSource = z.object({
  fsType: z.string().optional(),
  readOnly: z.boolean().optional(),
  secretRef,
  volumeName: z.string().optional(),
  volumeNamespace: z.string().optional(),
});

export const vsphereVirtualDiskVolumeSource = z.object({
  fsType: z.string().optional(),
  storagePolicyID: z.string().optional(),
  storagePolicyName: z.string().optional(),
  volumePath: z.string(),
});
