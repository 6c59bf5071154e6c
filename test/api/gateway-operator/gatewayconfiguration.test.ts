// GatewayConfiguration v1beta1 (deprecated) and v2beta1 (storage): every CRD rule and default,
// and the object a real apiserver sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest } from '../../support/validate.ts';
import { admissionRequest, at, NOT_CHECKED, patched, ruleError, runCases, SHARED_MISSING, type Manifest } from './cases.ts';

const proxyPod = { podTemplateSpec: { spec: { containers: [{ name: 'proxy', image: 'kong/kong-gateway:3.9.1.0' }] } } };
const manifest = (version: 'v1beta1' | 'v2beta1', spec: Manifest): Manifest => ({
  apiVersion: `gateway-operator.konghq.com/${version}`,
  kind: 'GatewayConfiguration',
  metadata: { name: 'kong', namespace: 'default' },
  spec,
});
const nodePortListener = { listenersOptions: [{ name: 'http', nodePort: 30080 }] };
const LISTENER_NODEPORT = ruleError(
  'spec',
  "Can only specify listener's NodePort when the type of service for dataplane to receive ingress traffic ('spec.dataPlaneOptions.network.services.ingress') is NodePort or LoadBalancer",
);
const clusterIp = { dataPlaneOptions: { network: { services: { ingress: { type: 'ClusterIP' } } } } };

/** Rules both versions share, at the same paths. */
function sharedCases(version: 'v1beta1' | 'v2beta1') {
  const gc = (spec: Manifest) => manifest(version, spec);
  return [
    { name: 'dataPlane and controlPlane options', object: gc({ dataPlaneOptions: { deployment: proxyPod } }), errors: [] },
    { name: 'listener NodePort with the default LoadBalancer Service', object: gc({ ...nodePortListener, dataPlaneOptions: { network: { services: { ingress: {} } } } }), errors: [] },
    { name: 'listener NodePort without ingress Service options', object: gc(nodePortListener), errors: [LISTENER_NODEPORT] },
    { name: 'listener NodePort with a ClusterIP Service', object: gc({ ...nodePortListener, ...clusterIp }), errors: [LISTENER_NODEPORT] },
    {
      name: 'listener names are unique',
      object: gc({ ...clusterIp, listenersOptions: [{ name: 'http', nodePort: 30080 }, { name: 'http', nodePort: 30081 }] }),
      errors: [LISTENER_NODEPORT, 'spec.listenersOptions: Invalid value: "array": Listener name must be unique within the Gateway'],
    },
    {
      name: 'listener NodePorts are unique',
      object: gc({ dataPlaneOptions: { network: { services: { ingress: { type: 'NodePort' } } } }, listenersOptions: [{ name: 'a', nodePort: 30080 }, { name: 'b', nodePort: 30080 }] }),
      errors: ['spec.listenersOptions: Invalid value: "array": Nodeport must be unique within the Gateway if specified'],
    },
    {
      name: 'listener NodePort range',
      object: gc({ dataPlaneOptions: { network: { services: { ingress: { type: 'NodePort' } } } }, listenersOptions: [{ name: 'a', nodePort: 70000 }] }),
      errors: ['spec.listenersOptions[0].nodePort: Invalid value: 70000: spec.listenersOptions[0].nodePort in body should be less than or equal to 65535'],
    },
    { name: 'listener needs a nodePort', object: gc({ listenersOptions: [{ name: 'a' }] }), errors: ['spec.listenersOptions[0].nodePort: Required value', NOT_CHECKED] },
    {
      name: 'replicas and scaling together',
      object: gc({ dataPlaneOptions: { deployment: { replicas: 1, scaling: { horizontal: { maxReplicas: 3 } } } } }),
      errors: [ruleError('spec.dataPlaneOptions.deployment', 'Using both replicas and scaling fields is not allowed.')],
    },
    {
      name: 'externalTrafficPolicy on a ClusterIP Service',
      object: gc({ dataPlaneOptions: { network: { services: { ingress: { type: 'ClusterIP', externalTrafficPolicy: 'Local' } } } } }),
      errors: [ruleError('spec.dataPlaneOptions.network.services.ingress', 'Cannot set ExternalTrafficPolicy for ClusterIP service.')],
    },
    {
      name: 'PDB with both bounds',
      object: gc({ dataPlaneOptions: { resources: { podDisruptionBudget: { spec: { minAvailable: 1, maxUnavailable: 1 } } } } }),
      errors: [ruleError('spec.dataPlaneOptions.resources.podDisruptionBudget.spec', 'You can specify only one of maxUnavailable and minAvailable in a single PodDisruptionBudgetSpec.')],
    },
    {
      name: 'watchNamespaces list without a list',
      object: gc({ controlPlaneOptions: { watchNamespaces: { type: 'list' } } }),
      errors: [ruleError('spec.controlPlaneOptions.watchNamespaces', "list is required when type is 'list'")],
    },
    {
      name: 'watchNamespaces own with a list',
      object: gc({ controlPlaneOptions: { watchNamespaces: { type: 'own', list: ['a'] } } }),
      errors: [ruleError('spec.controlPlaneOptions.watchNamespaces', "list must not be specified when type is not 'list'")],
    },
  ];
}

const v1 = (spec: Manifest) => manifest('v1beta1', spec);
runCases('GatewayConfiguration v1beta1', [
  ...sharedCases('v1beta1'),
  { name: 'KonnectExtension at the Gateway level', object: v1({ extensions: [{ group: 'konnect.konghq.com', kind: 'KonnectExtension', name: 'k' }] }), errors: [] },
  {
    name: 'an unknown extension kind at the Gateway level',
    object: v1({ extensions: [{ kind: 'Other', name: 'k' }] }),
    errors: [ruleError('<nil>', 'Extension not allowed for GatewayConfiguration')],
  },
  {
    name: 'KonnectExtension on dataPlaneOptions',
    object: v1({ dataPlaneOptions: { extensions: [{ kind: 'KonnectExtension', name: 'k' }] } }),
    errors: [ruleError('spec', 'KonnectExtension must be set at the Gateway level')],
  },
  {
    name: 'another extension on dataPlaneOptions',
    object: v1({ dataPlaneOptions: { extensions: [{ kind: 'DataPlaneMetricsExtension', name: 'm' }] } }),
    errors: [ruleError('spec.dataPlaneOptions', 'Extension not allowed for DataPlane')],
  },
  {
    name: 'KonnectExtension on controlPlaneOptions',
    object: v1({ controlPlaneOptions: { extensions: [{ group: 'konnect.konghq.com', kind: 'KonnectExtension', name: 'k' }] } }),
    errors: [ruleError('spec', 'KonnectExtension must be set at the Gateway level')],
  },
  {
    name: 'an unknown extension on controlPlaneOptions',
    object: v1({ controlPlaneOptions: { extensions: [{ kind: 'Other', name: 'o' }] } }),
    errors: [ruleError('spec.controlPlaneOptions', 'Extension not allowed for ControlPlane')],
  },
  { name: 'DataPlaneMetricsExtension on controlPlaneOptions', object: v1({ controlPlaneOptions: { extensions: [{ kind: 'DataPlaneMetricsExtension', name: 'm' }] } }), errors: [] },
  {
    name: 'at most one Gateway-level extension in v1beta1',
    object: v1({ extensions: [{ kind: 'DataPlaneMetricsExtension', name: 'a' }, { kind: 'DataPlaneMetricsExtension', name: 'b' }] }),
    errors: ['spec.extensions: Too many: 2: must have at most 1 items', NOT_CHECKED],
  },
]);

const v2 = (spec: Manifest) => manifest('v2beta1', spec);
const authRef = { name: 'konnect-auth' };
runCases('GatewayConfiguration v2beta1', [
  ...sharedCases('v2beta1'),
  { name: 'Konnect origin', object: v2({ konnect: { authRef } }), errors: [] },
  { name: 'Konnect mirror', object: v2({ konnect: { authRef, source: 'Mirror', mirror: { konnect: { id: '8a3c0b5e-2f3b-4c1e-9f3a-1b2c3d4e5f60' } } } }), errors: [] },
  { name: 'Konnect mirror without mirror', object: v2({ konnect: { source: 'Mirror' } }), errors: [ruleError('spec.konnect', 'mirror field must be set for type Mirror')] },
  {
    name: 'Konnect origin (default) with mirror',
    object: v2({ konnect: { mirror: { konnect: { id: '8a3c0b5e-2f3b-4c1e-9f3a-1b2c3d4e5f60' } } } }),
    errors: [ruleError('spec.konnect', 'mirror field cannot be set for type Origin')],
  },
  {
    name: 'mirror ID must be a UUID',
    object: v2({ konnect: { source: 'Mirror', mirror: { konnect: { id: 'not-a-uuid' } } } }),
    errors: [`spec.konnect.mirror.konnect.id: Invalid value: "not-a-uuid": spec.konnect.mirror.konnect.id in body should match '^[0-9a-f]{8}(?:\\-[0-9a-f]{4}){3}-[0-9a-f]{12}$'`],
  },
  {
    name: 'konnect and extensions together',
    object: v2({ konnect: { authRef }, extensions: [{ group: 'konnect.konghq.com', kind: 'KonnectExtension', name: 'k' }] }),
    errors: [ruleError('spec', "Only one of 'konnect' or 'extensions' can be specified")],
  },
  {
    name: 'an unknown extension kind',
    object: v2({ extensions: [{ kind: 'KonnectExtension', name: 'k' }] }),
    errors: ['spec.extensions: Invalid value: "array": Extension not allowed for GatewayConfiguration'],
  },
  {
    name: 'two Gateway-level extensions in v2beta1',
    object: v2({ extensions: [{ group: 'konnect.konghq.com', kind: 'KonnectExtension', name: 'k' }, { kind: 'DataPlaneMetricsExtension', name: 'm' }] }),
    errors: [],
  },
  {
    name: 'dataPlaneOptions has no extensions in v2beta1 (pruned)',
    object: v2({ dataPlaneOptions: { extensions: [{ kind: 'Other', name: 'o' }] } }),
    errors: [],
    verify: (result) => assert.deepEqual(at(result, 'spec', 'dataPlaneOptions'), {}),
  },
  {
    name: 'dumpSensitive without config dumps',
    object: v2({ controlPlaneOptions: { configDump: { dumpSensitive: 'enabled' } } }),
    errors: [ruleError('spec.controlPlaneOptions.configDump', 'Cannot enable dumpSensitive when state is disabled')],
  },
  {
    name: 'licensing polling without licensing',
    object: v2({ controlPlaneOptions: { konnect: { licensing: { pollingPeriod: '1h', storageState: 'disabled' } } } }),
    errors: [ruleError('spec.controlPlaneOptions.konnect.licensing', 'pollingPeriod can only be set when licensing is enabled')],
  },
  {
    name: 'matchLabels value longer than 63',
    object: v2({ controlPlaneOptions: { objectFilters: { secrets: { matchLabels: { a: 'x'.repeat(64) } } } } }),
    errors: [ruleError('spec.controlPlaneOptions.objectFilters.secrets.matchLabels', 'Maximum length of value in matchLabels is 63')],
  },
  {
    name: 'at most 8 HPA metrics in v2beta1',
    object: v2({ dataPlaneOptions: { deployment: { scaling: { horizontal: { maxReplicas: 3, metrics: [...Array(9).keys()].map(() => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } })) } } } } }),
    errors: ['spec.dataPlaneOptions.deployment.scaling.horizontal.metrics: Too many: 9: must have at most 8 items', NOT_CHECKED],
  },
  {
    name: 'plugin names are at most 63 characters in v2beta1',
    object: v2({ dataPlaneOptions: { pluginsToInstall: [{ name: 'p'.repeat(64) }] } }),
    errors: ['spec.dataPlaneOptions.pluginsToInstall[0].name: Too long: may not be more than 63 bytes', NOT_CHECKED],
  },
]);

test('GatewayConfiguration: defaults in both versions', () => {
  const v1Result = checkManifest(v1({ controlPlaneOptions: { deployment: {} }, dataPlaneOptions: { deployment: { rollout: { strategy: { blueGreen: { promotion: {} } } } } } }));
  assert.deepEqual(v1Result.messages, []);
  assert.equal(at(v1Result, 'spec', 'controlPlaneOptions', 'deployment', 'replicas'), 1);
  assert.deepEqual(at(v1Result, 'spec', 'controlPlaneOptions', 'watchNamespaces'), { type: 'all' });
  assert.equal(at(v1Result, 'spec', 'dataPlaneOptions', 'deployment', 'rollout', 'strategy', 'blueGreen', 'promotion', 'strategy'), 'BreakBeforePromotion');

  const v2Result = checkManifest(v2({ konnect: {}, controlPlaneOptions: {}, dataPlaneOptions: { deployment: { rollout: { strategy: { blueGreen: {} } } } } }));
  assert.deepEqual(v2Result.messages, []);
  assert.equal(at(v2Result, 'spec', 'konnect', 'source'), 'Origin');
  assert.deepEqual(at(v2Result, 'spec', 'controlPlaneOptions', 'translation'), { combinedServicesFromDifferentHTTPRoutes: 'enabled', drainSupport: 'enabled' });
  assert.deepEqual(at(v2Result, 'spec', 'dataPlaneOptions', 'deployment', 'rollout', 'strategy', 'blueGreen'), {
    promotion: { strategy: 'BreakBeforePromotion' },
    resources: { plan: { deployment: 'ScaleDownOnPromotionScaleUpOnRollout' } },
  });
});

test('GatewayConfiguration v1beta1: blue/green promotion is required there (not in v2beta1)', () => {
  const spec = { dataPlaneOptions: { deployment: { rollout: { strategy: { blueGreen: {} } } } } };
  assert.deepEqual(checkManifest(v1(spec)).messages, ['spec.dataPlaneOptions.deployment.rollout.strategy.blueGreen.promotion: Required value', NOT_CHECKED]);
  assert.deepEqual(checkManifest(v2(spec)).messages, []);
});

test('GatewayConfiguration v2beta1: the object a real apiserver sent is accepted', (t) => {
  const request = admissionRequest('gatewayconfiguration-create-as-v2beta1.json');
  if (!request?.object) return t.skip(SHARED_MISSING);
  assert.deepEqual(checkManifest(request.object, { operation: 'CREATE' }).messages, []);
});

test('GatewayConfiguration: a typical v1beta1 object is valid unchanged as v2beta1 when it has no per-plane extensions', () => {
  const spec = patched({ dataPlaneOptions: { deployment: proxyPod } }, { controlPlaneOptions: { watchNamespaces: { type: 'own' } } });
  assert.deepEqual(checkManifest(v1(spec)).messages, []);
  assert.deepEqual(checkManifest(v2(spec)).messages, []);
});
