// KongReferenceGrant v1alpha1: lets objects of given kinds in other namespaces reference
// objects in this namespace (cross-namespace controlPlaneRef, secrets, plugins...).
import { z } from 'zod';
import { atomicList, cel, k8s, resource, withRules } from '../../kit.ts';
import { bareAgeColumn } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

const group = z.string().min(1).max(253).regex(/^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);
// The CRD spells the kind's minimum length as `allOf: [{minLength: 1}, {minLength: 1}]`.
const kind = () =>
  k8s(z.string().max(63).regex(/^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/), {
    openapi: { allOf: [{ minLength: 1 }, { minLength: 1 }] },
  });

export const referenceGrantFrom = withRules(
  z.object({
    group,
    kind: kind(),
    namespace: z.string().max(63).regex(/^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/),
  }),
  cel(
    "self.group != 'configuration.konghq.com' || self.kind in [ 'KongConsumer', 'KongConsumerGroup', 'KongRoute', 'KongService', 'KongCertificate', 'KongCACertificate', 'KongDataPlaneClientCertificate', 'KongUpstream', 'KongTarget', 'KongKey', 'KongKeySet', 'KongVault', 'KongPluginBinding', 'KongSNI']",
    "Only KongConsumer, KongConsumerGroup, KongRoute, KongCertificate, KongCACertificate, KongDataPlaneClientCertificate, KongService, KongUpstream, KongTarget, KongKey, KongKeySet, KongVault, KongPluginBinding and KongSNI kinds are supported for 'configuration.konghq.com' group",
  ),
  cel(
    "self.group != 'gateway-operator.konghq.com' || self.kind in [ 'GatewayConfiguration' ]",
    "Only GatewayConfiguration kind is supported for 'gateway-operator.konghq.com' group",
  ),
  cel(
    'self.kind == \'KongVault\' ? self.__namespace__ == "" : self.__namespace__ != ""',
    'namespace must be empty for KongVault and non-empty for other kinds',
  ),
);

export const referenceGrantTo = withRules(
  z.object({
    group,
    kind: kind(),
    name: z.string().min(1).max(253).optional(),
  }),
  cel(".self.group != 'core' || .self.kind == 'Secret'", "Only 'Secret' kind is supported for 'core' group"),
  cel(
    ".self.group != 'konnect.konghq.com' || .self.kind in ['KonnectGatewayControlPlane', 'KonnectAPIAuthConfiguration', 'Portal', 'KonnectEventGateway', 'EventGatewayBackendCluster', 'EventGatewayListener', 'EventGatewayVirtualCluster']",
    "Only 'KonnectGatewayControlPlane', 'KonnectAPIAuthConfiguration', 'Portal', 'KonnectEventGateway', 'EventGatewayBackendCluster', 'EventGatewayListener' and 'EventGatewayVirtualCluster' kinds are supported for 'konnect.konghq.com' group",
  ),
  cel(
    ".self.group != 'configuration.konghq.com' || .self.kind in ['KongPlugin', 'KongService', 'KongCertificate', 'KongCACertificate', 'KongUpstream']",
    "Only 'KongPlugin', 'KongService', 'KongCertificate', 'KongCACertificate' and 'KongUpstream' kinds are supported for 'configuration.konghq.com' group",
  ),
);

export const kongReferenceGrantV1alpha1Schema = resource({
  spec: z.object({
    from: atomicList(referenceGrantFrom).min(1).max(16),
    to: atomicList(referenceGrantTo).min(1).max(16),
  }),
});
export type KongReferenceGrantV1alpha1 = z.infer<typeof kongReferenceGrantV1alpha1Schema>;

export const kongReferenceGrantV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongReferenceGrantV1alpha1Schema,
  printerColumns: [bareAgeColumn],
  subresources: {},
};

export const kongReferenceGrantKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongReferenceGrant',
  plural: 'kongreferencegrants',
  singular: 'kongreferencegrant',
  listKind: 'KongReferenceGrantList',
  scope: 'Namespaced',
  categories: ['kong'],
  versions: [kongReferenceGrantV1alpha1],
};
