// KonnectCloudGatewayNetwork v1alpha1: a Konnect Dedicated Cloud Gateway network (cloud
// provider account, region, zones, CIDR). Mirrors Kong Operator v2.2.3.
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import { adoptOptions, adoptSetOnceRule } from '../../common/konnect-entity.ts';
import { konnectConfiguration } from '../../common/konnect-auth-ref.ts';
import { conditionsPending } from '../../common/pending-conditions.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

const NOT_PROGRAMMED = "(!has(self.status) || !self.status.conditions.exists(c, c.type == 'Programmed' && c.status == 'True'))";

/** Root rule: `spec.<field>` is frozen once the network is Programmed. */
function immutableWhenProgrammed(field: string) {
  return cel(`${NOT_PROGRAMMED} ? true : oldSelf.spec.${field} == self.spec.${field}`, `spec.${field} is immutable when an entity is already Programmed`);
}

export const konnectCloudGatewayNetworkSpec = withRules(
  z.object({
    adopt: adoptOptions.optional(),
    availability_zones: z.array(z.string()).min(1).max(5),
    cidr_block: z.string(),
    cloud_gateway_provider_account_id: z.string(),
    konnect: konnectConfiguration,
    name: z.string(),
    region: z.string(),
    state: z.string().optional(),
  }),
  adoptSetOnceRule,
);

export const konnectCloudGatewayNetworkStatus = z.object({
  conditions: conditionsPending('Programmed', { maxItems: 8 }),
  id: z.string().max(256).optional(),
  organizationID: z.string().max(256).optional(),
  serverURL: z.string().max(512).optional(),
  state: z.string().optional(),
});

export const konnectCloudGatewayNetworkV1alpha1Schema = resource({
  spec: konnectCloudGatewayNetworkSpec,
  status: konnectCloudGatewayNetworkStatus,
  required: ['spec'],
  rules: [
    immutableWhenProgrammed('name'),
    immutableWhenProgrammed('cloud_gateway_provider_account_id'),
    immutableWhenProgrammed('region'),
    immutableWhenProgrammed('availability_zones'),
    immutableWhenProgrammed('cidr_block'),
    cel(
      `${NOT_PROGRAMMED} ? true : (!has(self.spec.state) && !has(oldSelf.spec.state)) || self.spec.state == oldSelf.spec.state`,
      'spec.state is immutable when an entity is already Programmed',
    ),
  ],
});

export type KonnectCloudGatewayNetworkV1alpha1 = z.output<typeof konnectCloudGatewayNetworkV1alpha1Schema>;

export const konnectCloudGatewayNetworkV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: konnectCloudGatewayNetworkV1alpha1Schema,
  subresources: { status: true },
  printerColumns: [
    { name: 'Programmed', type: 'string', jsonPath: ".status.conditions[?(@.type=='Programmed')].status", description: 'The Resource is Programmed on Konnect' },
    { name: 'State', type: 'string', jsonPath: '.status.state', description: 'The state the network is in' },
    { name: 'ID', type: 'string', jsonPath: '.status.id', description: 'Konnect ID' },
    { name: 'OrgID', type: 'string', jsonPath: '.status.organizationID', description: 'Konnect Organization ID this resource belongs to.' },
  ],
};

export const konnectCloudGatewayNetworkKind: KindDefinition = {
  group: 'konnect.konghq.com',
  kind: 'KonnectCloudGatewayNetwork',
  plural: 'konnectcloudgatewaynetworks',
  singular: 'konnectcloudgatewaynetwork',
  listKind: 'KonnectCloudGatewayNetworkList',
  scope: 'Namespaced',
  categories: ['kong', 'konnect'],
  versions: [konnectCloudGatewayNetworkV1alpha1],
};
