// Informer against the test server: order, resume after a drop, relist after 410,
// staleness restart, backoff on API errors, periodic relist repairing missed events.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { Informer, type CacheEvent } from '../../../src/controller/runtime/informer.ts';
import { byLabel } from '../../../src/controller/runtime/object-cache.ts';
import { configMaps, startServer, until, cm } from './helpers.ts';

const fast = { backoff: { baseMs: 20, maxMs: 200 }, staleAfterMs: 5000, pageSize: 2 };

test('lists in pages, then delivers watch events in order; managedFields dropped; indexes follow', async (t) => {
  const env = await startServer();
  t.after(env.close);
  for (let i = 0; i < 5; i++) env.server.seed(cm('ns', `pre${i}`));
  const informer = new Informer(env.client, { resource: configMaps, ...fast, indexers: { tier: byLabel('tier') } });
  const events: string[] = [];
  informer.onChange((e: CacheEvent) => events.push(`${e.type} ${e.object.metadata.name}`));
  informer.start();
  t.after(() => informer.stop());
  assert.equal(await informer.waitForSync(), true);
  assert.equal(informer.list().length, 5);
  assert.equal(env.server.requestCount('list'), 3, '5 objects in pages of 2');
  await until(() => env.server.openWatches === 1, 'watch open');
  await env.client.apply(configMaps, { metadata: { namespace: 'ns', name: 'x', labels: { tier: 'web' } }, data: { a: '1' } }, 'test');
  await env.client.patch(configMaps, 'ns', 'x', 'merge', { data: { a: '2' } });
  await env.client.delete(configMaps, 'ns', 'pre0');
  await until(() => events.length === 8, 'events');
  assert.deepEqual(events.slice(5), ['add x', 'update x', 'delete pre0']);
  assert.deepEqual(informer.get('ns', 'x')?.data, { a: '2' });
  assert.equal(informer.get('ns', 'x')?.metadata.managedFields, undefined);
  assert.deepEqual(informer.byIndex('tier', 'web').map((o) => o.metadata.name), ['x']);
});

/** A started ConfigMap informer whose changes are recorded as `add a`, `update a`, ...; resolves once its watch is open. */
async function startRecording(t: TestContext, env: Awaited<ReturnType<typeof startServer>>) {
  const informer = new Informer(env.client, { resource: configMaps, ...fast });
  const events: string[] = [];
  informer.onChange((e) => events.push(`${e.type} ${e.object.metadata.name}`));
  informer.start();
  t.after(() => informer.stop());
  await informer.waitForSync();
  await until(() => env.server.openWatches === 1, 'watch open');
  return { informer, events };
}

test('a dropped watch resumes from the last resourceVersion without relisting', async (t) => {
  const env = await startServer();
  t.after(env.close);
  const { events } = await startRecording(t, env);
  env.server.seed(cm('ns', 'a'));
  await until(() => events.length === 1, 'first event');
  env.server.dropWatches();
  env.server.seed(cm('ns', 'b'));
  await until(() => events.length === 2, 'event after drop');
  assert.deepEqual(events, ['add a', 'add b']);
  assert.equal(env.server.requestCount('list'), 1, 'no relist');
  assert.equal(env.server.requestCount('watch'), 2, 'resumed with a new watch');
});

test('an expired resourceVersion leads to a relist and a consistent cache (deletes included)', async (t) => {
  const env = await startServer();
  t.after(env.close);
  env.server.seed(cm('ns', 'keep'), cm('ns', 'gone'));
  const { informer, events } = await startRecording(t, env);
  env.server.silenceWatches();
  env.server.dropWatches();
  // While disconnected: changes, then history compaction so the resume point is gone.
  await env.client.delete(configMaps, 'ns', 'gone');
  env.server.seed(cm('ns', 'new'));
  env.server.expireResourceVersions();
  await until(() => informer.stats.expired >= 1 && informer.list().length === 2 && informer.get('ns', 'new') !== undefined, 'relist');
  assert.deepEqual(informer.list().map((o) => o.metadata.name).sort(), ['keep', 'new']);
  assert.ok(events.includes('delete gone') && events.includes('add new'));
  assert.equal(env.server.requestCount('list') >= 2, true);
});

test('a watch that went silent is restarted by the staleness check', async (t) => {
  const env = await startServer({ bookmarkIntervalMs: 60_000 });
  t.after(env.close);
  const informer = new Informer(env.client, { resource: configMaps, ...fast, staleAfterMs: 200 });
  informer.start();
  t.after(() => informer.stop());
  await informer.waitForSync();
  await until(() => env.server.openWatches === 1, 'watch open');
  env.server.silenceWatches();
  env.server.seed(cm('ns', 'missed'));
  await until(() => informer.get('ns', 'missed') !== undefined, 'object after restart', 3000);
  assert.ok(informer.stats.staleRestarts >= 1);
});

test('API errors back off exponentially, then recover', async (t) => {
  const env = await startServer();
  t.after(env.close);
  env.server.failNext(4, 500, { verbs: ['list'] });
  const informer = new Informer(env.client, { resource: configMaps, ...fast, backoff: { baseMs: 40, maxMs: 1000, jitter: 0 } });
  const started = Date.now();
  informer.start();
  t.after(() => informer.stop());
  await informer.waitForSync();
  const elapsed = Date.now() - started;
  assert.equal(informer.stats.errors, 4);
  assert.ok(elapsed >= 40 + 80 + 160 + 320 - 20, `waited ${elapsed} ms for 4 backoffs (40+80+160+320)`);
  assert.equal(env.server.requestCount('list'), 5);
});

test('the periodic relist repairs events a watch never delivered', async (t) => {
  const env = await startServer();
  t.after(env.close);
  const informer = new Informer(env.client, { resource: configMaps, ...fast, relistPeriodMs: 300 });
  informer.start();
  t.after(() => informer.stop());
  await informer.waitForSync();
  await until(() => env.server.openWatches === 1, 'watch open');
  env.server.silenceWatches();
  env.server.sendBookmarks();
  env.server.seed(cm('ns', 'lost'));
  await until(() => informer.get('ns', 'lost') !== undefined, 'repaired by relist');
  assert.ok(informer.stats.periodicRelists >= 1);
});

test('stop ends the loop with no unhandled rejection while the server is down', async () => {
  const env = await startServer();
  const informer = new Informer(env.client, { resource: configMaps, ...fast });
  informer.start();
  await informer.waitForSync();
  await env.server.close();
  await new Promise((r) => setTimeout(r, 150));
  assert.ok(informer.stats.errors >= 1, 'connection errors counted');
  await informer.stop();
  await env.client.close();
});
