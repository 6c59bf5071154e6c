// ControlPlane v1beta1 (deprecated, served; storage is v2beta1): a Kong Ingress Controller
// deployment described by a pod template.
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import type { VersionDefinition } from '../../types.ts';
import { controlPlaneExtensionsRule } from '../extension-ref.ts';
import { controlPlaneConditions, controlPlaneOptionsV1beta1Shape } from '../controlplane-options.ts';

export const controlPlaneSpecV1beta1 = withRules(
  z.object({
    ...controlPlaneOptionsV1beta1Shape,
    gatewayClass: z.string().min(1).max(253).optional(),
    ingressClass: z.string().optional(),
  }),
  controlPlaneExtensionsRule,
);

export const controlPlaneV1beta1Schema = resource({
  spec: controlPlaneSpecV1beta1,
  status: z.object({ conditions: controlPlaneConditions('Scheduled') }),
  rules: [
    cel(
      "has(self.spec.deployment.podTemplateSpec) && has(self.spec.deployment.podTemplateSpec.spec.containers) && self.spec.deployment.podTemplateSpec.spec.containers.exists(c, c.name == 'controller' && has(c.image))",
      'ControlPlane requires an image to be set on controller container',
    ),
  ],
});

/** The object after defaults (what the controller and converters read). */
export type ControlPlaneV1beta1 = z.output<typeof controlPlaneV1beta1Schema>;

export const controlPlaneV1beta1: VersionDefinition = {
  name: 'v1beta1',
  served: true,
  storage: false,
  deprecated: true,
  deprecationWarning: 'ControlPlane v1beta1 has been deprecated in favor of v2beta1 and it will be removed in the future.',
  schema: controlPlaneV1beta1Schema,
  printerColumns: [
    { name: 'Ready', type: 'string', jsonPath: ".status.conditions[?(@.type=='Ready')].status", description: 'The Resource is ready' },
    {
      name: 'Provisioned',
      type: 'string',
      jsonPath: ".status.conditions[?(@.type=='Provisioned')].status",
      description: 'The Resource is provisioned',
    },
  ],
  subresources: { status: true },
};
