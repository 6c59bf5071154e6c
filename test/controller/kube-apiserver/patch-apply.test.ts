// PATCH flavours and the simplified server-side apply of the test server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { KubeApiServer } from '../../support/kube-apiserver/index.ts';
import { call, cm } from './helpers.ts';

let server: KubeApiServer;
before(async () => { server = await KubeApiServer.start(); });
after(async () => { await server.close(); });

const CM = '/api/v1/namespaces/default/configmaps';
const DEP = '/apis/apps/v1/namespaces/default/deployments';
const GW = '/apis/gateway.networking.k8s.io/v1/namespaces/default/gateways';
const APPLY = 'application/apply-patch+yaml';

test('merge patch sets and removes keys', async () => {
  await call(server, 'POST', CM, cm('mp', { a: '1', b: '2' }));
  const res = await call(server, 'PATCH', `${CM}/mp`, { data: { a: null, c: '3' } }, 'application/merge-patch+json');
  assert.deepEqual(res.body.data, { b: '2', c: '3' });
});

test('json patch applies operations in order and fails a test op with 422', async () => {
  await call(server, 'POST', CM, cm('jp', { a: '1' }));
  const ok = await call(server, 'PATCH', `${CM}/jp`, [
    { op: 'test', path: '/data/a', value: '1' }, { op: 'add', path: '/data/b', value: '2' }, { op: 'replace', path: '/data/a', value: '9' },
  ], 'application/json-patch+json');
  assert.deepEqual(ok.body.data, { a: '9', b: '2' });
  const failed = await call(server, 'PATCH', `${CM}/jp`, [{ op: 'test', path: '/data/a', value: '1' }], 'application/json-patch+json');
  assert.equal(failed.status, 422);
});

test('strategic merge merges containers, env and ports by key; CRDs answer 415', async () => {
  await call(server, 'POST', DEP, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'smp' },
    spec: { template: { spec: { containers: [
      { name: 'proxy', image: 'kong:3.8', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 8000, name: 'http' }] },
      { name: 'sidecar', image: 'busybox' },
    ] } } },
  });
  const res = await call(server, 'PATCH', `${DEP}/smp`, {
    spec: { template: { spec: { containers: [{ name: 'proxy', image: 'kong:3.9', env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }], ports: [{ containerPort: 8443, name: 'https' }] }] } } },
  }, 'application/strategic-merge-patch+json');
  const containers = res.body.spec.template.spec.containers;
  assert.equal(containers.length, 2, 'sidecar kept');
  assert.equal(containers[0].image, 'kong:3.9');
  assert.deepEqual(containers[0].env, [{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }]);
  assert.deepEqual(containers[0].ports.map((p: { containerPort: number }) => p.containerPort), [8000, 8443]);
  assert.equal(res.body.metadata.generation, 2);
  const del = await call(server, 'PATCH', `${DEP}/smp`, { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } }, 'application/strategic-merge-patch+json');
  assert.deepEqual(del.body.spec.template.spec.containers.map((c: { name: string }) => c.name), ['proxy']);
  await call(server, 'POST', GW, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'smp' }, spec: { gatewayClassName: 'kong' } });
  const crd = await call(server, 'PATCH', `${GW}/smp`, { spec: {} }, 'application/strategic-merge-patch+json');
  assert.equal(crd.status, 415);
  assert.equal(crd.body.reason, 'UnsupportedMediaType');
});

test('server-side apply creates, tracks managers, conflicts, forces and prunes', async () => {
  const applied = (manager: string, data: Record<string, string>, force = false) =>
    call(server, 'PATCH', `${CM}/ssa?fieldManager=${manager}${force ? '&force=true' : ''}`,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n${Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`).join('\n')}\n`, APPLY);
  const created = await applied('kongward', { a: '1', b: '2' });
  assert.equal(created.status, 201);
  assert.equal(created.body.metadata.managedFields[0].manager, 'kongward');
  assert.deepEqual(created.body.metadata.managedFields[0].fieldsV1, { 'f:data': { 'f:a': {}, 'f:b': {} } });
  const again = await applied('kongward', { a: '1', b: '2' });
  assert.equal(again.body.metadata.resourceVersion, created.body.metadata.resourceVersion, 'identical apply is a no-op');
  const conflict = await applied('other', { a: 'x' });
  assert.equal(conflict.status, 409);
  assert.equal(conflict.body.message, 'Apply failed with 1 conflict: conflict with "kongward": .data.a');
  const shared = await applied('other', { a: '1' });
  assert.equal(shared.status, 200, 'same value is not a conflict');
  const forced = await applied('other', { a: 'x' }, true);
  assert.equal(forced.body.data.a, 'x');
  const pruned = await applied('kongward', { c: '3' });
  assert.deepEqual(pruned.body.data, { a: 'x', c: '3' }, 'b dropped (owned by kongward only), a kept (owned by other)');
  const missing = await call(server, 'PATCH', `${CM}/ssa`, 'data: {}', APPLY);
  assert.equal(missing.status, 400);
});

test('server-side apply merges keyed lists of a Deployment', async () => {
  const yaml = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: applied\nspec:\n  template:\n    spec:\n      containers:\n      - name: proxy\n        image: ${image}\n`;
  await call(server, 'PATCH', `${DEP}/applied?fieldManager=kongward`, yaml('kong:3.8'), APPLY);
  await call(server, 'PATCH', `${DEP}/applied`, { spec: { template: { spec: { containers: [{ name: 'injected', image: 'x' }] } } } }, 'application/strategic-merge-patch+json');
  const res = await call(server, 'PATCH', `${DEP}/applied?fieldManager=kongward`, yaml('kong:3.9'), APPLY);
  assert.deepEqual(res.body.spec.template.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`), ['proxy=kong:3.9', 'injected=x']);
  assert.equal(res.body.metadata.generation, 3);
});
