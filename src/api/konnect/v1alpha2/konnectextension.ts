// KonnectExtension v1alpha2 (storage): attaches a DataPlane or ControlPlane to a Konnect
// gateway control plane. Mirrors Kong Operator v2.2.3.
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import { namespacedRef } from '../../common/konnect-entity.ts';
import { konnectNamespacedAuthRef } from '../../common/konnect-auth-ref.ts';
import type { VersionDefinition } from '../../types.ts';
import {
  clientAuth,
  controlPlaneRefImmutableRule,
  dataPlane,
  konnectEndpoints,
  konnectExtensionPrinterColumns,
  konnectExtensionStatus,
} from '../konnectextension-shared.ts';

/** `spec.konnect.controlPlane.ref`: only konnectNamespacedRef (the default). */
const controlPlaneRef = withRules(
  z.object({
    konnectNamespacedRef: namespacedRef.optional(),
    type: z.enum(['konnectNamespacedRef']).default('konnectNamespacedRef'),
  }),
  cel(
    "(has(self.type) && self.type == 'konnectNamespacedRef') ? has(self.konnectNamespacedRef) : true",
    'when type is konnectNamespacedRef, konnectNamespacedRef must be set',
  ),
);

export const konnectExtensionV1alpha2Spec = z.object({
  clientAuth,
  konnect: z.object({
    controlPlane: z.object({ ref: controlPlaneRef }),
    dataPlane: dataPlane.optional(),
  }),
});

export const konnectExtensionV1alpha2Status = konnectExtensionStatus(
  z.object({
    authRef: konnectNamespacedAuthRef.optional(),
    clusterType: z.enum(['ControlPlane', 'K8SIngressController', 'ControlPlaneGroup']),
    controlPlaneID: z.string().min(1),
    endpoints: konnectEndpoints,
  }),
);

export const konnectExtensionV1alpha2Schema = resource({
  spec: konnectExtensionV1alpha2Spec,
  status: konnectExtensionV1alpha2Status,
  required: ['spec'],
  rules: [controlPlaneRefImmutableRule],
});

export type KonnectExtensionV1alpha2 = z.output<typeof konnectExtensionV1alpha2Schema>;

export const konnectExtensionV1alpha2: VersionDefinition = {
  name: 'v1alpha2',
  served: true,
  storage: true,
  schema: konnectExtensionV1alpha2Schema,
  subresources: { status: true },
  printerColumns: [...konnectExtensionPrinterColumns, { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Age' }],
};
