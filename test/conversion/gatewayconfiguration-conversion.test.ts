import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { convertObject } from '../../src/conversion/convert.ts';
import { ConversionError } from '../../src/conversion/types.ts';
import { checkManifest } from '../support/validate.ts';
import { SHARED_MISSING, sharedPath } from '../support/shared.ts';

const V1 = 'gateway-operator.konghq.com/v1beta1';
const V2 = 'gateway-operator.konghq.com/v2beta1';
type Obj = Record<string, any>;

const metadata = { name: 'gwconf', namespace: 'demo', uid: '08ad0031-0000-4000-8000-000000000002', generation: 4, resourceVersion: '99', labels: { team: 'edge' } };

const gc = (apiVersion: string, spec: Obj, extra: Obj = {}): Obj => ({ apiVersion, kind: 'GatewayConfiguration', metadata: structuredClone(metadata), spec, ...extra });

/** Converts, checks validity in the target version and the exact way back; returns the converted object. */
function convertChecked(object: Obj, to: string): Obj {
  assert.deepEqual(checkManifest(object).messages, [], 'the source is valid');
  const converted = convertObject(object, to) as Obj;
  assert.deepEqual(checkManifest(converted).messages, [], `valid as ${to}`);
  assert.deepEqual(convertObject(converted, String(object.apiVersion)), object, 'the round trip is exact');
  return converted;
}

const proxy = { name: 'proxy', image: 'kong/kong-gateway:3.9.1.0', env: [{ name: 'KONG_LOG_LEVEL', value: 'debug' }] };
const konnectExt = { group: 'konnect.konghq.com', kind: 'KonnectExtension', name: 'konnect' };
const metricsExt = { group: 'gateway-operator.konghq.com', kind: 'DataPlaneMetricsExtension', name: 'metrics' };
const metricsExt2 = { group: 'gateway-operator.konghq.com', kind: 'DataPlaneMetricsExtension', name: 'metrics-2' };

test('dataPlaneOptions are carried field by field (deployment, network, resources, pluginsToInstall), both ways', () => {
  const dataPlaneOptions = {
    deployment: {
      replicas: 2,
      podTemplateSpec: { metadata: { labels: { app: 'proxy' } }, spec: { containers: [proxy] } },
      rollout: { strategy: { blueGreen: { promotion: { strategy: 'BreakBeforePromotion' }, resources: { plan: { deployment: 'ScaleDownOnPromotionScaleUpOnRollout' } } } } },
    },
    network: { services: { ingress: { type: 'NodePort', name: 'proxy-svc', annotations: { a: 'b' }, externalTrafficPolicy: 'Local', labels: { tier: 'edge' } } } },
    resources: { podDisruptionBudget: { spec: { minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' } } },
    pluginsToInstall: [{ name: 'my-plugin', namespace: 'plugins' }],
  };
  const hub = convertChecked(gc(V1, { dataPlaneOptions }), V2);
  assert.deepEqual(hub.spec, { dataPlaneOptions });
  assert.equal(hub.metadata.annotations, undefined, 'nothing needed a stash');
  const down = convertChecked(gc(V2, { dataPlaneOptions }), V1);
  assert.deepEqual(down.spec, { dataPlaneOptions });
});

test('v2beta1 rollout without the fields v1beta1 requires gets v2beta1 defaults spelled out', () => {
  const down = convertChecked(gc(V2, { dataPlaneOptions: { deployment: { rollout: { strategy: { blueGreen: {} } } } } }), V1);
  assert.deepEqual(down.spec.dataPlaneOptions.deployment.rollout, { strategy: { blueGreen: { promotion: { strategy: 'BreakBeforePromotion' } } } });
  const bare = convertChecked(gc(V2, { dataPlaneOptions: { deployment: { rollout: {} } } }), V1);
  assert.deepEqual(bare.spec.dataPlaneOptions.deployment.rollout, { strategy: {} });
});

test('controlPlaneOptions convert as a ControlPlane does; ingressClass comes from the `controller` container', () => {
  const controlPlaneOptions = {
    watchNamespaces: { type: 'own' },
    deployment: {
      replicas: 1,
      podTemplateSpec: {
        spec: {
          containers: [
            { name: 'controller', image: 'kong/kubernetes-ingress-controller:3.4', env: [
              { name: 'CONTROLLER_FEATURE_GATES', value: 'FillIDs=true' },
              { name: 'CONTROLLER_ENABLE_REVERSE_SYNC', value: '1' },
              { name: 'CONTROLLER_INGRESS_CLASS', value: 'edge' },
            ] },
          ],
        },
      },
    },
  };
  const hub = convertChecked(gc(V1, { controlPlaneOptions }), V2);
  assert.deepEqual(hub.spec.controlPlaneOptions, {
    watchNamespaces: { type: 'own' },
    featureGates: [{ name: 'FillIDs', state: 'enabled' }],
    dataplaneSync: { reverseSync: 'enabled' },
    ingressClass: 'edge',
  });
  const noClass = convertChecked(gc(V1, { controlPlaneOptions: { deployment: { podTemplateSpec: { spec: { containers: [{ name: 'controller', image: 'kic' }] } } } } }), V2);
  assert.deepEqual(noClass.spec.controlPlaneOptions, {}, 'no "kong" default in a GatewayConfiguration');

  const down = convertChecked(gc(V2, { controlPlaneOptions: { ingressClass: 'edge', translation: { drainSupport: 'disabled', combinedServicesFromDifferentHTTPRoutes: 'enabled' } } }), V1);
  assert.deepEqual(down.spec.controlPlaneOptions, {
    deployment: { podTemplateSpec: { spec: { containers: [{ name: 'controller', env: [
      { name: 'CONTROLLER_COMBINED_SERVICES_FROM_DIFFERENT_HTTPROUTES', value: 'true' },
      { name: 'CONTROLLER_ENABLE_DRAIN_SUPPORT', value: 'false' },
      { name: 'CONTROLLER_INGRESS_CLASS', value: 'edge' },
    ] }] } } },
  });
});

test('extensions of spec, dataPlaneOptions and controlPlaneOptions merge into spec.extensions, each once', () => {
  const hub = convertChecked(gc(V1, { extensions: [konnectExt], controlPlaneOptions: { extensions: [metricsExt] } }), V2);
  assert.deepEqual(hub.spec.extensions, [konnectExt, metricsExt]);
  assert.equal(hub.spec.controlPlaneOptions.extensions, undefined);
  // The same reference twice (a group left to its default counts as the default) appears once.
  const dup = convertObject(gc(V1, { extensions: [metricsExt], controlPlaneOptions: { extensions: [{ kind: 'DataPlaneMetricsExtension', name: 'metrics' }] } }), V2) as Obj;
  assert.deepEqual(dup.spec.extensions, [metricsExt]);
  assert.deepEqual(convertObject(dup, V1), gc(V1, { extensions: [metricsExt], controlPlaneOptions: { extensions: [{ kind: 'DataPlaneMetricsExtension', name: 'metrics' }] } }));
  const fromDataPlane = convertObject(gc(V1, { dataPlaneOptions: { extensions: [konnectExt] } }), V2) as Obj;
  assert.deepEqual(fromDataPlane.spec, { dataPlaneOptions: {}, extensions: [konnectExt] });
});

test('spec.extensions split back: KonnectExtension at the Gateway level, DataPlaneMetricsExtension in controlPlaneOptions', () => {
  const down = convertChecked(gc(V2, { extensions: [metricsExt, konnectExt], controlPlaneOptions: { ingressClass: 'kong' } }), V1);
  assert.deepEqual(down.spec.extensions, [konnectExt]);
  assert.deepEqual(down.spec.controlPlaneOptions.extensions, [metricsExt]);
  // No controlPlaneOptions in v2beta1: KO drops the metrics extension; v1beta1 gets options holding just it.
  const only = convertChecked(gc(V2, { extensions: [metricsExt, metricsExt2] }), V1);
  assert.deepEqual(only.spec, { controlPlaneOptions: { extensions: [metricsExt, metricsExt2] } });
});

test('controlPlaneOptions.dataplane: KO refuses, kongward keeps it for v1beta1 in the stash', () => {
  const object = gc(V1, { controlPlaneOptions: { dataplane: 'my-dp', deployment: { podTemplateSpec: { spec: { containers: [{ name: 'controller', image: 'kic' }] } } } } });
  const hub = convertChecked(object, V2);
  assert.equal(hub.spec.controlPlaneOptions.dataplane, undefined);
  assert.match(hub.metadata.annotations['conversion.kongward.dev/v1beta1'], /"dataplane"\],"value":"my-dp"/);
});

test('the ControlPlane errors carry the GatewayConfiguration field path', () => {
  const withEnv = (container: Obj) => gc(V1, { controlPlaneOptions: { deployment: { podTemplateSpec: { spec: { containers: [container] } } } } });
  const cases: Array<[Obj, string, string]> = [
    [withEnv({ name: 'controller', envFrom: [{ configMapRef: { name: 'env' } }] }), 'spec.controlPlaneOptions.deployment.podTemplateSpec.spec.containers[0].envFrom[0]',
      "ControlPlane v1beta1 can't be converted, because EnvFrom is used on container level (converter can't reason about values), manual adjustment is needed"],
    [withEnv({ name: 'controller', env: [{ name: 'CONTROLLER_FEATURE_GATES', value: 'A=on' }] }), 'spec.controlPlaneOptions.deployment.podTemplateSpec.spec.containers[0].env[0].value',
      "invalid value for feature gate A=on, expected 'true' or 'false' as value"],
    [withEnv({ name: 'controller', env: [{ name: 'X', value: '' }, { name: 'CONTROLLER_INGRESS_CLASS', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] }),
      'spec.controlPlaneOptions.deployment.podTemplateSpec.spec.containers[0].env[1].valueFrom',
      "ControlPlane v1beta1 can't be converted, because environment variable: CONTROLLER_INGRESS_CLASS is populated with EnvFrom, manual adjustment is needed"],
  ];
  for (const [object, field, message] of cases) {
    assert.throws(() => convertObject(object, V2), (e: unknown) => e instanceof ConversionError && e.field === field && e.message === `${field}: ${message}`, field);
  }
});

test('listenersOptions and status are carried as they are; v2beta1 konnect waits in the stash', () => {
  const listenersOptions = [{ name: 'http', nodePort: 30080 }];
  const status = { conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'ok', lastTransitionTime: '2025-03-01T10:00:00Z' }] };
  const dataPlaneOptions = { network: { services: { ingress: { type: 'NodePort' } } } };
  const hub = convertChecked(gc(V1, { dataPlaneOptions, listenersOptions }, { status }), V2);
  assert.deepEqual(hub.spec.listenersOptions, listenersOptions);
  assert.deepEqual(hub.status, status);
  const konnect = { authRef: { name: 'auth' }, source: 'Mirror', mirror: { konnect: { id: '0b6b3f6c-1234-4abc-8def-0123456789ab' } } };
  const down = convertChecked(gc(V2, { konnect, listenersOptions, dataPlaneOptions }, { status }), V1);
  assert.equal(down.spec.konnect, undefined);
  assert.deepEqual(down.status, status);
});

test('converting to the same version is the identity', () => {
  const object = gc(V1, { controlPlaneOptions: { dataplane: 'x' } });
  assert.deepEqual(convertObject(object, V1), object);
});

test('captured ConversionReviews for GatewayConfiguration convert to valid objects of the desired version', (t) => {
  const dir = sharedPath('fixtures', 'conversion');
  if (!dir) return t.skip(SHARED_MISSING);
  const files = readdirSync(dir).filter((f) => f.startsWith('gatewayconfiguration-'));
  assert.ok(files.length >= 3, 'the GatewayConfiguration fixtures are there');
  for (const file of files) {
    const review = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Obj;
    const { desiredAPIVersion, objects } = review.request;
    for (const object of objects as Obj[]) {
      const converted = convertObject(object, desiredAPIVersion) as Obj;
      assert.equal(converted.apiVersion, desiredAPIVersion, file);
      assert.deepEqual(converted.metadata, object.metadata, `${file}: metadata untouched`);
      assert.deepEqual(converted.spec.dataPlaneOptions, object.spec.dataPlaneOptions, `${file}: dataPlaneOptions carried`);
      assert.deepEqual(checkManifest(converted).messages, [], `${file}: valid as ${desiredAPIVersion}`);
      assert.deepEqual(convertObject(converted, object.apiVersion), object, `${file}: and back exactly`);
    }
  }
});
