// ControlPlane v2beta1 (storage): Kong Ingress Controller options, run by the operator itself.
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import type { VersionDefinition } from '../../types.ts';
import { extensionKindsOnListRule, extensionList } from '../extension-ref.ts';
import { controlPlaneConditions, controlPlaneOptionsV2beta1Shape, controlPlaneToggleList } from '../controlplane-options.ts';

const dataPlaneTarget = withRules(
  z.object({
    ref: z.object({ name: z.string().min(1).max(63) }).optional(),
    type: z.enum(['ref', 'managedByOwner']),
  }),
  cel("self.type != 'ref' || has(self.ref)", 'Ref has to be provided when type is set to ref'),
  cel("self.type != 'managedByOwner' || !has(self.ref)", 'Ref cannot be provided when type is set to managedByOwner'),
);

export const controlPlaneSpecV2beta1 = withRules(
  z.object({
    ...controlPlaneOptionsV2beta1Shape,
    dataplane: dataPlaneTarget,
    extensions: withRules(extensionList({ maxItems: 2 }), extensionKindsOnListRule('ControlPlane')).optional(),
  }),
  cel("self.dataplane.type != 'ref' || has(self.ingressClass)", "When dataplane target is of type 'ref' the ingressClass must be set"),
);

export const controlPlaneV2beta1Schema = resource({
  spec: controlPlaneSpecV2beta1,
  required: ['spec'],
  status: z.object({
    conditions: controlPlaneConditions('Provisioned'),
    controllers: controlPlaneToggleList.optional(),
    dataPlane: z.object({ name: z.string().min(1).max(63) }).optional(),
    featureGates: controlPlaneToggleList.optional(),
  }),
});

/** The object after defaults (what the controller and converters read). */
export type ControlPlaneV2beta1 = z.output<typeof controlPlaneV2beta1Schema>;

export const controlPlaneV2beta1: VersionDefinition = {
  name: 'v2beta1',
  served: true,
  storage: true,
  schema: controlPlaneV2beta1Schema,
  printerColumns: [
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Age' },
    { name: 'Ready', type: 'string', jsonPath: ".status.conditions[?(@.type=='Ready')].status", description: 'The Resource is ready' },
  ],
  subresources: { status: true },
};
