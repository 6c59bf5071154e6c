// Explicit adoption (`spec.adopt`, modes override and match) and cross-namespace references
// gated by KongReferenceGrant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authResource, controlPlaneResource, entityKindByName, referenceGrantResource } from '../../../src/controller/konnect/index.ts';
import { KonnectClient } from '../../../src/konnect/client.ts';
import { KonnectConnections } from '../../../src/konnect/transport.ts';
import type { KubeObject } from '../../../src/controller/runtime/types.ts';
import { condition, eventually, FAKE_TOKEN, getObject, konnectStatus, programmedControlPlane, startEnv, type KonnectEnv } from './helpers.ts';
import { authConfig, controlPlane, NS, route, service } from './fixtures.ts';

const services = entityKindByName.get('KongService')!.resource;
const routes = entityKindByName.get('KongRoute')!.resource;

async function waitFor(env: KonnectEnv, resource: typeof services, ns: string, name: string, type: string, status: string): Promise<KubeObject> {
  return eventually(async () => {
    const o = await getObject(env.kube, resource, ns, name);
    assert.equal(condition(o, type)?.status, status, `${name} ${type}: ${JSON.stringify(condition(o, type))}`);
    return o!;
  }, `${name} ${type}=${status}`);
}

const adopt = (mode: 'match' | 'override', id: string) => ({ adopt: { from: 'konnect', mode, konnect: { id } } });

test('spec.adopt: override takes the entity over and writes the spec; match adopts without writing and reports a mismatch; unknown and foreign ids fail', async (t) => {
  const env = await startEnv();
  t.after(env.close);
  const cpId = ((await programmedControlPlane(env)).status as { id: string }).id;
  const connections = new KonnectConnections({ rateLimit: false });
  t.after(() => connections.close());
  const konnect = new KonnectClient({ token: FAKE_TOKEN, baseURL: env.fake.url, connections });
  const scope = { controlPlaneId: cpId };
  const existing = async (body: Record<string, unknown>) => (await konnect.entities.service.create(scope, body)).id;
  const legacy = await existing({ name: 'legacy', host: 'old.example' });
  const same = await existing({ name: 'same', host: 'same.example', tags: ['team:edge'] });
  const differs = await existing({ name: 'differs', host: 'a.example' });
  const foreign = await existing({ name: 'foreign', host: 'f.example', tags: ['k8s-uid:0000-other'] });
  const postsBefore = env.fake.requests({ method: 'POST', path: /\/services$/ }).length;

  await env.kube.create(services, service('legacy', 'cp', { host: 'new.example', ...adopt('override', legacy) }));
  await env.kube.create(services, service('same', 'cp', adopt('match', same)));
  await env.kube.create(services, service('differs', 'cp', { host: 'b.example', ...adopt('match', differs) }));
  await env.kube.create(services, service('unknown', 'cp', adopt('override', '3f1e0000-0000-4000-8000-000000000000')));
  await env.kube.create(services, service('foreign', 'cp', adopt('override', foreign)));

  const over = await waitFor(env, services, NS, 'legacy', 'Programmed', 'True');
  assert.equal(konnectStatus(over).id, legacy);
  assert.equal(condition(over, 'Adopted')?.status, 'True');
  const taken = env.fake.state.entity(cpId, 'services', legacy)!;
  assert.equal(taken.host, 'new.example', 'override writes the spec');
  assert.ok((taken.tags as string[]).includes(`k8s-uid:${over.metadata.uid}`), 'override writes the k8s tags');

  const matched = await waitFor(env, services, NS, 'same', 'Programmed', 'True');
  assert.equal(konnectStatus(matched).id, same);
  assert.deepEqual(env.fake.state.entity(cpId, 'services', same)!.tags, ['team:edge'], 'match never writes, not even tags');

  const mismatch = await waitFor(env, services, NS, 'differs', 'Adopted', 'False');
  assert.equal(condition(mismatch, 'Programmed')?.reason, 'FailedToAdopt');
  assert.equal(condition(mismatch, 'Adopted')?.message, `service ${differs} does not match the spec (mode match): host differ`);
  assert.equal(env.fake.state.entity(cpId, 'services', differs)!.host, 'a.example');

  const unknown = await waitFor(env, services, NS, 'unknown', 'Adopted', 'False');
  assert.match(condition(unknown, 'Adopted')!.message!, /to adopt was not found in Konnect/);
  const stolen = await waitFor(env, services, NS, 'foreign', 'Adopted', 'False');
  assert.equal(condition(stolen, 'Adopted')?.message, `service ${foreign} is already managed by another object (k8s-uid 0000-other)`);

  // Two more sync periods: match-mode entities are read, never written; nothing was created.
  await new Promise((r) => setTimeout(r, 700));
  for (const id of [same, differs, foreign]) assert.equal(env.fake.requests({ method: 'PUT', path: `/services/${id}` }).length, 0, `no write to ${id}`);
  assert.equal(env.fake.requests({ method: 'POST', path: /\/services$/ }).length, postsBefore, 'adoption never creates');
  assert.equal(env.fake.state.entities(cpId, 'services').length, 4);
});

test('cross-namespace references need a KongReferenceGrant: RefNotPermitted until one allows the kind (and name); a new or revoked grant is acted on at once', async (t) => {
  // A sync period far beyond the test: only the grant's own event can unblock the refused objects.
  const env = await startEnv({ controllers: { syncPeriodMs: 120_000 } });
  t.after(env.close);
  const cp = await programmedControlPlane(env);
  const crossCp = { controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp', namespace: NS } } };
  await env.kube.create(services, { ...service('svc-a', 'cp', crossCp), metadata: { namespace: 'team-a', name: 'svc-a' } });
  const refused = await waitFor(env, services, 'team-a', 'svc-a', 'ControlPlaneRefValid', 'False');
  assert.equal(condition(refused, 'ControlPlaneRefValid')?.reason, 'RefNotPermitted');
  assert.equal(condition(refused, 'ControlPlaneRefValid')?.message, 'Reference from KongService in namespace team-a to KonnectGatewayControlPlane default/cp is not permitted: no KongReferenceGrant in namespace default allows it');

  const grant = (name: string, from: Record<string, string>, to: Record<string, string>) =>
    env.kube.create(referenceGrantResource, { metadata: { namespace: NS, name }, spec: { from: [from], to: [to] } });
  // A grant for another control plane name does not count.
  await grant('other-cp', { group: 'configuration.konghq.com', kind: 'KongService', namespace: 'team-a' }, { group: 'konnect.konghq.com', kind: 'KonnectGatewayControlPlane', name: 'other' });
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(condition(await getObject(env.kube, services, 'team-a', 'svc-a'), 'ControlPlaneRefValid')?.reason, 'RefNotPermitted');
  await grant('team-a-services', { group: 'configuration.konghq.com', kind: 'KongService', namespace: 'team-a' }, { group: 'konnect.konghq.com', kind: 'KonnectGatewayControlPlane', name: 'cp' });
  const svc = await waitFor(env, services, 'team-a', 'svc-a', 'Programmed', 'True');
  assert.equal(konnectStatus(svc).controlPlaneID, (cp.status as { id: string }).id);
  assert.deepEqual(svc.metadata.ownerReferences ?? [], [], 'no owner reference across namespaces');

  // A route in team-b naming a service in team-a.
  await env.kube.create(routes, { ...route('rt-b', 'svc-a', { serviceRef: { type: 'namespacedRef', namespacedRef: { name: 'svc-a', namespace: 'team-a' } } }), metadata: { namespace: 'team-b', name: 'rt-b' } });
  const rtRefused = await waitFor(env, routes, 'team-b', 'rt-b', 'KongServiceRefValid', 'False');
  assert.equal(condition(rtRefused, 'KongServiceRefValid')?.reason, 'RefNotPermitted');
  await env.kube.create(referenceGrantResource, { metadata: { namespace: 'team-a', name: 'routes-from-b' }, spec: { from: [{ group: 'configuration.konghq.com', kind: 'KongRoute', namespace: 'team-b' }], to: [{ group: 'configuration.konghq.com', kind: 'KongService' }] } });
  const rt = await waitFor(env, routes, 'team-b', 'rt-b', 'Programmed', 'True');
  assert.equal(konnectStatus(rt).serviceID, konnectStatus(svc).id);

  // Revoked: the service is refused again at once, not at the next sync period.
  await env.kube.delete(referenceGrantResource, NS, 'team-a-services');
  const revoked = await waitFor(env, services, 'team-a', 'svc-a', 'ControlPlaneRefValid', 'False');
  assert.equal(condition(revoked, 'ControlPlaneRefValid')?.reason, 'RefNotPermitted');
  assert.equal(condition(revoked, 'Programmed')?.status, 'False');
});

test('a control plane\'s authRef into another namespace needs a KongReferenceGrant there; granting and revoking act at once', async (t) => {
  const env = await startEnv({ controllers: { syncPeriodMs: 120_000 } });
  t.after(env.close);
  await env.kube.create(authResource, { ...authConfig(), metadata: { namespace: 'auth-ns', name: 'auth' } });
  await env.kube.create(controlPlaneResource, { ...controlPlane('cp'), spec: { ...controlPlane('cp').spec as object, konnect: { authRef: { name: 'auth', namespace: 'auth-ns' } } } });
  const refused = await waitFor(env, controlPlaneResource, NS, 'cp', 'APIAuthResolvedRef', 'False');
  assert.equal(condition(refused, 'APIAuthResolvedRef')?.reason, 'RefNotPermitted');
  assert.equal(condition(refused, 'APIAuthResolvedRef')?.message, 'Reference from KonnectGatewayControlPlane in namespace default to KonnectAPIAuthConfiguration auth-ns/auth is not permitted: no KongReferenceGrant in namespace auth-ns allows it');

  await env.kube.create(referenceGrantResource, { metadata: { namespace: 'auth-ns', name: 'cps-from-default' }, spec: {
    from: [{ group: 'konnect.konghq.com', kind: 'KonnectGatewayControlPlane', namespace: NS }],
    to: [{ group: 'konnect.konghq.com', kind: 'KonnectAPIAuthConfiguration' }],
  } });
  await waitFor(env, controlPlaneResource, NS, 'cp', 'Programmed', 'True');

  await env.kube.delete(referenceGrantResource, 'auth-ns', 'cps-from-default');
  const revoked = await waitFor(env, controlPlaneResource, NS, 'cp', 'APIAuthResolvedRef', 'False');
  assert.equal(condition(revoked, 'APIAuthResolvedRef')?.reason, 'RefNotPermitted');
});
