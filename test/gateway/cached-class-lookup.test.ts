// The cluster-backed class lookup: the controller runtime's Informer on gatewayclasses against
// the Kubernetes API test server, feeding Kong's Gateway rules. Classes created, changed and
// deleted in the cluster change the verdict; before the first LIST the lookup is not ready.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeClient } from '../../src/controller/runtime/kube-client.ts';
import { CachedGatewayClassLookup, gatewayClassResource, informGatewayClasses } from '../../src/gateway/cached-class-lookup.ts';
import { KubeApiServer } from '../support/kube-apiserver/index.ts';
import { admissionRequest, gateway, gatewayClass, gatewayRegistry, http, verdict } from './helpers.ts';

const KONG = 'konghq.com/gateway-operator';
const TCP_CAUSE = 'spec.listeners[1].protocol: Unsupported value: "TCP": supported values: "HTTP", "HTTPS" (Kong: UnsupportedProtocol)';

async function until(predicate: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('the webhook resolves Gateway classes from a watch-backed GatewayClass cache', async (t) => {
  const server = await KubeApiServer.start({ bookmarkIntervalMs: 100 });
  const client = new KubeClient(server.kubeConfig());
  await client.create(gatewayClassResource, gatewayClass('v1', 'kong', { controllerName: KONG }) as never);

  const { informer, lookup } = informGatewayClasses(client, { backoff: { baseMs: 20, maxMs: 200 } });
  assert.ok(lookup instanceof CachedGatewayClassLookup);
  const registry = gatewayRegistry(lookup);
  // Stop the informer before its server, or the watch keeps the process alive.
  t.after(async () => { await informer.stop(); await client.close(); await server.close(); });
  const withTcp = (className: string) => gateway('v1', { gatewayClassName: className, listeners: [http(), { name: 'tcp', port: 9000, protocol: 'TCP' }] });

  assert.equal(lookup.ready(), false);
  const early = await verdict(registry, admissionRequest(withTcp('kong')));
  assert.deepEqual(early.messages, []);
  assert.match(early.warnings[0] ?? '', /GatewayClass "kong" could not be looked up yet \(the GatewayClass cache is not synced\)/);

  informer.start();
  assert.equal(await informer.waitForSync(), true);
  assert.equal(lookup.ready(), true);
  assert.deepEqual(lookup.get('kong'), { controllerName: KONG });
  assert.deepEqual((await verdict(registry, admissionRequest(withTcp('kong')))).messages, [TCP_CAUSE]);

  // A class created later is picked up from the watch.
  const unknown = await verdict(registry, admissionRequest(withTcp('late')));
  assert.match(unknown.warnings[0] ?? '', /GatewayClass "late" is not known to kongward/);
  await client.create(gatewayClassResource, gatewayClass('v1', 'late', {
    controllerName: KONG, parametersRef: { group: 'gateway-operator.konghq.com', kind: 'GatewayConfiguration', name: 'gc', namespace: 'kong' },
  }) as never);
  await until(() => lookup.get('late') !== undefined, 'class "late" in the cache');
  assert.deepEqual(lookup.get('late')?.parametersRef, { group: 'gateway-operator.konghq.com', kind: 'GatewayConfiguration', name: 'gc', namespace: 'kong' });
  assert.deepEqual((await verdict(registry, admissionRequest(withTcp('late')))).messages, [TCP_CAUSE]);

  // Another controller's class: upstream rules only, no warning.
  await client.create(gatewayClassResource, gatewayClass('v1', 'istio', { controllerName: 'istio.io/gateway-controller' }) as never);
  await until(() => lookup.get('istio') !== undefined, 'class "istio" in the cache');
  assert.deepEqual(await verdict(registry, admissionRequest(withTcp('istio'))), { messages: [], warnings: [] });

  // A deleted class is unknown again.
  await client.delete(gatewayClassResource, undefined, 'late');
  await until(() => lookup.get('late') === undefined, 'class "late" gone from the cache');
  assert.deepEqual((await verdict(registry, admissionRequest(withTcp('late')))).messages, []);
});
