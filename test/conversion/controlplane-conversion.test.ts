import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertObject } from '../../src/conversion/convert.ts';
import { stashAnnotation } from '../../src/conversion/lossless.ts';
import { ConversionError } from '../../src/conversion/types.ts';
import { V1BETA1_CONTROLLER_IMAGE } from '../../src/conversion/kinds/controlplane.ts';
import { checkManifest } from '../support/validate.ts';

const V1 = 'gateway-operator.konghq.com/v1beta1';
const V2 = 'gateway-operator.konghq.com/v2beta1';
const CONTAINER = 'spec.deployment.podTemplateSpec.spec.containers[0]';
type Obj = Record<string, any>;

const metadata = { name: 'kic', namespace: 'demo', uid: '6a0c2b1e-0000-4000-8000-000000000001', resourceVersion: '7', generation: 2, labels: { app: 'kic' } };

function v1(spec: Obj = {}, env?: Obj[], extra: Obj = {}): Obj {
  const container: Obj = { name: 'controller', image: 'kong/kubernetes-ingress-controller:3.4' };
  if (env) container.env = env;
  return {
    apiVersion: V1,
    kind: 'ControlPlane',
    metadata: structuredClone(metadata),
    spec: { deployment: { replicas: 1, podTemplateSpec: { spec: { containers: [container] } } }, ...spec },
    ...extra,
  };
}

const env = (pairs: Record<string, string>): Obj[] => Object.entries(pairs).map(([name, value]) => ({ name, value }));

/** Converts to v2beta1, checks it is valid there and comes back exactly, returns the v2 spec. */
function up(object: Obj): Obj {
  const hub = convertObject(object, V2) as Obj;
  assert.deepEqual(checkManifest(hub).messages, [], 'valid as v2beta1');
  assert.deepEqual(convertObject(hub, V1), object, 'v1beta1 -> v2beta1 -> v1beta1 is exact');
  return hub.spec;
}

function throwsAt(object: Obj, field: string, message: string): void {
  assert.throws(() => convertObject(object, V2), (e: unknown) => {
    assert.ok(e instanceof ConversionError, String(e));
    assert.equal(e.field, field);
    assert.equal(e.message, `${field}: ${message}`);
    return true;
  });
}

const toggles: Array<[string, string | undefined, string]> = [
  ['true', 'enabled', 'true'], ['1', 'enabled', '1'], ['TRUE', 'enabled', 'upper case'], ['false', 'disabled', 'false'],
  ['0', 'disabled', '0'], ['False', 'disabled', 'mixed case'], ['yes', undefined, 'not a toggle: left unset'], ['', undefined, 'empty'],
];

const settingTable: Array<{ env: string; path: string[]; inverted?: boolean; disabledIsUnset?: boolean; needs?: Record<string, string> }> = [
  { env: 'CONTROLLER_ENABLE_REVERSE_SYNC', path: ['dataplaneSync', 'reverseSync'] },
  { env: 'CONTROLLER_COMBINED_SERVICES_FROM_DIFFERENT_HTTPROUTES', path: ['translation', 'combinedServicesFromDifferentHTTPRoutes'] },
  { env: 'CONTROLLER_USE_LAST_VALID_CONFIG_FOR_FALLBACK', path: ['translation', 'fallbackConfiguration', 'useLastValidConfig'] },
  { env: 'CONTROLLER_ENABLE_DRAIN_SUPPORT', path: ['translation', 'drainSupport'] },
  { env: 'CONTROLLER_DUMP_CONFIG', path: ['configDump', 'state'] },
  { env: 'CONTROLLER_DUMP_SENSITIVE_CONFIG', path: ['configDump', 'dumpSensitive'], needs: { CONTROLLER_DUMP_CONFIG: 'true' } },
  { env: 'CONTROLLER_KONNECT_DISABLE_CONSUMERS_SYNC', path: ['konnect', 'consumersSync'], inverted: true },
  { env: 'CONTROLLER_KONNECT_LICENSING_ENABLED', path: ['konnect', 'licensing', 'state'], disabledIsUnset: true },
  { env: 'CONTROLLER_KONNECT_LICENSE_STORAGE_ENABLED', path: ['konnect', 'licensing', 'storageState'], needs: { CONTROLLER_KONNECT_LICENSING_ENABLED: 'true' } },
];

const at = (object: unknown, path: string[]): unknown => path.reduce<any>((node, key) => node?.[key], object);

test('every toggle env var maps to its v2beta1 option, in each accepted form', () => {
  for (const setting of settingTable) {
    for (const [value, expected, label] of toggles) {
      const spec = up(v1({}, env({ ...setting.needs, [setting.env]: value })));
      let want = expected && setting.inverted ? (expected === 'enabled' ? 'disabled' : 'enabled') : expected;
      // Licensing off: v2beta1's default, and its rules forbid the details; the object is left out.
      if (setting.disabledIsUnset && want === 'disabled') want = undefined;
      assert.equal(at(spec, setting.path), want, `${setting.env}=${value} (${label})`);
    }
  }
});

test('duration env vars map verbatim; an invalid duration names the env var', () => {
  const durations: Array<[string, string[], Record<string, string>?]> = [
    ['CONTROLLER_GATEWAY_DISCOVERY_READINESS_CHECK_INTERVAL', ['gatewayDiscovery', 'readinessCheckInterval']],
    ['CONTROLLER_GATEWAY_DISCOVERY_READINESS_CHECK_TIMEOUT', ['gatewayDiscovery', 'readinessCheckTimeout']],
    ['CONTROLLER_INIT_CACHE_SYNC_DURATION', ['cache', 'initSyncDuration']],
    ['CONTROLLER_KONNECT_REFRESH_NODE_PERIOD', ['konnect', 'nodeRefreshPeriod']],
    ['CONTROLLER_KONNECT_UPLOAD_CONFIG_PERIOD', ['konnect', 'configUploadPeriod']],
    ['CONTROLLER_KONNECT_INITIAL_LICENSE_POLLING_PERIOD', ['konnect', 'licensing', 'initialPollingPeriod'], { CONTROLLER_KONNECT_LICENSING_ENABLED: '1' }],
    ['CONTROLLER_KONNECT_LICENSE_POLLING_PERIOD', ['konnect', 'licensing', 'pollingPeriod'], { CONTROLLER_KONNECT_LICENSING_ENABLED: '1' }],
  ];
  for (const [name, path, needs] of durations) {
    for (const value of ['5s', '1h30m', '1.5m', '250ms', '0']) {
      assert.equal(at(up(v1({}, env({ ...needs, [name]: value }))), path), value, `${name}=${value}`);
    }
    assert.equal(at(up(v1({}, env({ ...needs, [name]: '' }))), path), undefined, `${name} empty is unset`);
    const index = needs ? 1 : 0;
    throwsAt(v1({}, env({ ...needs, [name]: '5 minutes' })), `${CONTAINER}.env[${index}].value`, 'time: invalid duration "5 minutes"');
  }
});

test('feature gates: K=true,K2=false -> featureGates; blanks skipped; invalid pairs and values fail with the field', () => {
  assert.deepEqual(up(v1({}, env({ CONTROLLER_FEATURE_GATES: 'GatewayAlpha=true, FillIDs = FALSE,,' }))).featureGates, [
    { name: 'GatewayAlpha', state: 'enabled' },
    { name: 'FillIDs', state: 'disabled' },
  ]);
  assert.equal(up(v1({}, env({ CONTROLLER_FEATURE_GATES: '' }))).featureGates, undefined);
  const field = `${CONTAINER}.env[0].value`;
  throwsAt(v1({}, env({ CONTROLLER_FEATURE_GATES: 'A=true,B=maybe' })), field, "invalid value for feature gate B=maybe, expected 'true' or 'false' as value");
  throwsAt(v1({}, env({ CONTROLLER_FEATURE_GATES: 'A=1' })), field, "invalid value for feature gate A=1, expected 'true' or 'false' as value");
  throwsAt(v1({}, env({ CONTROLLER_FEATURE_GATES: 'A' })), field, `failed to parse feature gate, invalid key-value pair "A", expected 'key=value' format`);
  throwsAt(v1({}, env({ CONTROLLER_FEATURE_GATES: 'A=b=c' })), field, `failed to parse feature gate, invalid key-value pair "A=b=c", expected 'key=value' format`);
  throwsAt(v1({}, env({ CONTROLLER_FEATURE_GATES: '=true' })), field, `failed to parse feature gate, invalid key-value pair "=true", expected 'key=value' format`);
});

test('controllers: CONTROLLER_ENABLE_CONTROLLER_<NAME> -> controllers[{name, state}]', () => {
  const spec = up(v1({}, env({ CONTROLLER_ENABLE_CONTROLLER_INGRESS_NETV1: 'false', OTHER: 'x', CONTROLLER_ENABLE_CONTROLLER_KONG_PLUGIN: ' True ', CONTROLLER_ENABLE_CONTROLLER_GWAPI_GATEWAY: '0' })));
  assert.deepEqual(spec.controllers, [
    { name: 'INGRESS_NETV1', state: 'disabled' },
    { name: 'KONG_PLUGIN', state: 'enabled' },
    { name: 'GWAPI_GATEWAY', state: 'disabled' },
  ]);
  throwsAt(v1({}, env({ CONTROLLER_ENABLE_CONTROLLER_X: 'on' })), `${CONTAINER}.env[0].value`,
    "invalid value for controller CONTROLLER_ENABLE_CONTROLLER_X, expected 'true' or 'false' as value");
});

test('v2beta1 rules are honoured: licensing details only when enabled, dumpSensitive only when dumping', () => {
  const off = up(v1({}, env({ CONTROLLER_KONNECT_LICENSING_ENABLED: 'false', CONTROLLER_KONNECT_LICENSE_POLLING_PERIOD: '1m', CONTROLLER_KONNECT_LICENSE_STORAGE_ENABLED: 'true' })));
  assert.equal(off.konnect, undefined);
  const sensitiveOnly = up(v1({}, env({ CONTROLLER_DUMP_SENSITIVE_CONFIG: 'true' })));
  assert.equal(sensitiveOnly.configDump, undefined);
  const both = up(v1({}, env({ CONTROLLER_DUMP_CONFIG: 'false', CONTROLLER_DUMP_SENSITIVE_CONFIG: 'true' })));
  assert.deepEqual(both.configDump, { state: 'disabled' });
});

test('ingressClass: spec wins, then CONTROLLER_INGRESS_CLASS, then "kong" unless a Gateway owns the ControlPlane', () => {
  assert.equal(up(v1({ ingressClass: 'internal' }, env({ CONTROLLER_INGRESS_CLASS: 'other' }))).ingressClass, 'internal');
  assert.equal(up(v1({}, env({ CONTROLLER_INGRESS_CLASS: 'from-env' }))).ingressClass, 'from-env');
  assert.equal(up(v1()).ingressClass, 'kong');
  const owned = v1({ dataplane: 'dp-1' });
  owned.metadata.ownerReferences = [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', name: 'gw', uid: 'u-1' }];
  const spec = up(owned);
  assert.equal(spec.ingressClass, undefined);
  assert.deepEqual(spec.dataplane, { type: 'managedByOwner' }, 'a Gateway-owned ControlPlane follows its owner even with a dataplane name');
  const notGateway = v1();
  notGateway.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'Gateway', name: 'x', uid: 'u-2' }];
  assert.equal(up(notGateway).ingressClass, 'kong', 'only gateway.networking.k8s.io Gateways count');
});

test('dataplane: a name -> {type: ref}; none or empty -> {type: managedByOwner}; back again', () => {
  assert.deepEqual(up(v1({ dataplane: 'dp-1' })).dataplane, { type: 'ref', ref: { name: 'dp-1' } });
  assert.deepEqual(up(v1({ dataplane: '' })).dataplane, { type: 'managedByOwner' });
  assert.deepEqual(up(v1()).dataplane, { type: 'managedByOwner' });
  const down = convertObject({ apiVersion: V2, kind: 'ControlPlane', metadata: { name: 'x' }, spec: { dataplane: { type: 'ref', ref: { name: 'dp-2' } }, ingressClass: 'kong' } }, V1) as Obj;
  assert.equal(down.spec.dataplane, 'dp-2');
  assert.equal(down.spec.ingressClass, 'kong');
});

test('extensions, watchNamespaces and status conditions are carried; the rest of v2 status waits in the stash', () => {
  const extensions = [{ group: 'konnect.konghq.com', kind: 'KonnectExtension', name: 'konnect' }];
  const conditions = [{ type: 'Ready', status: 'True', reason: 'Ready', message: '', lastTransitionTime: '2025-01-01T00:00:00Z', observedGeneration: 2 }];
  const spec = up(v1({ extensions, watchNamespaces: { type: 'list', list: ['a', 'b'] } }, undefined, { status: { conditions } }));
  assert.deepEqual(spec.extensions, extensions);
  assert.deepEqual(spec.watchNamespaces, { type: 'list', list: ['a', 'b'] });
  const hub = {
    apiVersion: V2, kind: 'ControlPlane', metadata: structuredClone(metadata),
    spec: { dataplane: { type: 'managedByOwner' }, extensions },
    status: { conditions, controllers: [{ name: 'A', state: 'enabled' }], dataPlane: { name: 'dp' } },
  };
  const down = convertObject(hub, V1) as Obj;
  assert.deepEqual(down.status, { conditions });
  assert.deepEqual(down.spec.extensions, extensions);
  assert.deepEqual(convertObject(down, V2), hub);
});

test('v2beta1 -> v1beta1 rebuilds one `controller` container holding the env vars (KO order), valid as v1beta1', () => {
  const hub = {
    apiVersion: V2, kind: 'ControlPlane', metadata: structuredClone(metadata),
    spec: {
      dataplane: { type: 'ref', ref: { name: 'dp' } }, ingressClass: 'kong',
      featureGates: [{ name: 'A', state: 'enabled' }, { name: 'B', state: 'disabled' }],
      controllers: [{ name: 'KONG_PLUGIN', state: 'disabled' }],
      dataplaneSync: { reverseSync: 'enabled', interval: '30s' },
      gatewayDiscovery: { readinessCheckInterval: '10s', readinessCheckTimeout: '5s' },
      cache: { initSyncDuration: '5s' },
      translation: { combinedServicesFromDifferentHTTPRoutes: 'enabled', drainSupport: 'disabled', fallbackConfiguration: { useLastValidConfig: 'enabled' } },
      configDump: { state: 'enabled', dumpSensitive: 'disabled' },
      konnect: { consumersSync: 'disabled', licensing: { state: 'enabled', initialPollingPeriod: '1m', pollingPeriod: '2h', storageState: 'enabled' }, nodeRefreshPeriod: '3m', configUploadPeriod: '10s' },
    },
  };
  const down = convertObject(hub, V1) as Obj;
  assert.deepEqual(down.spec.deployment, { podTemplateSpec: { spec: { containers: [{ name: 'controller', image: V1BETA1_CONTROLLER_IMAGE, env: env({
    CONTROLLER_FEATURE_GATES: 'A=true,B=false',
    CONTROLLER_ENABLE_CONTROLLER_KONG_PLUGIN: 'false',
    CONTROLLER_ENABLE_REVERSE_SYNC: 'true',
    CONTROLLER_GATEWAY_DISCOVERY_READINESS_CHECK_INTERVAL: '10s',
    CONTROLLER_GATEWAY_DISCOVERY_READINESS_CHECK_TIMEOUT: '5s',
    CONTROLLER_INIT_CACHE_SYNC_DURATION: '5s',
    CONTROLLER_COMBINED_SERVICES_FROM_DIFFERENT_HTTPROUTES: 'true',
    CONTROLLER_USE_LAST_VALID_CONFIG_FOR_FALLBACK: 'true',
    CONTROLLER_ENABLE_DRAIN_SUPPORT: 'false',
    CONTROLLER_DUMP_CONFIG: 'true',
    CONTROLLER_DUMP_SENSITIVE_CONFIG: 'false',
    CONTROLLER_KONNECT_DISABLE_CONSUMERS_SYNC: 'true',
    CONTROLLER_KONNECT_LICENSING_ENABLED: 'true',
    CONTROLLER_KONNECT_INITIAL_LICENSE_POLLING_PERIOD: '1m',
    CONTROLLER_KONNECT_LICENSE_POLLING_PERIOD: '2h',
    CONTROLLER_KONNECT_LICENSE_STORAGE_ENABLED: 'true',
    CONTROLLER_KONNECT_REFRESH_NODE_PERIOD: '3m',
    CONTROLLER_KONNECT_UPLOAD_CONFIG_PERIOD: '10s',
  }) }] } } });
  assert.deepEqual(checkManifest(down).messages, []);
  assert.ok(down.metadata.annotations[stashAnnotation('v2beta1')].includes('"interval"'), 'dataplaneSync.interval has no v1beta1 home');
  assert.deepEqual(convertObject(down, V2), hub, 'v2beta1 -> v1beta1 -> v2beta1 is exact');
  const upAgain = structuredClone(down);
  delete upAgain.metadata.annotations;
  const { featureGates, controllers, dataplaneSync, translation, konnect } = (convertObject(upAgain, V2) as Obj).spec;
  assert.deepEqual({ featureGates, controllers, dataplaneSync, translation, konnect }, {
    featureGates: hub.spec.featureGates, controllers: hub.spec.controllers, dataplaneSync: { reverseSync: 'enabled' },
    translation: hub.spec.translation, konnect: { ...hub.spec.konnect },
  }, 'the env vars alone carry every mapped option back');
});

test('v2 values v1beta1 env syntax cannot carry are left out of the env and kept in the stash', () => {
  const hub = {
    apiVersion: V2, kind: 'ControlPlane', metadata: { name: 'odd' },
    spec: { dataplane: { type: 'managedByOwner' }, featureGates: [{ name: 'A,B', state: 'enabled' }, { name: 'C', state: 'enabled' }], cache: { initSyncDuration: 'soon' } },
  };
  const down = convertObject(hub, V1) as Obj;
  assert.deepEqual(down.spec.deployment.podTemplateSpec.spec.containers[0].env, env({ CONTROLLER_FEATURE_GATES: 'C=true' }));
  assert.deepEqual(convertObject(down, V2), hub);
});

test('envFrom: refused unless its prefix keeps every imported name away from CONTROLLER_', () => {
  const withEnvFrom = (envFrom: Obj[]): Obj => {
    const object = v1({}, env({ CONTROLLER_ENABLE_REVERSE_SYNC: 'true' }));
    object.spec.deployment.podTemplateSpec.spec.containers[0].envFrom = envFrom;
    return object;
  };
  const message = "ControlPlane v1beta1 can't be converted, because EnvFrom is used on container level (converter can't reason about values), manual adjustment is needed";
  throwsAt(withEnvFrom([{ configMapRef: { name: 'kic-env' } }]), `${CONTAINER}.envFrom[0]`, message);
  throwsAt(withEnvFrom([{ prefix: 'APP_', configMapRef: { name: 'a' } }, { prefix: 'CONTROLLER_', secretRef: { name: 's' } }]), `${CONTAINER}.envFrom[1]`, message);
  throwsAt(withEnvFrom([{ prefix: 'CONT', configMapRef: { name: 'a' } }]), `${CONTAINER}.envFrom[0]`, message);
  const safe = up(withEnvFrom([{ prefix: 'APP_', configMapRef: { name: 'a' } }]));
  assert.equal(safe.dataplaneSync.reverseSync, 'enabled');
  up(withEnvFrom([]));
});

test('valueFrom: refused on a mapped env var (KO wording), kept by the stash on any other', () => {
  const fromSecret = { secretKeyRef: { name: 's', key: 'k' } };
  const message = (name: string) => `ControlPlane v1beta1 can't be converted, because environment variable: ${name} is populated with EnvFrom, manual adjustment is needed`;
  for (const name of ['CONTROLLER_FEATURE_GATES', 'CONTROLLER_ENABLE_CONTROLLER_X', 'CONTROLLER_DUMP_CONFIG', 'CONTROLLER_INIT_CACHE_SYNC_DURATION', 'CONTROLLER_INGRESS_CLASS']) {
    throwsAt(v1({}, [{ name: 'OK', value: '1' }, { name, valueFrom: fromSecret }]), `${CONTAINER}.env[1].valueFrom`, message(name));
  }
  const spec = up(v1({}, [{ name: 'KONG_PASSWORD', valueFrom: fromSecret }, { name: 'CONTROLLER_ENABLE_DRAIN_SUPPORT', value: 'false' }]));
  assert.equal(spec.translation.drainSupport, 'disabled');
  // spec.ingressClass set: CONTROLLER_INGRESS_CLASS is not read, so its valueFrom does not matter.
  assert.equal(up(v1({ ingressClass: 'x' }, [{ name: 'CONTROLLER_INGRESS_CLASS', valueFrom: fromSecret }])).ingressClass, 'x');
});

test('settings are read from containers[0] only, and the first env var of a name wins', () => {
  const object = v1({}, env({ CONTROLLER_ENABLE_REVERSE_SYNC: 'true' }));
  object.spec.deployment.podTemplateSpec.spec.containers.push({ name: 'sidecar', image: 'busybox', env: env({ CONTROLLER_DUMP_CONFIG: 'true' }) });
  const spec = up(object);
  assert.equal(spec.dataplaneSync.reverseSync, 'enabled');
  assert.equal(spec.configDump, undefined);
  const twice = convertObject(v1({}, [{ name: 'CONTROLLER_ENABLE_REVERSE_SYNC', value: 'false' }, { name: 'CONTROLLER_ENABLE_REVERSE_SYNC', value: 'true' }]), V2) as Obj;
  assert.equal(twice.spec.dataplaneSync.reverseSync, 'disabled');
});

test('no pod template, no env: an object that still converts both ways', () => {
  const bare = { apiVersion: V1, kind: 'ControlPlane', metadata: { name: 'bare' }, spec: {} };
  const hub = convertObject(bare, V2) as Obj;
  assert.deepEqual(hub.spec, { ingressClass: 'kong', dataplane: { type: 'managedByOwner' } });
  assert.deepEqual(convertObject(hub, V1), bare);
  assert.deepEqual(convertObject(bare, V1), bare, 'same version is the identity');
});

// The stash diffs list-maps by key (env by name), so unmapped vars come back beside the env
// built from a v2beta1 edit instead of replacing it.
test('an edit made in v2beta1 to a mapped option shows in v1beta1 when the env also held unmapped vars', () => {
  const original = v1({}, env({ CONTROLLER_FEATURE_GATES: 'A=true', KONG_LOG_LEVEL: 'debug' }));
  const hub = structuredClone(convertObject(original, V2)) as Obj;
  hub.spec.featureGates = [{ name: 'A', state: 'disabled' }];
  const down = convertObject(hub, V1) as Obj;
  assert.deepEqual(down.spec.deployment.podTemplateSpec.spec.containers[0].env, env({ CONTROLLER_FEATURE_GATES: 'A=false', KONG_LOG_LEVEL: 'debug' }));
});
