// ControlPlane: served as v1beta1 (deprecated) and v2beta1 (storage).
import type { KindDefinition } from '../types.ts';
import { controlPlaneV1beta1 } from './v1beta1/controlplane.ts';
import { controlPlaneV2beta1 } from './v2beta1/controlplane.ts';

export const controlPlaneKind: KindDefinition = {
  group: 'gateway-operator.konghq.com',
  kind: 'ControlPlane',
  plural: 'controlplanes',
  singular: 'controlplane',
  listKind: 'ControlPlaneList',
  scope: 'Namespaced',
  shortNames: ['kocp'],
  categories: ['kong'],
  versions: [controlPlaneV1beta1, controlPlaneV2beta1],
};
