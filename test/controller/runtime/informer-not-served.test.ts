// An informer on a resource type the apiserver does not serve (CRD not installed) must not keep
// readiness down forever: LIST answers 404, the cache is empty and counts as synced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Informer } from '../../../src/controller/runtime/informer.ts';
import { startServer, until } from './helpers.ts';

test('a resource type that is not served counts as synced and empty; list/watch keeps retrying', async (t) => {
  const env = await startServer();
  t.after(env.close);
  const missing = { group: 'example.kongward.dev', version: 'v1', kind: 'Missing', plural: 'missings', namespaced: true };
  const informer = new Informer(env.client, { resource: missing, backoff: { baseMs: 20, maxMs: 50 } });
  informer.start();
  t.after(() => informer.stop());
  assert.equal(await informer.waitForSync(), true);
  assert.equal(informer.hasSynced(), true);
  assert.deepEqual(informer.list(), []);
  const before = informer.stats.lists;
  await until(() => informer.stats.errors >= 3, 'retries go on');
  assert.ok(informer.stats.lists > before, 'it keeps trying to list, so a CRD installed later is picked up');
});
