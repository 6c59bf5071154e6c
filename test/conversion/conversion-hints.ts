// Per-kind hints for the schema-driven generator: CEL rules are not solved by it, so the
// subtrees they guard are generated from values that mean something (KIC env vars, extension
// references, consistent source/mirror pairs) and a few fields are made likelier. Invalid
// objects still occur (the properties check validity with the engine and count).
import fc from 'fast-check';
import type { SchemaArbitraryOptions } from '../support/arbitrary/schema.ts';

const dnsLabel = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?$/);
const state = fc.constantFrom('enabled', 'disabled');

const TOGGLE_ENVS = [
  'CONTROLLER_ENABLE_REVERSE_SYNC', 'CONTROLLER_COMBINED_SERVICES_FROM_DIFFERENT_HTTPROUTES', 'CONTROLLER_USE_LAST_VALID_CONFIG_FOR_FALLBACK',
  'CONTROLLER_ENABLE_DRAIN_SUPPORT', 'CONTROLLER_DUMP_CONFIG', 'CONTROLLER_DUMP_SENSITIVE_CONFIG', 'CONTROLLER_KONNECT_DISABLE_CONSUMERS_SYNC',
  'CONTROLLER_KONNECT_LICENSING_ENABLED', 'CONTROLLER_KONNECT_LICENSE_STORAGE_ENABLED',
];
const DURATION_ENVS = [
  'CONTROLLER_GATEWAY_DISCOVERY_READINESS_CHECK_INTERVAL', 'CONTROLLER_GATEWAY_DISCOVERY_READINESS_CHECK_TIMEOUT', 'CONTROLLER_INIT_CACHE_SYNC_DURATION',
  'CONTROLLER_KONNECT_INITIAL_LICENSE_POLLING_PERIOD', 'CONTROLLER_KONNECT_LICENSE_POLLING_PERIOD', 'CONTROLLER_KONNECT_REFRESH_NODE_PERIOD',
  'CONTROLLER_KONNECT_UPLOAD_CONFIG_PERIOD',
];

const goDuration = fc.constantFrom('5s', '1m30s', '250ms', '2h', '0', '1.5m', '10s');
/** v2beta1 duration fields are plain strings: mostly Go durations, sometimes not. */
const durationV2 = fc.oneof({ arbitrary: goDuration, weight: 6 }, { arbitrary: fc.constantFrom('soon', '5 minutes'), weight: 1 });
const gateName = fc.oneof({ arbitrary: fc.stringMatching(/^[A-Z][A-Za-z]{0,8}$/), weight: 12 }, { arbitrary: fc.constantFrom('A,B', 'x=y', ' Padded'), weight: 1 });
const fieldRef = { fieldRef: { fieldPath: 'metadata.name' } };

const featureGatesValue = fc.oneof(
  { weight: 10, arbitrary: fc.array(fc.tuple(fc.stringMatching(/^[A-Z][A-Za-z]{0,8}$/), fc.constantFrom('true', 'false', 'True', ' false ')), { maxLength: 3 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join(',')) },
  { weight: 1, arbitrary: fc.constantFrom('A=maybe', 'A', 'A=true,', '') },
);

/** One env var of the KIC container: mapped settings with meaningful values, others, a few that cannot convert. */
const kicEnvVar: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ name: fc.constantFrom(...TOGGLE_ENVS), value: fc.constantFrom('true', '1', 'false', '0', 'TRUE', 'False', 'yes', '') }) },
  { weight: 4, arbitrary: fc.record({ name: fc.constantFrom(...DURATION_ENVS), value: fc.oneof({ arbitrary: goDuration, weight: 9 }, { arbitrary: fc.constantFrom('', 'soon'), weight: 1 }) }) },
  { weight: 2, arbitrary: fc.record({ name: fc.constant('CONTROLLER_FEATURE_GATES'), value: featureGatesValue }) },
  { weight: 3, arbitrary: fc.record({ name: fc.stringMatching(/^[A-Z_]{1,10}$/).map((n) => `CONTROLLER_ENABLE_CONTROLLER_${n}`), value: fc.constantFrom('true', 'false', '1', '0', ' TRUE') }) },
  { weight: 2, arbitrary: fc.record({ name: fc.constant('CONTROLLER_INGRESS_CLASS'), value: dnsLabel }) },
  { weight: 3, arbitrary: fc.record({ name: fc.stringMatching(/^KONG_[A-Z_]{1,8}$/), value: fc.string({ maxLength: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ name: fc.stringMatching(/^POD_[A-Z]{1,6}$/), valueFrom: fc.constant(fieldRef) }) },
  { weight: 1, arbitrary: fc.record({ name: fc.constantFrom(...TOGGLE_ENVS, ...DURATION_ENVS), valueFrom: fc.constant(fieldRef) }) },
);

const watchNamespaces = fc.oneof(
  fc.constant({ type: 'all' }),
  fc.constant({ type: 'own' }),
  fc.record({ type: fc.constant('list'), list: fc.array(dnsLabel, { maxLength: 3 }) }),
);

const konnectExtension = fc.record({ group: fc.constant('konnect.konghq.com'), kind: fc.constant('KonnectExtension'), name: dnsLabel, namespace: dnsLabel }, { requiredKeys: ['group', 'kind', 'name'] });
const metricsExtension = fc.record({ group: fc.constant('gateway-operator.konghq.com'), kind: fc.constant('DataPlaneMetricsExtension'), name: dnsLabel }, { requiredKeys: ['kind', 'name'] });
const controlPlaneExtension = fc.oneof(konnectExtension, metricsExtension);

/** v1beta1 ControlPlane options (a KIC pod template) under `prefix`. */
function kicPodTemplateHints(prefix: string): SchemaArbitraryOptions {
  const pod = `${prefix}.deployment.podTemplateSpec`;
  const containers = `${pod}.spec.containers`;
  return {
    presence: {
      [prefix]: 1, [`${prefix}.deployment`]: 0.9, [pod]: 0.95, [`${pod}.spec`]: 1, [`${containers}[].image`]: 0.9, [`${containers}[].env`]: 0.85,
      [`${containers}[].envFrom`]: 0.05, [`${prefix}.watchNamespaces`]: 0.4,
    },
    overrides: {
      [`${containers}[].name`]: fc.constantFrom('controller', 'controller', 'sidecar'),
      [`${containers}[].env`]: fc.uniqueArray(kicEnvVar, { maxLength: 6, selector: (e) => e.name }),
      [`${containers}[].envFrom[]`]: fc.oneof(
        fc.record({ prefix: fc.constantFrom('APP_', 'X_'), configMapRef: fc.record({ name: dnsLabel }) }),
        fc.record({ configMapRef: fc.record({ name: dnsLabel }) }),
      ),
      [`${prefix}.watchNamespaces`]: watchNamespaces,
    },
  };
}

/** v2beta1 ControlPlane options under `prefix`. */
function controlPlaneOptionsV2Hints(prefix: string): SchemaArbitraryOptions {
  const durations = ['gatewayDiscovery.readinessCheckInterval', 'gatewayDiscovery.readinessCheckTimeout', 'cache.initSyncDuration',
    'dataplaneSync.interval', 'dataplaneSync.timeout', 'konnect.nodeRefreshPeriod', 'konnect.configUploadPeriod'];
  return {
    presence: { [prefix]: 1, [`${prefix}.ingressClass`]: 0.8, [`${prefix}.watchNamespaces`]: 0.4, [`${prefix}.konnect.licensing`]: 0.4, [`${prefix}.configDump`]: 0.3 },
    overrides: {
      ...Object.fromEntries(durations.map((d) => [`${prefix}.${d}`, durationV2])),
      [`${prefix}.featureGates[].name`]: gateName,
      [`${prefix}.watchNamespaces`]: watchNamespaces,
      [`${prefix}.konnect.licensing`]: fc.oneof(
        fc.record({ state: fc.constant('enabled'), initialPollingPeriod: durationV2, pollingPeriod: durationV2, storageState: state }, { requiredKeys: ['state'] }),
        fc.constant({ state: 'disabled', storageState: 'disabled' }),
      ),
      [`${prefix}.configDump`]: fc.oneof(fc.record({ state: fc.constant('enabled'), dumpSensitive: state }), fc.constant({ state: 'disabled', dumpSensitive: 'disabled' })),
    },
  };
}

function merge(...parts: SchemaArbitraryOptions[]): SchemaArbitraryOptions {
  return {
    presence: Object.assign({}, ...parts.map((p) => p.presence)),
    overrides: Object.assign({}, ...parts.map((p) => p.overrides)),
  };
}

const konnectOptions = fc.oneof(
  fc.record({ authRef: fc.record({ name: dnsLabel }), source: fc.constant('Origin') }, { requiredKeys: [] }),
  fc.record({ authRef: fc.record({ name: dnsLabel }), source: fc.constant('Mirror'), mirror: fc.record({ konnect: fc.record({ id: fc.uuid() }) }) }, { requiredKeys: ['source', 'mirror'] }),
);

const clusterType = fc.constantFrom('CLUSTER_TYPE_CONTROL_PLANE', 'CLUSTER_TYPE_CONTROL_PLANE_GROUP', 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER');

/** Generator hints by `group/version/kind`. */
export const conversionHints: Record<string, SchemaArbitraryOptions> = {
  'gateway-operator.konghq.com/v1beta1/ControlPlane': merge(kicPodTemplateHints('spec'), {
    presence: { 'spec.extensions': 0.3, 'spec.dataplane': 0.5, 'spec.ingressClass': 0.4 },
    overrides: { 'spec.extensions[]': controlPlaneExtension, 'spec.dataplane': fc.oneof(dnsLabel, fc.constant('')) },
  }),
  'gateway-operator.konghq.com/v2beta1/ControlPlane': merge(controlPlaneOptionsV2Hints('spec'), {
    presence: { 'spec.extensions': 0.3 },
    overrides: {
      'spec.extensions[]': controlPlaneExtension,
      'spec.dataplane': fc.oneof(fc.constant({ type: 'managedByOwner' }), fc.record({ type: fc.constant('ref'), ref: fc.record({ name: dnsLabel }) })),
    },
  }),
  'gateway-operator.konghq.com/v1beta1/GatewayConfiguration': merge(kicPodTemplateHints('spec.controlPlaneOptions'), {
    presence: { spec: 1, 'spec.controlPlaneOptions': 0.6, 'spec.controlPlaneOptions.dataplane': 0.1, 'spec.extensions': 0.3, 'spec.controlPlaneOptions.extensions': 0.3, 'spec.dataPlaneOptions.extensions': 0.02, 'spec.listenersOptions': 0.15 },
    overrides: { 'spec.extensions[]': controlPlaneExtension, 'spec.controlPlaneOptions.extensions[]': metricsExtension, 'spec.dataPlaneOptions.extensions[]': konnectExtension },
  }),
  'gateway-operator.konghq.com/v2beta1/GatewayConfiguration': merge(controlPlaneOptionsV2Hints('spec.controlPlaneOptions'), {
    presence: { spec: 1, 'spec.controlPlaneOptions': 0.6, 'spec.konnect': 0.15, 'spec.extensions': 0.3, 'spec.listenersOptions': 0.15 },
    overrides: { 'spec.extensions[]': controlPlaneExtension, 'spec.konnect': konnectOptions },
  }),
  'konnect.konghq.com/v1alpha1/KonnectGatewayControlPlane': {
    presence: { spec: 1, 'spec.name': 0.9, 'spec.mirror': 0.05, 'spec.members': 0.1 },
    overrides: { 'spec.cluster_type': clusterType },
  },
  'konnect.konghq.com/v1alpha2/KonnectGatewayControlPlane': {
    presence: { spec: 1, 'spec.createControlPlaneRequest': 0.9, 'spec.mirror': 0.05, 'spec.members': 0.1 },
    overrides: { 'spec.createControlPlaneRequest.cluster_type': clusterType },
  },
  'konnect.konghq.com/v1alpha1/KonnectExtension': konnectExtensionHints(),
  'konnect.konghq.com/v1alpha2/KonnectExtension': konnectExtensionHints(),
};

function konnectExtensionHints(): SchemaArbitraryOptions {
  return {
    presence: { spec: 1 },
    overrides: {
      'spec.konnect.controlPlane.ref': fc.record({ type: fc.constant('konnectNamespacedRef'), konnectNamespacedRef: fc.record({ name: dnsLabel }) }),
      'spec.clientAuth.certificateSecret': fc.oneof(
        fc.constant({ provisioning: 'Automatic' }),
        fc.record({ provisioning: fc.constant('Manual'), secretRef: fc.record({ name: dnsLabel }) }),
      ),
    },
  };
}
