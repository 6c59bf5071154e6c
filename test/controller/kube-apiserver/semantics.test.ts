// The test server's write semantics: create, update, generation, status subresource,
// finalizers, errors as Status objects with kube-apiserver's reasons and messages.
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

const deployment = (name: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { replicas: 1, template: { spec: { containers: [{ name: 'app', image: 'kong:3.9', env: [{ name: 'A', value: '1' }] }] } } },
  status: { replicas: 5 },
});

test('create fills uid, creationTimestamp, generation and an opaque resourceVersion', async () => {
  const res = await call(server, 'POST', DEP, deployment('create-me'));
  assert.equal(res.status, 201);
  const meta = res.body.metadata;
  assert.match(meta.uid, /^[0-9a-f-]{36}$/);
  assert.match(meta.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(meta.generation, 1);
  assert.equal(typeof meta.resourceVersion, 'string');
  assert.equal(meta.namespace, 'default');
  assert.equal(res.body.status, undefined, 'status is dropped on create for kinds with a status subresource');
});

test('generateName makes a unique name', async () => {
  const a = await call(server, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } });
  const b = await call(server, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } });
  assert.match(a.body.metadata.name, /^gen-[a-z0-9]{5}$/);
  assert.notEqual(a.body.metadata.name, b.body.metadata.name);
});

test('errors are Status objects with the real reasons and messages', async () => {
  await call(server, 'POST', CM, cm('dup'));
  const dup = await call(server, 'POST', CM, cm('dup'));
  assert.equal(dup.status, 409);
  assert.deepEqual([dup.body.kind, dup.body.reason, dup.body.message], ['Status', 'AlreadyExists', 'configmaps "dup" already exists']);
  const missing = await call(server, 'GET', `${DEP}/nope`);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.message, 'deployments.apps "nope" not found');
  assert.deepEqual(missing.body.details, { group: 'apps', kind: 'deployments', name: 'nope' });
  const bad = await call(server, 'POST', CM, cm('Bad_Name'));
  assert.equal(bad.status, 422);
  assert.equal(bad.body.reason, 'Invalid');
  assert.match(bad.body.message, /^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
  assert.equal(bad.body.details.causes[0].field, 'metadata.name');
  const noName = await call(server, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} });
  assert.equal(noName.body.message, 'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
  const route = await call(server, 'GET', '/apis/nothing.example.com/v1/things');
  assert.equal(route.status, 404);
  const body = await fetch(`${server.url}${CM}`, { method: 'POST', body: '{not json' });
  assert.equal(body.status, 400);
  assert.equal(((await body.json()) as { reason: string }).reason, 'BadRequest');
});

test('update with a stale resourceVersion is a 409 Conflict with the real message', async () => {
  const created = (await call(server, 'POST', CM, cm('occ', { a: '1' }))).body;
  const first = await call(server, 'PUT', `${CM}/occ`, { ...created, data: { a: '2' } });
  assert.equal(first.status, 200);
  assert.notEqual(first.body.metadata.resourceVersion, created.metadata.resourceVersion);
  const stale = await call(server, 'PUT', `${CM}/occ`, { ...created, data: { a: '3' } });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.reason, 'Conflict');
  assert.equal(stale.body.message, 'Operation cannot be fulfilled on configmaps "occ": the object has been modified; please apply your changes to the latest version and try again');
  const gw = (await call(server, 'POST', GW, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g' }, spec: { gatewayClassName: 'kong' } })).body;
  const staleGw = await call(server, 'PUT', `${GW}/g`, { ...gw, metadata: { ...gw.metadata, resourceVersion: '1' } });
  assert.equal(staleGw.body.message, 'Operation cannot be fulfilled on gateways.gateway.networking.k8s.io "g": the object has been modified; please apply your changes to the latest version and try again');
  const { resourceVersion: _, ...noRv } = gw.metadata;
  const unconditional = await call(server, 'PUT', `${GW}/g`, { ...gw, metadata: noRv });
  assert.equal(unconditional.status, 422, 'CRD-backed kinds require metadata.resourceVersion on update');
});

test('a no-op update keeps the resourceVersion and emits nothing', async () => {
  const created = (await call(server, 'POST', CM, cm('noop', { a: '1' }))).body;
  const same = await call(server, 'PUT', `${CM}/noop`, created);
  assert.equal(same.body.metadata.resourceVersion, created.metadata.resourceVersion);
});

test('generation moves on spec changes only; status goes through /status only', async () => {
  const created = (await call(server, 'POST', DEP, deployment('gen'))).body;
  const labelled = (await call(server, 'PUT', `${DEP}/gen`, { ...created, metadata: { ...created.metadata, labels: { a: 'b' } } })).body;
  assert.equal(labelled.metadata.generation, 1, 'metadata changes do not bump generation');
  const withStatus = (await call(server, 'PUT', `${DEP}/gen`, { ...labelled, status: { replicas: 3 } })).body;
  assert.equal(withStatus.status, undefined, 'status is ignored on the main resource');
  const scaled = (await call(server, 'PUT', `${DEP}/gen`, { ...labelled, spec: { ...labelled.spec, replicas: 2 } })).body;
  assert.equal(scaled.metadata.generation, 2);
  const status = (await call(server, 'PUT', `${DEP}/gen/status`, { ...scaled, spec: { replicas: 9 }, status: { replicas: 2 } })).body;
  assert.deepEqual(status.status, { replicas: 2 });
  assert.equal(status.spec.replicas, 2, 'spec is ignored on /status');
  assert.equal(status.metadata.generation, 2, 'status writes do not bump generation');
  const patched = (await call(server, 'PATCH', `${DEP}/gen/status`, { status: { readyReplicas: 1 } }, 'application/merge-patch+json')).body;
  assert.deepEqual(patched.status, { replicas: 2, readyReplicas: 1 });
});

test('delete waits for finalizers; removing the last one removes the object', async () => {
  await call(server, 'POST', CM, { ...cm('fin'), metadata: { name: 'fin', finalizers: ['kongward.konghq.com/cleanup'] } });
  const del = await call(server, 'DELETE', `${CM}/fin`);
  assert.equal(del.status, 202);
  assert.match(del.body.metadata.deletionTimestamp, /Z$/);
  const still = await call(server, 'GET', `${CM}/fin`);
  assert.equal(still.status, 200);
  const addMore = await call(server, 'PATCH', `${CM}/fin`, { metadata: { finalizers: ['kongward.konghq.com/cleanup', 'x.example.com/new'] } }, 'application/merge-patch+json');
  assert.equal(addMore.status, 422, 'no new finalizers once deleting');
  const done = await call(server, 'PATCH', `${CM}/fin`, [{ op: 'remove', path: '/metadata/finalizers' }], 'application/json-patch+json');
  assert.equal(done.status, 200);
  assert.equal((await call(server, 'GET', `${CM}/fin`)).status, 404);
});

test('delete preconditions on resourceVersion', async () => {
  await call(server, 'POST', CM, cm('pre'));
  const res = await call(server, 'DELETE', `${CM}/pre`, { preconditions: { resourceVersion: '1' } });
  assert.equal(res.status, 409);
  assert.match(res.body.message, /the ResourceVersion in the precondition \(1\) does not match/);
});
