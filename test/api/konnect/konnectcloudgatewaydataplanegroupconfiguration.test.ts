import assert from 'node:assert/strict';
import { patched, ruleError, runCases, type Manifest, schemaErrors } from './cases.ts';

const GROUP = 'spec.dataplane_groups[0]';
const group: Manifest = {
  provider: 'aws',
  region: 'us-west-2',
  networkRef: { type: 'namespacedRef', namespacedRef: { name: 'network' } },
  autoscale: { type: 'static', static: { instance_type: 'small', requested_instances: 2 } },
  environment: [{ name: 'KONG_LOG_LEVEL', value: 'debug' }],
};
const config: Manifest = {
  apiVersion: 'konnect.konghq.com/v1alpha1',
  kind: 'KonnectCloudGatewayDataPlaneGroupConfiguration',
  metadata: { name: 'dp-groups', namespace: 'default' },
  spec: {
    version: '3.9',
    controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'demo-cp' } },
    dataplane_groups: [group],
  },
};
const withGroup = (patch: Manifest) => patched(config, { spec: { dataplane_groups: [patched(group, patch)] } });
const adopt = { from: 'konnect', konnect: { id: 'dpg-id' } };

runCases('KonnectCloudGatewayDataPlaneGroupConfiguration v1alpha1', [
  { name: 'a configuration is accepted and api_access defaults to private+public', object: config, errors: [],
    verify: (r) => assert.equal((r.object?.spec as Manifest).api_access, 'private+public') },
  { name: 'an autopilot group is accepted', object: withGroup({ autoscale: { type: 'autopilot', static: undefined, autopilot: { base_rps: 100, max_rps: 1000 } } }), errors: [] },
  { name: 'a network by Konnect ID is accepted', object: withGroup({ networkRef: { type: 'konnectID', konnectID: 'a1b2c3', namespacedRef: undefined } }), errors: [] },
  { name: 'version and controlPlaneRef are required', object: patched(config, { spec: { version: undefined, controlPlaneRef: undefined } }),
    errors: schemaErrors('spec.controlPlaneRef: Required value', 'spec.version: Required value') },
  { name: 'api_access is an enum', object: patched(config, { spec: { api_access: 'internal' } }),
    errors: schemaErrors('spec.api_access: Unsupported value: "internal": supported values: "private", "public", "private+public"') },
  { name: 'the controlPlaneRef type defaults to kic (no KIC rule on this kind)', object: patched(config, { spec: { controlPlaneRef: { type: undefined, konnectNamespacedRef: undefined } } }), errors: [],
    verify: (r) => assert.deepEqual((r.object?.spec as Manifest).controlPlaneRef, { type: 'kic' }) },
  { name: 'konnectNamespacedRef type needs the ref', object: patched(config, { spec: { controlPlaneRef: { konnectNamespacedRef: undefined } } }),
    errors: [ruleError('spec.controlPlaneRef', 'when type is konnectNamespacedRef, konnectNamespacedRef must be set')] },
  { name: 'kic takes no konnectNamespacedRef', object: patched(config, { spec: { controlPlaneRef: { type: 'kic' } } }),
    errors: [ruleError('spec.controlPlaneRef', 'when type is kic, konnectNamespacedRef must not be set')] },
  { name: 'a group needs provider, region, networkRef and autoscale', object: patched(config, { spec: { dataplane_groups: [{}] } }),
    errors: schemaErrors(`${GROUP}.autoscale: Required value`, `${GROUP}.networkRef: Required value`, `${GROUP}.provider: Required value`, `${GROUP}.region: Required value`) },
  { name: 'autoscale cannot be both static and autopilot', object: withGroup({ autoscale: { autopilot: { base_rps: 1 } } }),
    errors: [ruleError(`${GROUP}.autoscale`, "can't provide both autopilot and static configuration")] },
  { name: 'static autoscale needs static', object: withGroup({ autoscale: { static: undefined } }),
    errors: [ruleError(`${GROUP}.autoscale`, 'static is required when type is static')] },
  { name: 'autopilot autoscale needs autopilot', object: withGroup({ autoscale: { type: 'autopilot', static: undefined } }),
    errors: [ruleError(`${GROUP}.autoscale`, 'autopilot is required when type is autopilot')] },
  { name: 'namespacedRef network needs the ref', object: withGroup({ networkRef: { namespacedRef: undefined } }),
    errors: [ruleError(`${GROUP}.networkRef`, 'when type is namespacedRef, namespacedRef must be set')] },
  { name: 'namespacedRef network takes no konnectID', object: withGroup({ networkRef: { konnectID: 'a1' } }),
    errors: [ruleError(`${GROUP}.networkRef`, 'when type is namespacedRef, konnectID must not be set')] },
  { name: 'konnectID network needs the ID', object: withGroup({ networkRef: { type: 'konnectID', namespacedRef: undefined } }),
    errors: [ruleError(`${GROUP}.networkRef`, 'when type is konnectID, konnectID must be set')] },
  { name: 'konnectID network takes no namespacedRef', object: withGroup({ networkRef: { type: 'konnectID', konnectID: 'a1' } }),
    errors: [ruleError(`${GROUP}.networkRef`, 'when type is konnectID, namespacedRef must not be set')] },
  { name: 'environment names start with KONG_', object: withGroup({ environment: [{ name: 'LOG_LEVEL', value: 'debug' }] }),
    errors: [`${GROUP}.environment[0].name: Invalid value: "LOG_LEVEL": ${GROUP}.environment[0].name in body should match '^KONG_.'`] },
  { name: 'adopt needs a konnectNamespacedRef control plane', object: patched(config, { spec: { adopt, controlPlaneRef: { type: 'kic', konnectNamespacedRef: undefined } } }),
    errors: [ruleError('spec', 'spec.adopt is allowed only when controlPlaneRef is konnectNamespacedRef')] },
  { name: 'adopt cannot be removed on update', object: config, old: patched(config, { spec: { adopt } }),
    errors: [ruleError('spec', 'Cannot set or unset spec.adopt in updates')] },
  { name: 'the adopt source stays on update', object: patched(config, { spec: { adopt } }), old: patched(config, { spec: { adopt } }), errors: [] },
  { name: 'groups can change', object: withGroup({ region: 'eu-west-1' }), old: config, errors: [] },
]);
