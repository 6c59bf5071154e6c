// GatewayConfiguration v2beta1 (storage): DataPlane and ControlPlane options of a Gateway,
// plus its Konnect settings.
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import type { VersionDefinition } from '../../types.ts';
import { conditions } from '../../common/conditions.ts';
import { extensionKindsOnListRule, extensionList } from '../extension-ref.ts';
import { controlPlaneOptionsV2beta1Shape } from '../controlplane-options.ts';
import {
  gatewayConfigurationDataPlaneOptionsV2beta1,
  listenerNodePortNeedsServiceTypeRule,
  listenersOptions,
} from '../gatewayconfiguration-shared.ts';

const konnectOptions = withRules(
  z.object({
    authRef: z.object({ name: z.string().min(1), namespace: z.string().min(1).optional() }).optional(),
    mirror: z
      .object({
        konnect: z.object({
          id: z
            .string()
            .max(36)
            .regex(/^[0-9a-f]{8}(?:\-[0-9a-f]{4}){3}-[0-9a-f]{12}$/),
        }),
      })
      .optional(),
    source: z.enum(['Origin', 'Mirror']).default('Origin'),
  }),
  cel("self.source == 'Mirror' ? has(self.mirror) : true", 'mirror field must be set for type Mirror'),
  cel("self.source == 'Origin' ? !has(self.mirror) : true", 'mirror field cannot be set for type Origin'),
);

export const gatewayConfigurationSpecV2beta1 = withRules(
  z.object({
    controlPlaneOptions: z.object(controlPlaneOptionsV2beta1Shape).optional(),
    dataPlaneOptions: gatewayConfigurationDataPlaneOptionsV2beta1.optional(),
    extensions: withRules(extensionList({ maxItems: 2, minItems: 0 }), extensionKindsOnListRule('GatewayConfiguration')).optional(),
    konnect: konnectOptions.optional(),
    listenersOptions: listenersOptions.optional(),
  }),
  cel("!(has(self.konnect) && has(self.extensions))", "Only one of 'konnect' or 'extensions' can be specified"),
  listenerNodePortNeedsServiceTypeRule,
);

export const gatewayConfigurationV2beta1Schema = resource({
  spec: gatewayConfigurationSpecV2beta1,
  status: z.object({ conditions: conditions({ maxItems: 8 }).optional() }),
});

/** The object after defaults (what the controller and converters read). */
export type GatewayConfigurationV2beta1 = z.output<typeof gatewayConfigurationV2beta1Schema>;

export const gatewayConfigurationV2beta1: VersionDefinition = {
  name: 'v2beta1',
  served: true,
  storage: true,
  schema: gatewayConfigurationV2beta1Schema,
  printerColumns: [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Age' }],
  subresources: { status: true },
};
