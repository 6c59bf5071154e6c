// Pure decisions: k8s tags and labels, drift comparison, kind mappings (one table per kind).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityTags, controlPlaneLabels } from '../../../src/controller/konnect/tags.ts';
import { driftedFields } from '../../../src/controller/konnect/drift.ts';
import { desiredControlPlane, entityKindByName } from '../../../src/controller/konnect/index.ts';
import type { KubeObject } from '../../../src/controller/runtime/types.ts';
import { grantPermits } from '../../../src/controller/konnect/grants.ts';
import { adoptSpecOf, checkAdoptable, requireMatch } from '../../../src/controller/konnect/adoption.ts';
import { pemSecretUse, pluginConfigSecretUses, setAtPointer } from '../../../src/controller/konnect/entity-extras.ts';

const svc: KubeObject = { apiVersion: 'configuration.konghq.com/v1alpha1', kind: 'KongService', metadata: { namespace: 'ns', name: 'svc', uid: 'u-1', generation: 3, annotations: { 'konghq.com/tags': 'a1, a2' } }, spec: {} };

test('entity tags: metadata tags, spec tags, annotation tags; cut to 128, deduplicated, capped at 20 (annotation first to go), sorted', () => {
  assert.deepEqual(entityTags(svc, ['team:x', 'a1']), [
    'a1', 'a2', 'k8s-generation:3', 'k8s-group:configuration.konghq.com', 'k8s-kind:KongService', 'k8s-name:svc', 'k8s-namespace:ns', 'k8s-uid:u-1', 'k8s-version:v1alpha1', 'managed-by:kongward', 'team:x',
  ]);
  const many = entityTags(svc, Array.from({ length: 14 }, (_, i) => `t${i}`));
  assert.equal(many.length, 20);
  assert.ok(!many.includes('a2') && many.includes('t11'), 'annotation tags dropped before spec tags');
  assert.equal(entityTags(svc, ['x'.repeat(200)]).find((t) => t.startsWith('xx'))?.length, 128);
});

test('control plane labels: metadata keys under user labels, values cut to 63', () => {
  const cp: KubeObject = { ...svc, kind: 'KonnectGatewayControlPlane', apiVersion: 'konnect.konghq.com/v1alpha2', metadata: { ...svc.metadata, name: 'n'.repeat(70) } };
  const labels = controlPlaneLabels(cp, { team: 'edge', 'managed-by': 'me' });
  assert.equal(labels['k8s-name']!.length, 63);
  assert.equal(labels['k8s-uid'], 'u-1');
  assert.equal(labels['managed-by'], 'me', 'user labels win');
  assert.equal(labels.team, 'edge');
});

test('drift: only desired fields compared; tags as sets; references by id; ignored fields never drift', () => {
  const desired = { host: 'a', port: 80, tags: ['b', 'a'], service: { id: 's1' }, password: 'p', paths: ['/x'] };
  const actual = { host: 'a', port: 80, tags: ['a', 'b'], service: { id: 's1' }, password: 'sha1-hash', paths: ['/x'], retries: 5, created_at: 1 };
  assert.deepEqual(driftedFields(desired, actual, ['password']), []);
  assert.deepEqual(driftedFields(desired, { ...actual, host: 'changed' }, ['password']), ['host']);
  assert.deepEqual(driftedFields(desired, { ...actual, service: { id: 's2' } }, ['password']), ['service']);
  assert.deepEqual(driftedFields(desired, { ...actual, paths: ['/x', '/y'] }, ['password']), ['paths']);
  assert.deepEqual(driftedFields({ config: { minute: 5 } }, { config: { minute: 5, hour: null } }), [], 'Konnect defaults inside objects are not drift');
});

test('kind mappings: spec -> Konnect body', () => {
  const cases: { kind: string; obj: Record<string, unknown>; objects?: Record<string, KubeObject>; body: Record<string, unknown> }[] = [
    { kind: 'KongService', obj: { spec: { url: 'https://api.example:8443/v1', controlPlaneRef: {}, adopt: {}, tags: ['x'], name: 's' } }, body: { name: 's', protocol: 'https', host: 'api.example', port: 8443, path: '/v1' } },
    { kind: 'KongService', obj: { spec: { host: 'h', port: 80, protocol: 'http' } }, body: { host: 'h', port: 80, protocol: 'http' } },
    { kind: 'KongRoute', obj: { spec: { name: 'r', paths: ['/a'], serviceRef: { type: 'namespacedRef' }, strip_path: true } }, body: { name: 'r', paths: ['/a'], strip_path: true } },
    { kind: 'KongConsumer', obj: { username: 'alice', custom_id: 'c1', spec: { controlPlaneRef: {} } }, body: { username: 'alice', custom_id: 'c1' } },
    { kind: 'KongTarget', obj: { spec: { target: '10.0.0.1:80', weight: 50, upstreamRef: { name: 'u' } } }, body: { target: '10.0.0.1:80', weight: 50 } },
    { kind: 'KongVault', obj: { spec: { backend: 'env', prefix: 'p', config: { prefix: 'X_' } } }, body: { name: 'env', prefix: 'p', config: { prefix: 'X_' } } },
    { kind: 'KongCredentialBasicAuth', obj: { spec: { consumerRef: { name: 'c' }, username: 'u', password: 'p' } }, body: { username: 'u', password: 'p' } },
    { kind: 'KongPluginBinding', obj: { spec: {} }, objects: { plugin: { metadata: {}, plugin: 'cors', config: { origins: ['*'] }, disabled: true } }, body: { name: 'cors', enabled: false, config: { origins: ['*'] } } },
  ];
  for (const c of cases) {
    const kind = entityKindByName.get(c.kind)!;
    assert.deepEqual(kind.body({ metadata: {}, ...c.obj } as KubeObject, c.objects ?? {}), c.body, c.kind);
  }
});

test('control plane request from v1alpha2 and from v1alpha1 inline fields', () => {
  const meta = { namespace: 'ns', name: 'cp', uid: 'u-9', generation: 1 };
  const v2 = desiredControlPlane({ apiVersion: 'konnect.konghq.com/v1alpha2', kind: 'KonnectGatewayControlPlane', metadata: meta, spec: { createControlPlaneRequest: { name: 'x', cluster_type: 'CLUSTER_TYPE_CONTROL_PLANE', labels: { team: 'a' } }, konnect: {} } });
  assert.equal(v2.name, 'x');
  assert.equal(v2.cluster_type, 'CLUSTER_TYPE_CONTROL_PLANE');
  assert.equal(v2.labels?.team, 'a');
  assert.equal(v2.labels?.['k8s-uid'], 'u-9');
  const v1 = desiredControlPlane({ apiVersion: 'konnect.konghq.com/v1alpha1', kind: 'KonnectGatewayControlPlane', metadata: meta, spec: { name: 'y', konnect: { authRef: { name: 'a' } } } });
  assert.equal(v1.name, 'y');
  assert.equal('konnect' in v1, false);
});

test('KongReferenceGrant: from group/kind/namespace and to group/kind (name optional) must all match', () => {
  const grant = { metadata: {}, spec: { from: [{ group: 'configuration.konghq.com', kind: 'KongService', namespace: 'a' }, { group: 'configuration.konghq.com', kind: 'KongVault', namespace: '' }], to: [{ group: 'konnect.konghq.com', kind: 'KonnectGatewayControlPlane', name: 'cp' }, { group: 'core', kind: 'Secret' }] } } as KubeObject;
  const cp = { group: 'konnect.konghq.com', kind: 'KonnectGatewayControlPlane', namespace: 'b', name: 'cp' };
  const svcA = { group: 'configuration.konghq.com', kind: 'KongService', namespace: 'a' };
  assert.equal(grantPermits(grant, svcA, cp), true);
  assert.equal(grantPermits(grant, { ...svcA, namespace: 'c' }, cp), false, 'other namespace');
  assert.equal(grantPermits(grant, { ...svcA, kind: 'KongRoute' }, cp), false, 'other kind');
  assert.equal(grantPermits(grant, svcA, { ...cp, name: 'other' }), false, 'other name');
  assert.equal(grantPermits(grant, svcA, { group: '', kind: 'Secret', namespace: 'b', name: 'any' }), true, "core group spelled 'core' or ''");
  assert.equal(grantPermits(grant, { group: 'configuration.konghq.com', kind: 'KongVault', namespace: '' }, cp), true, 'cluster-scoped referrer');
});

test('adoption decisions: modes, missing entity, foreign k8s-uid, match comparison without tags', () => {
  assert.deepEqual(adoptSpecOf({ metadata: {}, spec: { adopt: { from: 'konnect', konnect: { id: 'x' } } } }), { mode: 'override', id: 'x' });
  assert.deepEqual(adoptSpecOf({ metadata: {}, spec: { adopt: { from: 'konnect', mode: 'match', konnect: { id: 'x' } } } }), { mode: 'match', id: 'x' });
  assert.equal(adoptSpecOf({ metadata: {}, spec: {} }), undefined);
  const match = { mode: 'match', id: 'e1' } as const;
  assert.throws(() => checkAdoptable('service', match, 'u1', undefined, ['match']), /e1 to adopt was not found/);
  assert.throws(() => checkAdoptable('service', match, 'u1', { id: 'e1', tags: ['k8s-uid:u2'] }, ['match']), /managed by another object \(k8s-uid u2\)/);
  assert.throws(() => checkAdoptable('certificate', { mode: 'override', id: 'e1' }, 'u1', { id: 'e1' }, ['match']), /mode override is not supported/);
  assert.deepEqual(checkAdoptable('service', match, 'u1', { id: 'e1', tags: ['k8s-uid:u1'] }, ['match']), { id: 'e1', tags: ['k8s-uid:u1'] });
  assert.doesNotThrow(() => requireMatch('service', 'e1', { host: 'h', tags: ['k8s-uid:u1'] }, { host: 'h', port: 80 }));
  assert.throws(() => requireMatch('service', 'e1', { host: 'h', port: 81 }, { host: 'h', port: 80 }), /port differ/);
});

test('Secret uses: PEM keys required and checked without quoting data; configPatches set values at JSON pointers', () => {
  const cert = { apiVersion: 'configuration.konghq.com/v1alpha1', kind: 'KongCertificate', metadata: { namespace: 'ns', name: 'c' } } as KubeObject;
  const [use] = pemSecretUse(cert, 'spec.secretRef', { name: 's' }, { 'tls.crt': 'cert', 'tls.key': 'key' });
  assert.equal(use!.namespace, 'ns');
  assert.deepEqual(use!.from, { group: 'configuration.konghq.com', kind: 'KongCertificate', namespace: 'ns' });
  assert.deepEqual(use!.extract({ 'tls.crt': '-----BEGIN CERTIFICATE-----\nx' }), { problem: 'has no tls.key key' });
  assert.deepEqual(use!.extract({ 'tls.crt': 'hunter2', 'tls.key': '-----BEGIN KEY-----' }), { problem: 'key tls.crt does not hold PEM data' });
  const config: Record<string, unknown> = { a: 1 };
  setAtPointer(config, '/b/c', 2);
  setAtPointer(config, '/x~1y', 3);
  assert.deepEqual(config, { a: 1, b: { c: 2 }, 'x/y': 3 });
  const plugin = { metadata: { namespace: 'ns', name: 'p' }, configFrom: { secretKeyRef: { name: 's', key: 'k' } } } as KubeObject;
  const [from] = pluginConfigSecretUses(plugin);
  assert.deepEqual(from!.extract({ k: 'minute: 5' }), { value: { minute: 5 } });
  assert.deepEqual(from!.extract({ k: '42' }), { problem: 'key k does not hold a JSON or YAML object' });
});
