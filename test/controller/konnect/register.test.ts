// The Konnect controllers registered on the runtime's Manager: a service and its route become
// Programmed in Konnect through the shared informers and the manager's queues.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { Manager } from '../../../src/controller/runtime/manager.ts';
import { registerKonnectControllers } from '../../../src/controller/konnect/register.ts';
import { authResource, cachedClientFactory, controlPlaneResource, entityKindByName } from '../../../src/controller/konnect/index.ts';
import { KonnectConnections } from '../../../src/konnect/transport.ts';
import { silentLogger } from '../../../src/log.ts';
import { condition, eventually, getObject, konnectStatus, startEnv } from './helpers.ts';
import { authConfig, controlPlane, NS, route, service } from './fixtures.ts';

test('registered on the Manager: auth, control plane, service and route programmed', async (t) => {
  const env = await startEnv({ start: false });
  t.after(env.close);
  const connections = new KonnectConnections({ rateLimit: false });
  t.after(() => connections.close());
  const manager = new Manager({ client: env.kube, logger: silentLogger(), informerDefaults: { backoff: { baseMs: 20, maxMs: 200 } } });
  const registry = new Registry();
  registerKonnectControllers(manager, { syncPeriodMs: 300, registry, clients: cachedClientFactory({ baseURLFor: () => env.fake.url, connections, logger: silentLogger() }) });
  await manager.start();
  t.after(() => manager.stop());
  await env.kube.create(authResource, authConfig());
  await env.kube.create(controlPlaneResource, controlPlane());
  await env.kube.create(entityKindByName.get('KongService')!.resource, service('svc'));
  await env.kube.create(entityKindByName.get('KongRoute')!.resource, route('rt', 'svc'));
  const rt = await eventually(async () => {
    const o = await getObject(env.kube, entityKindByName.get('KongRoute')!.resource, NS, 'rt');
    assert.equal(condition(o, 'Programmed')?.status, 'True');
    return o!;
  }, 'route programmed');
  const cpId = konnectStatus(rt).controlPlaneID!;
  assert.deepEqual(env.fake.state.counts(cpId), { services: 1, routes: 1 });
  assert.match(await registry.getSingleMetricAsString('kongward_konnect_entity_operation_count'), /entity_type="route",operation="create",success="true",status_code="201"/);
});
