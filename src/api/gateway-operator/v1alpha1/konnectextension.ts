// KonnectExtension v1alpha1 of the OLD group gateway-operator.konghq.com (KGO 1.4/1.5 only;
// Kong Operator 2.x moved it to konnect.konghq.com). Reference: the KGO 1.5 CRD.
import { z } from 'zod';
import { cel, k8s, resource, withRules } from '../../kit.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

const controlPlaneRef = withRules(
  z.object({
    konnectID: z.string().optional(),
    konnectNamespacedRef: z.object({ name: z.string(), namespace: z.string().optional() }).optional(),
    type: z.enum(['konnectID', 'konnectNamespacedRef', 'kic']).default('kic'),
  }),
  cel("self.type == 'konnectID'", 'Only konnectID type currently supported as controlPlaneRef.'),
  cel("(has(self.type) && self.type == 'konnectNamespacedRef') ? has(self.konnectNamespacedRef) : true", 'when type is konnectNamespacedRef, konnectNamespacedRef must be set'),
  cel("(has(self.type) && self.type == 'konnectNamespacedRef') ? !has(self.konnectID) : true", 'when type is konnectNamespacedRef, konnectID must not be set'),
  cel("(has(self.type) && self.type == 'konnectID') ? has(self.konnectID) : true", 'when type is konnectID, konnectID must be set'),
  cel("(has(self.type) && self.type == 'konnectID') ? !has(self.konnectNamespacedRef) : true", 'when type is konnectID, konnectNamespacedRef must not be set'),
  cel("(has(self.type) && self.type == 'kic') ? !has(self.konnectID) : true", 'when type is kic, konnectID must not be set'),
  cel("(has(self.type) && self.type == 'kic') ? !has(self.konnectNamespacedRef) : true", 'when type is kic, konnectNamespacedRef must not be set'),
  cel('!has(self.type) ? !has(self.konnectID) : true', 'when type is unset, konnectID must not be set'),
  cel('!has(self.type) ? !has(self.konnectNamespacedRef) : true', 'when type is unset, konnectNamespacedRef must not be set'),
);

export const konnectExtensionV1alpha1Schema = resource({
  spec: z.object({
    clusterDataPlaneLabels: z.record(z.string(), z.string()).optional(),
    controlPlaneRef,
    controlPlaneRegion: k8s(z.string(), { openapi: { example: 'us' } }),
    konnectControlPlaneAPIAuthConfiguration: z.object({
      clusterCertificateSecretRef: z.object({ name: z.string() }),
    }),
    serverHostname: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/)
      .default('konghq.com')
      .nonoptional(), // required and defaulted in the CRD
  }),
  status: z.object({
    dataPlaneRefs: z.array(z.object({ name: z.string().min(1).max(253), namespace: z.string().optional() })).optional(),
  }),
  rules: [cel('oldSelf.spec.controlPlaneRef == self.spec.controlPlaneRef', 'spec.controlPlaneRef is immutable.')],
});

/** The object after defaults (what the controller and converters read). */
export type GatewayOperatorKonnectExtensionV1alpha1 = z.output<typeof konnectExtensionV1alpha1Schema>;

export const konnectExtensionV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  deprecated: true,
  deprecationWarning:
    'The v1alpha1 version of KonnectExtension in the gateway-operator.konghq.com API group has been deprecated and will be removed in a future release of the API. Please use the version from the konnect.konghq.com API group.',
  schema: konnectExtensionV1alpha1Schema,
  subresources: { status: true },
};

export const gatewayOperatorKonnectExtensionKind: KindDefinition = {
  group: 'gateway-operator.konghq.com',
  kind: 'KonnectExtension',
  plural: 'konnectextensions',
  singular: 'konnectextension',
  listKind: 'KonnectExtensionList',
  scope: 'Namespaced',
  versions: [konnectExtensionV1alpha1],
};
