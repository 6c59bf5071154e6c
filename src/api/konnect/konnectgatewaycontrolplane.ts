// KonnectGatewayControlPlane: a Konnect gateway control plane (created or mirrored).
import type { KindDefinition } from '../types.ts';
import { konnectGatewayControlPlaneV1alpha1 } from './v1alpha1/konnectgatewaycontrolplane.ts';
import { konnectGatewayControlPlaneV1alpha2 } from './v1alpha2/konnectgatewaycontrolplane.ts';

export const konnectGatewayControlPlaneKind: KindDefinition = {
  group: 'konnect.konghq.com',
  kind: 'KonnectGatewayControlPlane',
  plural: 'konnectgatewaycontrolplanes',
  singular: 'konnectgatewaycontrolplane',
  listKind: 'KonnectGatewayControlPlaneList',
  scope: 'Namespaced',
  categories: ['kong', 'konnect'],
  versions: [konnectGatewayControlPlaneV1alpha1, konnectGatewayControlPlaneV1alpha2],
};
