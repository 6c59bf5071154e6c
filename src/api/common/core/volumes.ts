// corev1.Volume: a name plus exactly one volume source (the apiserver, not the CRD, enforces
// "exactly one", so the schema only lists them).
import { z } from 'zod';
import { listMap } from '../../kit.ts';
import { ephemeralVolumeSource } from './ephemeral-volume.ts';
import {
  awsElasticBlockStoreVolumeSource, azureDiskVolumeSource, azureFileVolumeSource, cephFSVolumeSource,
  cinderVolumeSource, csiVolumeSource, emptyDirVolumeSource, fcVolumeSource, flexVolumeSource,
  flockerVolumeSource, gcePersistentDiskVolumeSource, gitRepoVolumeSource, glusterfsVolumeSource,
  hostPathVolumeSource, imageVolumeSource, iscsiVolumeSource, nfsVolumeSource,
  persistentVolumeClaimVolumeSource, photonPersistentDiskVolumeSource, portworxVolumeSource,
  quobyteVolumeSource, rbdVolumeSource, scaleIOVolumeSource, storageOSVolumeSource,
  vsphereVirtualDiskVolumeSource,
} from './volume-sources.ts';
import {
  configMapVolumeSource, downwardAPIVolumeSource, projectedVolumeSource, secretVolumeSource,
} from './volume-projections.ts';

/** corev1.Volume. */
export const volume = z.object({
  awsElasticBlockStore: awsElasticBlockStoreVolumeSource.optional(),
  azureDisk: azureDiskVolumeSource.optional(),
  azureFile: azureFileVolumeSource.optional(),
  cephfs: cephFSVolumeSource.optional(),
  cinder: cinderVolumeSource.optional(),
  configMap: configMapVolumeSource.optional(),
  csi: csiVolumeSource.optional(),
  downwardAPI: downwardAPIVolumeSource.optional(),
  emptyDir: emptyDirVolumeSource.optional(),
  ephemeral: ephemeralVolumeSource.optional(),
  fc: fcVolumeSource.optional(),
  flexVolume: flexVolumeSource.optional(),
  flocker: flockerVolumeSource.optional(),
  gcePersistentDisk: gcePersistentDiskVolumeSource.optional(),
  gitRepo: gitRepoVolumeSource.optional(),
  glusterfs: glusterfsVolumeSource.optional(),
  hostPath: hostPathVolumeSource.optional(),
  image: imageVolumeSource.optional(),
  iscsi: iscsiVolumeSource.optional(),
  name: z.string(),
  nfs: nfsVolumeSource.optional(),
  persistentVolumeClaim: persistentVolumeClaimVolumeSource.optional(),
  photonPersistentDisk: photonPersistentDiskVolumeSource.optional(),
  portworxVolume: portworxVolumeSource.optional(),
  projected: projectedVolumeSource.optional(),
  quobyte: quobyteVolumeSource.optional(),
  rbd: rbdVolumeSource.optional(),
  scaleIO: scaleIOVolumeSource.optional(),
  secret: secretVolumeSource.optional(),
  storageos: storageOSVolumeSource.optional(),
  vsphereVolume: vsphereVirtualDiskVolumeSource.optional(),
});

/** `volumes`: a list-map keyed by name. */
export function volumeList() {
  return listMap(volume, ['name']);
}
