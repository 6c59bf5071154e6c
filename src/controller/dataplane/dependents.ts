// Which DataPlanes a change to another object concerns: a KonnectExtension (by the DataPlanes'
// extension index), its client certificate Secret, its KonnectGatewayControlPlane, the cluster
// CA Secret (all DataPlanes). Used by the Manager wiring (register.ts).
import { keyOf, objectKey, type KubeObject } from '../runtime/types.ts';
import type { IndexFunction } from '../runtime/object-cache.ts';
import { gatewayOperatorKonnectExtensionResource, konnectExtensionResource } from './constants.ts';
import { extensionRefs, isKonnectExtensionRef } from './konnect-extension.ts';
import { isObject } from './merge.ts';
import type { DataPlaneCaches } from './reconciler.ts';

export const EXTENSION_INDEX = 'dataplane-extension';

/** Index value `<group>/<namespace>/<name>` of each KonnectExtension a DataPlane references. */
export const byExtension: IndexFunction = (dp) =>
  extensionRefs(dp).filter(isKonnectExtensionRef).map((r) => `${r.group}/${dp.metadata.namespace}/${r.name}`);

function path(obj: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), obj);
}

export interface DependentMappers {
  gatewayOperatorExtension(obj: KubeObject): string[];
  konnectExtension(obj: KubeObject): string[];
  konnectControlPlane(obj: KubeObject): string[];
  /** A Secret that is the cluster CA or a KonnectExtension's client certificate. */
  secret(obj: KubeObject): string[];
}

export function dependentMappers(caches: DataPlaneCaches, clusterCaKey: string): DependentMappers {
  const byExt = (group: string, namespace: string, name: string) =>
    caches.dataPlanes.byIndex(EXTENSION_INDEX, `${group}/${namespace}/${name}`).map(keyOf);
  const extensionsReferencing = (group: string, list: KubeObject[], references: (ext: KubeObject) => boolean) =>
    list.filter(references).flatMap((ext) => byExt(group, ext.metadata.namespace ?? '', ext.metadata.name!));
  const goGroup = gatewayOperatorKonnectExtensionResource.group;
  const konnectGroup = konnectExtensionResource.group;
  return {
    gatewayOperatorExtension: (obj) => byExt(goGroup, obj.metadata.namespace ?? '', obj.metadata.name!),
    konnectExtension: (obj) => byExt(konnectGroup, obj.metadata.namespace ?? '', obj.metadata.name!),
    konnectControlPlane: (obj) => extensionsReferencing(konnectGroup, caches.konnectExtensions?.list(obj.metadata.namespace) ?? [],
      (ext) => path(ext.spec, 'konnect', 'controlPlane', 'ref', 'konnectNamespacedRef', 'name') === obj.metadata.name),
    secret: (obj) => {
      if (objectKey(obj.metadata.namespace, obj.metadata.name!) === clusterCaKey) return caches.dataPlanes.list().map(keyOf);
      const ns = obj.metadata.namespace;
      const name = obj.metadata.name;
      return [
        ...extensionsReferencing(goGroup, caches.gatewayOperatorExtensions?.list(ns) ?? [],
          (ext) => path(ext.spec, 'konnectControlPlaneAPIAuthConfiguration', 'clusterCertificateSecretRef', 'name') === name),
        ...extensionsReferencing(konnectGroup, caches.konnectExtensions?.list(ns) ?? [],
          (ext) => path(ext.spec, 'clientAuth', 'certificateSecret', 'secretRef', 'name') === name || path(ext.status, 'dataPlaneClientAuth', 'certificateSecretRef', 'name') === name),
      ];
    },
  };
}
