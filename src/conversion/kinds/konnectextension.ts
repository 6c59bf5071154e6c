// KonnectExtension: v1alpha1 and v1alpha2 (hub) share every field but v1alpha1's
// spec.konnect.configuration and v2's status.konnect.authRef, which the lossless stash carries.
// Upstream stopped serving v1alpha1 instead of converting it; we convert.
import type { KindConversion } from '../types.ts';

const identity = <T>(object: T): T => object;

export const konnectExtensionConversion: KindConversion = {
  group: 'konnect.konghq.com',
  kind: 'KonnectExtension',
  hub: 'v1alpha2',
  spokes: { v1alpha1: { toHub: identity, fromHub: identity } },
};
