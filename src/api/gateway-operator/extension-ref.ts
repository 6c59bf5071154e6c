// `extensions` lists of DataPlane, ControlPlane and GatewayConfiguration: references to
// extension objects, and the rules naming which extension kinds each owner accepts.
import { z } from 'zod';
import { cel } from '../kit.ts';

export const extensionRef = z.object({
  group: z.string().max(253).default('gateway-operator.konghq.com'),
  kind: z.string().min(1).max(253),
  name: z.string().min(1).max(253),
  namespace: z.string().max(253).optional(),
});

/** An `extensions` list with its CRD bounds (some versions declare `minItems: 0`, some nothing). */
export function extensionList(bounds: { maxItems: number; minItems?: number }) {
  const list = z.array(extensionRef).max(bounds.maxItems);
  return bounds.minItems === undefined ? list : list.min(bounds.minItems);
}

/** What a ControlPlane (and a GatewayConfiguration) accepts: KonnectExtension or DataPlaneMetricsExtension. */
const controlPlaneExtensionKinds =
  "(e.group == 'konnect.konghq.com' && e.kind == 'KonnectExtension') || (e.group == 'gateway-operator.konghq.com' && e.kind == 'DataPlaneMetricsExtension')";

/** Rule on a spec holding `extensions` (DataPlane spec, dataPlaneOptions). */
export const dataPlaneExtensionsRule = cel(
  "has(self.extensions) ? self.extensions.all(e, (e.group == 'konnect.konghq.com' || e.group == 'gateway-operator.konghq.com') && e.kind == 'KonnectExtension') : true",
  'Extension not allowed for DataPlane',
);

/** Rule on a v1beta1 ControlPlane spec / controlPlaneOptions holding `extensions`. */
export const controlPlaneExtensionsRule = cel(
  `has(self.extensions) ? self.extensions.all(e, ${controlPlaneExtensionKinds}) : true`,
  'Extension not allowed for ControlPlane',
);

/** Rule on the v2beta1 `extensions` list itself. */
export function extensionKindsOnListRule(owner: 'ControlPlane' | 'GatewayConfiguration') {
  return cel(`self.all(e, ${controlPlaneExtensionKinds})`, `Extension not allowed for ${owner}`);
}

/** Root rule of GatewayConfiguration v1beta1 on `spec.extensions`. */
export const gatewayConfigurationExtensionsRootRule = cel(
  `has(self.spec.extensions) ? self.spec.extensions.all(e, ${controlPlaneExtensionKinds}) : true`,
  'Extension not allowed for GatewayConfiguration',
);
