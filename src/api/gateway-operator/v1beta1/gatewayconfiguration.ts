// GatewayConfiguration v1beta1 (deprecated, served; storage is v2beta1): how the operator
// deploys the DataPlane and ControlPlane of a Gateway.
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import type { VersionDefinition } from '../../types.ts';
import { conditions } from '../../common/conditions.ts';
import { controlPlaneExtensionsRule, extensionList, gatewayConfigurationExtensionsRootRule } from '../extension-ref.ts';
import { controlPlaneOptionsV1beta1Shape } from '../controlplane-options.ts';
import {
  gatewayConfigurationDataPlaneOptionsV1beta1,
  listenerNodePortNeedsServiceTypeRule,
  listenersOptions,
} from '../gatewayconfiguration-shared.ts';

/** KonnectExtension belongs on `spec.extensions`, not on the per-plane options. */
function konnectExtensionAtGatewayLevelRule(options: 'dataPlaneOptions' | 'controlPlaneOptions') {
  return cel(
    `has(self.${options}) && has(self.${options}.extensions) ? self.${options}.extensions.all(e, (e.group != 'konnect.konghq.com' && e.group != 'gateway-operator.konghq.com') || e.kind != 'KonnectExtension') : true`,
    'KonnectExtension must be set at the Gateway level',
  );
}

export const gatewayConfigurationSpecV1beta1 = withRules(
  z.object({
    controlPlaneOptions: withRules(z.object(controlPlaneOptionsV1beta1Shape), controlPlaneExtensionsRule).optional(),
    dataPlaneOptions: gatewayConfigurationDataPlaneOptionsV1beta1.optional(),
    extensions: extensionList({ maxItems: 1, minItems: 0 }).optional(),
    listenersOptions: listenersOptions.optional(),
  }),
  konnectExtensionAtGatewayLevelRule('dataPlaneOptions'),
  konnectExtensionAtGatewayLevelRule('controlPlaneOptions'),
  listenerNodePortNeedsServiceTypeRule,
);

export const gatewayConfigurationV1beta1Schema = resource({
  spec: gatewayConfigurationSpecV1beta1,
  status: z.object({ conditions: conditions({ maxItems: 8 }).optional() }),
  rules: [gatewayConfigurationExtensionsRootRule],
});

/** The object after defaults (what the controller and converters read). */
export type GatewayConfigurationV1beta1 = z.output<typeof gatewayConfigurationV1beta1Schema>;

export const gatewayConfigurationV1beta1: VersionDefinition = {
  name: 'v1beta1',
  served: true,
  storage: false,
  deprecated: true,
  deprecationWarning: 'GatewayConfiguration v1beta1 has been deprecated in favor of v2beta1 and it will be removed in future.',
  schema: gatewayConfigurationV1beta1Schema,
  subresources: { status: true },
};
