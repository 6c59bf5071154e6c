// KonnectCloudGatewayDataPlaneGroupConfiguration v1alpha1: the data plane groups Konnect runs
// for a control plane (per provider/region, autoscaling, network). Mirrors Kong Operator v2.2.3.
import { z } from 'zod';
import { cel, integer, resource, withRules } from '../../kit.ts';
import { adoptNeedsKonnectRefRule, adoptOptions, adoptSetOnceRule, namespacedRef } from '../../common/konnect-entity.ts';
import { conditionsPending } from '../../common/pending-conditions.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

/** This kind's controlPlaneRef: like the common one but without the `'konnectID'` rule. */
const controlPlaneRef = withRules(
  z.object({
    konnectNamespacedRef: namespacedRef.optional(),
    type: z.enum(['konnectNamespacedRef', 'kic']).default('kic'),
  }),
  cel(
    "(has(self.type) && self.type == 'konnectNamespacedRef') ? has(self.konnectNamespacedRef) : true",
    'when type is konnectNamespacedRef, konnectNamespacedRef must be set',
  ),
  cel("(has(self.type) && self.type == 'kic') ? !has(self.konnectNamespacedRef) : true", 'when type is kic, konnectNamespacedRef must not be set'),
  cel('!has(self.type) ? !has(self.konnectNamespacedRef) : true', 'when type is unset, konnectNamespacedRef must not be set'),
);

const autoscale = withRules(
  z.object({
    autopilot: z.object({ base_rps: integer('int64'), max_rps: integer('int64').optional() }).optional(),
    static: z.object({ instance_type: z.string(), requested_instances: integer('int64') }).optional(),
    type: z.enum(['static', 'autopilot']),
  }),
  cel('!(has(self.autopilot) && has(self.static))', "can't provide both autopilot and static configuration"),
  cel("self.type == 'static' ? has(self.static) : true", 'static is required when type is static'),
  cel("self.type == 'autopilot' ? has(self.autopilot) : true", 'autopilot is required when type is autopilot'),
);

const networkRef = withRules(
  z.object({
    konnectID: z.string().max(36).optional(),
    namespacedRef: namespacedRef.optional(),
    type: z.enum(['konnectID', 'namespacedRef']),
  }),
  cel("self.type == 'namespacedRef' ? has(self.namespacedRef) : true", 'when type is namespacedRef, namespacedRef must be set'),
  cel("self.type == 'namespacedRef' ? !has(self.konnectID) : true", 'when type is namespacedRef, konnectID must not be set'),
  cel("self.type == 'konnectID' ? has(self.konnectID) : true", 'when type is konnectID, konnectID must be set'),
  cel("self.type == 'konnectID' ? !has(self.namespacedRef) : true", 'when type is konnectID, namespacedRef must not be set'),
);

const dataPlaneGroup = z.object({
  autoscale,
  environment: z
    .array(
      z.object({
        name: z.string().min(1).max(63).regex(/^KONG_./),
        value: z.string().min(1).max(63),
      }),
    )
    .optional(),
  networkRef,
  provider: z.string(),
  region: z.string(),
});

export const konnectCloudGatewayDataPlaneGroupConfigurationSpec = withRules(
  z.object({
    adopt: adoptOptions.optional(),
    api_access: z.enum(['private', 'public', 'private+public']).default('private+public'),
    controlPlaneRef,
    dataplane_groups: z.array(dataPlaneGroup).optional(),
    version: z.string(),
  }),
  adoptNeedsKonnectRefRule,
  adoptSetOnceRule,
);

export const konnectCloudGatewayDataPlaneGroupConfigurationStatus = z.object({
  conditions: conditionsPending('Programmed', { maxItems: 8 }),
  controlPlaneID: z.string().optional(),
  dataplane_groups: z
    .array(
      z.object({
        cloud_gateway_network_id: z.string(),
        egress_ip_addresses: z.array(z.string()).optional(),
        id: z.string(),
        private_ip_addresses: z.array(z.string()).optional(),
        provider: z.string(),
        region: z.string(),
        state: z.string(),
      }),
    )
    .optional(),
  id: z.string().max(256).optional(),
  organizationID: z.string().max(256).optional(),
  serverURL: z.string().max(512).optional(),
});

export const konnectCloudGatewayDataPlaneGroupConfigurationV1alpha1Schema = resource({
  spec: konnectCloudGatewayDataPlaneGroupConfigurationSpec,
  status: konnectCloudGatewayDataPlaneGroupConfigurationStatus,
  required: ['spec'],
});

export type KonnectCloudGatewayDataPlaneGroupConfigurationV1alpha1 = z.output<
  typeof konnectCloudGatewayDataPlaneGroupConfigurationV1alpha1Schema
>;

export const konnectCloudGatewayDataPlaneGroupConfigurationV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: konnectCloudGatewayDataPlaneGroupConfigurationV1alpha1Schema,
  subresources: { status: true },
  printerColumns: [
    { name: 'Programmed', type: 'string', jsonPath: ".status.conditions[?(@.type=='Programmed')].status", description: 'The Resource is Programmed on Konnect' },
    { name: 'ID', type: 'string', jsonPath: '.status.id', description: 'Konnect ID' },
    { name: 'ControlPlaneID', type: 'string', jsonPath: '.status.controlPlaneID', description: 'ControlPlane ID' },
    { name: 'OrgID', type: 'string', jsonPath: '.status.organizationID', description: 'Konnect Organization ID this resource belongs to.' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Age' },
  ],
};

export const konnectCloudGatewayDataPlaneGroupConfigurationKind: KindDefinition = {
  group: 'konnect.konghq.com',
  kind: 'KonnectCloudGatewayDataPlaneGroupConfiguration',
  plural: 'konnectcloudgatewaydataplanegroupconfigurations',
  singular: 'konnectcloudgatewaydataplanegroupconfiguration',
  listKind: 'KonnectCloudGatewayDataPlaneGroupConfigurationList',
  scope: 'Namespaced',
  categories: ['kong', 'konnect'],
  versions: [konnectCloudGatewayDataPlaneGroupConfigurationV1alpha1],
};
