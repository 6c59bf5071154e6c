// Adoption after a lost create answer, convergence under 20% 5xx + 10% 429 on every Konnect
// call (with a controller restart midway), and no orphans after deleting everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authResource, controlPlaneResource, entityKindByName } from '../../../src/controller/konnect/index.ts';
import { condition, eventually, getObject, konnectStatus, startEnv, type KonnectEnv } from './helpers.ts';
import { authConfig, controlPlane, NS, route, service } from './fixtures.ts';

const services = entityKindByName.get('KongService')!.resource;
const routes = entityKindByName.get('KongRoute')!.resource;

async function programmedCp(env: KonnectEnv, name = 'cp'): Promise<string> {
  return eventually(async () => {
    const cp = await getObject(env.kube, controlPlaneResource, NS, name);
    assert.equal(condition(cp, 'Programmed')?.status, 'True');
    return (cp!.status as { id: string }).id;
  }, `control plane ${name} programmed`);
}

async function allProgrammed(env: KonnectEnv, resource: typeof services, count: number, timeoutMs = 20_000): Promise<void> {
  await eventually(async () => {
    const list = await env.kube.list(resource, NS);
    const done = list.items.filter((o) => condition(o, 'Programmed')?.status === 'True' && konnectStatus(o).id).length;
    const stuck = list.items.filter((o) => condition(o, 'Programmed')?.status !== 'True' || !konnectStatus(o).id)
      .map((o) => `${o.metadata.name}: ${JSON.stringify((o.status as { conditions?: unknown } | undefined)?.conditions ?? 'no status')}`);
    assert.equal(done, count, `${done}/${count} ${resource.plural} programmed; not yet: ${stuck.slice(0, 3).join('; ')}`);
  }, `all ${resource.plural} programmed`, timeoutMs);
}

test('a create whose answer is lost is adopted by its k8s-uid tag: exactly one entity', async (t) => {
  const env = await startEnv();
  t.after(env.close);
  await env.kube.create(authResource, authConfig());
  await env.kube.create(controlPlaneResource, controlPlane());
  const cpId = await programmedCp(env);
  const lost = env.fake.faults.add({ method: 'POST', path: '/core-entities/services', action: { kind: 'lose-response' } });
  await env.kube.create(services, service('svc'));
  await allProgrammed(env, services, 1);
  assert.equal(lost.hits, 1);
  const svc = (await getObject(env.kube, services, NS, 'svc'))!;
  const stored = env.fake.state.entitiesWithTag(cpId, 'services', `k8s-uid:${svc.metadata.uid}`);
  assert.equal(stored.length, 1, 'exactly one service in Konnect');
  assert.equal(konnectStatus(svc).id, stored[0]!.id);
  assert.equal(env.fake.requests({ method: 'POST', path: '/core-entities/services' }).length, 1, 'adopted, not created twice');
});

test('429 with Retry-After: 0 on an update is retried, though only the object\'s own status changed', async (t) => {
  // A long sync period: no periodic requeue is due during the test to mask a dropped retry.
  const env = await startEnv({ controllers: { syncPeriodMs: 60_000 } });
  t.after(env.close);
  await env.kube.create(authResource, authConfig());
  await env.kube.create(controlPlaneResource, controlPlane());
  const cpId = await programmedCp(env);
  await env.kube.create(services, service('svc'));
  await allProgrammed(env, services, 1);
  // More 429s than the client's own retries: the update fails and asks to come back at once.
  const limited = env.fake.faults.add({ method: 'GET', path: /\/core-entities\/services\/[^/]+$/, times: 6, action: { kind: 'rate-limit', retryAfter: '0' } });
  await env.kube.patch(services, NS, 'svc', 'merge', { spec: { host: 'changed.example.com' } });
  await eventually(async () => {
    const svc = await getObject(env.kube, services, NS, 'svc');
    assert.equal(condition(svc, 'Programmed')?.status, 'True');
    assert.equal((condition(svc, 'Programmed') as { observedGeneration?: number } | undefined)?.observedGeneration, 2);
    assert.equal(env.fake.state.entitiesWithTag(cpId, 'services', `k8s-uid:${svc!.metadata.uid}`)[0]?.host, 'changed.example.com');
  }, 'the update programmed', 8_000);
  assert.equal(limited.hits, 6);
});

test('20% 5xx and 10% 429 on every call, controller restarted midway: all converge, no duplicates, no orphans', async (t) => {
  const env = await startEnv({ fake: { seed: 7 } });
  t.after(env.close);
  env.fake.faults.add({ probability: 0.2, action: { kind: 'status', status: 503 } });
  env.fake.faults.add({ probability: 0.1, action: { kind: 'rate-limit', retryAfter: '0' } });
  env.fake.faults.add({ method: 'POST', probability: 0.05, action: { kind: 'lose-response' } });
  // Slow every other answer a little so the restart lands while work is in flight.
  env.fake.faults.add({ probability: 1, action: { kind: 'delay', ms: 3 } });
  const N = 25;
  await env.kube.create(authResource, authConfig());
  await env.kube.create(controlPlaneResource, controlPlane());
  for (let i = 0; i < N; i++) {
    await env.kube.create(services, service(`svc-${i}`));
    await env.kube.create(routes, route(`rt-${i}`, `svc-${i}`));
  }
  const cpId = await programmedCp(env);
  // Restart once some services are in Konnect but not everything is done.
  await eventually(() => assert.ok(env.fake.state.counts(cpId).services! >= 5), 'some services created');
  await env.stopControllers();
  const programmedAtRestart = (await env.kube.list(routes, NS)).items.filter((o) => condition(o, 'Programmed')?.status === 'True').length;
  assert.ok(programmedAtRestart < N, `restarted midway (${programmedAtRestart}/${N} routes programmed)`);
  await env.restart();
  await allProgrammed(env, services, N);
  await allProgrammed(env, routes, N);

  for (const [resource, collection] of [[services, 'services'], [routes, 'routes']] as const) {
    for (const obj of (await env.kube.list(resource, NS)).items) {
      const stored = env.fake.state.entitiesWithTag(cpId, collection, `k8s-uid:${obj.metadata.uid}`);
      assert.deepEqual(stored.map((s) => s.id), [konnectStatus(obj).id], `exactly one ${collection} entity for ${obj.metadata.name}`);
    }
  }
  assert.deepEqual(env.fake.state.counts(cpId), { services: N, routes: N }, 'nothing else was created');
  const faults = env.fake.log.filter((e) => e.fault);
  assert.ok(faults.filter((e) => e.fault === 'status').length > 10 && faults.some((e) => e.fault === 'rate-limit'), 'faults were injected');

  // Delete everything (routes and services at once, then the control plane and auth).
  for (let i = 0; i < N; i++) {
    await env.kube.delete(services, NS, `svc-${i}`);
    await env.kube.delete(routes, NS, `rt-${i}`);
  }
  await eventually(async () => {
    assert.equal((await env.kube.list(services, NS)).items.length, 0);
    assert.equal((await env.kube.list(routes, NS)).items.length, 0);
  }, 'entities deleted', 20_000);
  assert.deepEqual(env.fake.state.counts(cpId), {}, 'no orphans in Konnect');
  await env.kube.delete(controlPlaneResource, NS, 'cp');
  await eventually(async () => assert.equal(await getObject(env.kube, controlPlaneResource, NS, 'cp'), undefined), 'control plane deleted', 10_000);
  assert.equal(env.fake.state.controlPlane(cpId), undefined, 'control plane removed from Konnect');
});
