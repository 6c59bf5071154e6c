// The kinds served in more than one version and their hub-and-spoke converters.
import type { KindConversion } from './types.ts';
import { konnectGatewayControlPlaneConversion } from './kinds/konnectgatewaycontrolplane.ts';
import { konnectExtensionConversion } from './kinds/konnectextension.ts';
import { controlPlaneConversion } from './kinds/controlplane.ts';
import { gatewayConfigurationConversion } from './kinds/gatewayconfiguration.ts';

export const conversions: readonly KindConversion[] = [
  konnectGatewayControlPlaneConversion,
  konnectExtensionConversion,
  controlPlaneConversion,
  gatewayConfigurationConversion,
];

const byGroupKind = new Map(conversions.map((c) => [`${c.group}/${c.kind}`, c]));

export function findConversion(group: string, kind: string): KindConversion | undefined {
  return byGroupKind.get(`${group}/${kind}`);
}
