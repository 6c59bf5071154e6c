// KonnectExtension (konnect.konghq.com): Konnect attachment for DataPlanes and ControlPlanes.
import type { KindDefinition } from '../types.ts';
import { konnectExtensionV1alpha1 } from './v1alpha1/konnectextension.ts';
import { konnectExtensionV1alpha2 } from './v1alpha2/konnectextension.ts';

export const konnectExtensionKind: KindDefinition = {
  group: 'konnect.konghq.com',
  kind: 'KonnectExtension',
  plural: 'konnectextensions',
  singular: 'konnectextension',
  listKind: 'KonnectExtensionList',
  scope: 'Namespaced',
  categories: ['kong', 'konnect'],
  versions: [konnectExtensionV1alpha1, konnectExtensionV1alpha2],
};
