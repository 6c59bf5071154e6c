// KonnectExtension v1alpha1 (konnect.konghq.com). Upstream v2.2.3 keeps this version in the
// CRD but stopped serving it, stranding stored objects; kongward serves it (deprecated, not
// storage) and converts it to v1alpha2. Schema: the v1alpha1 entry of the v2.2.3 CRD.
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import { namespacedRef } from '../../common/konnect-entity.ts';
import { konnectConfiguration } from '../../common/konnect-auth-ref.ts';
import type { VersionDefinition } from '../../types.ts';
import {
  clientAuth,
  controlPlaneRefImmutableRule,
  dataPlane,
  konnectEndpoints,
  konnectExtensionPrinterColumns,
  konnectExtensionStatus,
} from '../konnectextension-shared.ts';

/** `spec.konnect.controlPlane.ref`: a ControlPlaneRef that must not be `kic` (the default). */
const controlPlaneRef = withRules(
  z.object({
    konnectNamespacedRef: namespacedRef.optional(),
    type: z.enum(['konnectNamespacedRef', 'kic']).default('kic'),
  }),
  cel("self.type != 'kic'", 'kic type not supported as controlPlaneRef.'),
  cel(
    "(has(self.type) && self.type == 'konnectNamespacedRef') ? has(self.konnectNamespacedRef) : true",
    'when type is konnectNamespacedRef, konnectNamespacedRef must be set',
  ),
  cel("(has(self.type) && self.type == 'kic') ? !has(self.konnectNamespacedRef) : true", 'when type is kic, konnectNamespacedRef must not be set'),
  cel('!has(self.type) ? !has(self.konnectNamespacedRef) : true', 'when type is unset, konnectNamespacedRef must not be set'),
);

export const konnectExtensionV1alpha1Spec = z.object({
  clientAuth,
  konnect: z.object({
    configuration: konnectConfiguration.optional(),
    controlPlane: z.object({ ref: controlPlaneRef }),
    dataPlane: dataPlane.optional(),
  }),
});

export const konnectExtensionV1alpha1Status = konnectExtensionStatus(
  z.object({
    clusterType: z.enum(['ControlPlane', 'K8SIngressController']),
    controlPlaneID: z.string(),
    endpoints: konnectEndpoints,
  }),
);

export const konnectExtensionV1alpha1Schema = resource({
  spec: konnectExtensionV1alpha1Spec,
  status: konnectExtensionV1alpha1Status,
  required: ['spec'],
  rules: [
    controlPlaneRefImmutableRule,
    cel(
      "self.spec.konnect.controlPlane.ref.type == 'konnectID' ? has(self.spec.konnect.configuration) : true",
      'konnect must be set when ControlPlaneRef is set to KonnectID.',
    ),
    cel(
      "self.spec.konnect.controlPlane.ref.type == 'konnectNamespacedRef' ? !has(self.spec.konnect.configuration) : true",
      'konnect must be unset when ControlPlaneRef is set to konnectNamespacedRef.',
    ),
  ],
});

export type KonnectExtensionV1alpha1 = z.output<typeof konnectExtensionV1alpha1Schema>;

export const konnectExtensionV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  // Upstream: served false. kongward serves it so stored objects can be read and converted.
  served: true,
  storage: false,
  deprecated: true,
  deprecationWarning:
    'This API has been deprecated in favor of v1alpha2 konnectextensions.konnect.konghq.com and it will be removed in future version.',
  schema: konnectExtensionV1alpha1Schema,
  subresources: { status: true },
  printerColumns: konnectExtensionPrinterColumns,
};
