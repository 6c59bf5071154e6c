import assert from 'node:assert/strict';
import { patched, ruleError, runCases, statusWith, type Manifest, schemaErrors } from './cases.ts';

const network: Manifest = {
  apiVersion: 'konnect.konghq.com/v1alpha1',
  kind: 'KonnectCloudGatewayNetwork',
  metadata: { name: 'network', namespace: 'default' },
  spec: {
    name: 'network-1',
    cloud_gateway_provider_account_id: 'acc-1',
    region: 'us-west-2',
    availability_zones: ['usw2-az1', 'usw2-az2'],
    cidr_block: '10.0.0.0/16',
    state: 'initializing',
    konnect: { authRef: { name: 'konnect-api-auth' } },
  },
};
const programmed = (spec: Manifest) => patched(network, { spec, status: statusWith('Programmed', 'True') });
const adopted = patched(network, { spec: { adopt: { from: 'konnect', mode: 'match', konnect: { id: 'net-id' } } } });

const frozenWhenProgrammed: Array<[string, unknown]> = [
  ['name', 'network-2'],
  ['cloud_gateway_provider_account_id', 'acc-2'],
  ['region', 'eu-west-1'],
  ['availability_zones', ['usw2-az3']],
  ['cidr_block', '10.1.0.0/16'],
  ['state', 'ready'],
];

runCases('KonnectCloudGatewayNetwork v1alpha1', [
  { name: 'a network is accepted', object: network, errors: [] },
  { name: 'an adopted network is accepted', object: adopted, errors: [] },
  { name: 'the Konnect fields are required', object: patched(network, { spec: { name: undefined, konnect: undefined } }),
    errors: schemaErrors('spec.konnect: Required value', 'spec.name: Required value') },
  { name: 'at least one availability zone', object: patched(network, { spec: { availability_zones: [] } }),
    errors: ['spec.availability_zones: Invalid value: 0: spec.availability_zones in body should have at least 1 items'] },
  { name: 'at most five availability zones', object: patched(network, { spec: { availability_zones: ['a', 'b', 'c', 'd', 'e', 'f'] } }),
    errors: schemaErrors('spec.availability_zones: Too many: 6: must have at most 5 items') },
  { name: 'adopt from konnect needs the Konnect options', object: patched(network, { spec: { adopt: { from: 'konnect' } } }),
    errors: [ruleError('spec.adopt', "Must specify Konnect options when from='konnect'")] },
  { name: 'adopt cannot be added on update', object: adopted, old: network,
    errors: [ruleError('spec', 'Cannot set or unset spec.adopt in updates')] },
  { name: 'the adopted id cannot change', object: patched(adopted, { spec: { adopt: { konnect: { id: 'other' } } } }), old: adopted,
    errors: [ruleError('spec.adopt', 'konnect.id is immutable')] },
  ...frozenWhenProgrammed.map(([field, value]) => ({
    name: `spec.${field} is frozen once Programmed`,
    object: programmed({ [field]: value }),
    old: network,
    errors: [ruleError('<nil>', `spec.${field} is immutable when an entity is already Programmed`)],
  })),
  ...frozenWhenProgrammed.map(([field, value]) => ({
    name: `spec.${field} can change before the network is Programmed`,
    object: patched(network, { spec: { [field]: value }, status: statusWith('Programmed', 'False') }),
    old: network,
    errors: [],
  })),
  { name: 'status conditions default to Programmed Pending', object: { ...network, status: { id: 'net-id' } }, errors: [],
    verify: (r) => assert.deepEqual((r.object?.status as { conditions: Array<{ type: string; reason: string }> }).conditions.map((c) => [c.type, c.reason]), [['Programmed', 'Pending']]) },
]);
