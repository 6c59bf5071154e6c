// The DataPlane reconciler registered on the runtime's Manager (shared informers, the manager's
// controller and queue) provisions like the standalone controller and stays quiet at rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Manager } from '../../../src/controller/runtime/manager.ts';
import { registerDataPlaneController } from '../../../src/controller/dataplane/register.ts';
import { CA_NAMESPACE, dataPlane, keyPool, ownedBy, startServer, until, writes } from './helpers.ts';

test('registered on the Manager: a DataPlane is provisioned, and an owned object deleted is recreated', async (t) => {
  const { server, client } = await startServer();
  const manager = new Manager({ client });
  registerDataPlaneController(manager, { clusterCaNamespace: CA_NAMESPACE, keys: keyPool() });
  t.after(async () => { await manager.stop(); await client.close(); await server.close(); });
  await manager.start();
  server.seed(dataPlane('dpm'));
  await until(() => ownedBy(server, 'apps/v1', 'Deployment', 'dpm').length === 1 && ownedBy(server, 'v1', 'Secret', 'dpm').length === 1
    && (server.object('gateway-operator.konghq.com/v1beta1', 'DataPlane', 'default', 'dpm') as { status?: unknown })?.status, 'provisioned');
  const [admin] = ownedBy(server, 'v1', 'Service', 'dpm', 'admin-service');
  await client.delete({ group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true }, 'default', admin!.metadata.name!);
  await until(() => { const s = ownedBy(server, 'v1', 'Service', 'dpm', 'admin-service'); return s.length === 1 && s[0]!.metadata.name !== admin!.metadata.name; }, 'recreated');
  await new Promise((r) => setTimeout(r, 300));
  server.resetCounts();
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(writes(server), 0, 'nothing written at rest');
  assert.equal(ownedBy(server, 'apps/v1', 'Deployment', 'dpm').length, 1);
});
