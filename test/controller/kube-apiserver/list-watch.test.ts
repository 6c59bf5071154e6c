// LIST (selectors, pagination) and WATCH (order, bookmarks, 410, selector transitions) of the
// test server, plus its fault controls.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { KubeApiServer } from '../../support/kube-apiserver/index.ts';
import { call, cm, openWatch } from './helpers.ts';

let server: KubeApiServer;
before(async () => { server = await KubeApiServer.start({ bookmarkIntervalMs: 50 }); });
after(async () => { await server.close(); });

const ns = (n: string) => `/api/v1/namespaces/${n}/configmaps`;

test('list filters by set-based label selectors and metadata fields', async () => {
  await call(server, 'POST', ns('sel'), cm('a', {}, { tier: 'web', env: 'prod' }));
  await call(server, 'POST', ns('sel'), cm('b', {}, { tier: 'db', env: 'prod' }));
  await call(server, 'POST', ns('sel'), cm('c', {}, { tier: 'web' }));
  await call(server, 'POST', ns('other'), cm('a', {}, { tier: 'web' }));
  const names = async (query: string, path = ns('sel')) =>
    (await call(server, 'GET', `${path}?${query}`)).body.items.map((i: { metadata: { namespace: string; name: string } }) => `${i.metadata.namespace}/${i.metadata.name}`);
  assert.deepEqual(await names('labelSelector=tier%3Dweb'), ['sel/a', 'sel/c']);
  assert.deepEqual(await names('labelSelector=tier+in+(web,db),env'), ['sel/a', 'sel/b']);
  assert.deepEqual(await names('labelSelector=tier+notin+(web),!nothing'), ['sel/b']);
  assert.deepEqual(await names('labelSelector=!env'), ['sel/c']);
  assert.deepEqual(await names('labelSelector=tier!%3Dweb'), ['sel/b']);
  assert.deepEqual(await names('fieldSelector=metadata.name%3Da', '/api/v1/configmaps'), ['other/a', 'sel/a']);
  assert.deepEqual(await names('fieldSelector=metadata.namespace%3Dother', '/api/v1/configmaps'), ['other/a']);
  const bad = await call(server, 'GET', `${ns('sel')}?fieldSelector=spec.x%3D1`);
  assert.equal(bad.status, 400);
});

test('list pages with limit and continue; an expired continue token is 410', async () => {
  for (let i = 0; i < 5; i++) await call(server, 'POST', ns('pages'), cm(`p${i}`));
  const first = (await call(server, 'GET', `${ns('pages')}?limit=2`)).body;
  assert.equal(first.items.length, 2);
  assert.equal(first.metadata.remainingItemCount, 3);
  const second = (await call(server, 'GET', `${ns('pages')}?limit=2&continue=${first.metadata.continue}`)).body;
  assert.deepEqual(second.items.map((i: { metadata: { name: string } }) => i.metadata.name), ['p2', 'p3']);
  assert.equal(second.metadata.resourceVersion, first.metadata.resourceVersion, 'pages share the list resourceVersion');
  await call(server, 'POST', ns('pages'), cm('p9'));
  server.expireResourceVersions();
  const expired = await call(server, 'GET', `${ns('pages')}?limit=2&continue=${second.metadata.continue}`);
  assert.equal(expired.status, 410);
  assert.equal(expired.body.reason, 'Expired');
});

test('watch from a resourceVersion replays in order, then streams live events', async () => {
  const list = (await call(server, 'GET', ns('w'))).body;
  await call(server, 'POST', ns('w'), cm('one'));
  await call(server, 'PATCH', `${ns('w')}/one`, { data: { x: '1' } }, 'application/merge-patch+json');
  const watch = await openWatch(server, `${ns('w')}?watch=true&resourceVersion=${list.metadata.resourceVersion}`);
  await watch.waitFor(2);
  await call(server, 'DELETE', `${ns('w')}/one`);
  const events = await watch.waitFor(3);
  assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED one', 'MODIFIED one', 'DELETED one']);
  const rvs = events.map((e) => e.object.metadata.resourceVersion);
  assert.equal(new Set(rvs).size, 3, 'every event carries its own resourceVersion');
  watch.close();
});

test('watch without a resourceVersion starts with ADDED for existing objects; bookmarks on request', async () => {
  await call(server, 'POST', ns('init'), cm('existing'));
  const watch = await openWatch(server, `${ns('init')}?watch=1&allowWatchBookmarks=true`);
  const events = await watch.waitFor(2);
  assert.equal(events[0]!.type, 'ADDED');
  assert.equal(events[1]!.type, 'BOOKMARK');
  assert.equal(events[1]!.object.kind, 'ConfigMap');
  assert.match(events[1]!.object.metadata.resourceVersion, /^\d+$/);
  watch.close();
});

test('a label-selector watch sees objects enter and leave the selection', async () => {
  const rv = (await call(server, 'GET', ns('tr'))).body.metadata.resourceVersion;
  const watch = await openWatch(server, `${ns('tr')}?watch=true&resourceVersion=${rv}&labelSelector=on%3Dyes`);
  await call(server, 'POST', ns('tr'), cm('t', {}, { on: 'no' }));
  await call(server, 'PATCH', `${ns('tr')}/t`, { metadata: { labels: { on: 'yes' } } }, 'application/merge-patch+json');
  await call(server, 'PATCH', `${ns('tr')}/t`, { metadata: { labels: { on: 'no' } } }, 'application/merge-patch+json');
  const events = await watch.waitFor(2);
  assert.deepEqual(events.map((e) => e.type), ['ADDED', 'DELETED']);
  watch.close();
});

test('a watch from an expired resourceVersion gets an ERROR event with 410 Expired', async () => {
  const rv = (await call(server, 'GET', ns('exp'))).body.metadata.resourceVersion;
  await call(server, 'POST', ns('exp'), cm('e'));
  server.expireResourceVersions();
  const watch = await openWatch(server, `${ns('exp')}?watch=true&resourceVersion=${rv}`);
  const events = await watch.waitFor(1);
  assert.equal(events[0]!.type, 'ERROR');
  assert.equal(events[0]!.object.code, 410);
  assert.equal(events[0]!.object.reason, 'Expired');
  assert.match(events[0]!.object.message, /^too old resource version: \d+ \(\d+\)$/);
  await watch.waitEnded();
});

test('history is bounded: events older than the limit expire', async () => {
  const small = await KubeApiServer.start({ historyLimit: 3 });
  try {
    await call(small, 'POST', ns('b'), cm('first'));
    const rv = (await call(small, 'GET', ns('b'))).body.metadata.resourceVersion;
    for (let i = 0; i < 5; i++) await call(small, 'POST', ns('b'), cm(`b${i}`));
    const watch = await openWatch(small, `${ns('b')}?watch=true&resourceVersion=${rv}`);
    assert.equal((await watch.waitFor(1))[0]!.object.code, 410);
  } finally {
    await small.close();
  }
});

test('fault controls: drop watches, fail next requests, count verbs, latency', async () => {
  const watch = await openWatch(server, `${ns('f')}?watch=true`);
  assert.equal(server.openWatches >= 1, true);
  assert.equal(server.dropWatches() >= 1, true);
  await watch.waitEnded();
  server.resetCounts();
  server.failNext(2, 503, { verbs: ['list'] });
  assert.equal((await call(server, 'GET', ns('f'))).status, 503);
  assert.equal((await call(server, 'GET', ns('f'))).body.reason, 'ServiceUnavailable');
  assert.equal((await call(server, 'GET', ns('f'))).status, 200);
  assert.equal((await call(server, 'POST', ns('f'), cm('c'))).status, 201, 'other verbs unaffected');
  assert.equal(server.requestCount('list'), 3);
  assert.equal(server.requestCount('list', 'configmaps'), 3);
  assert.equal(server.requestCount('create'), 1);
  server.latencyMs = 80;
  const start = performance.now();
  await call(server, 'GET', ns('f'));
  assert.ok(performance.now() - start >= 75);
  server.latencyMs = 0;
});

test('discovery documents describe the served kinds', async () => {
  const core = (await call(server, 'GET', '/api/v1')).body;
  const secrets = core.resources.find((r: { name: string }) => r.name === 'secrets');
  assert.deepEqual([secrets.kind, secrets.namespaced], ['Secret', true]);
  const groups = (await call(server, 'GET', '/apis')).body.groups.map((g: { name: string }) => g.name);
  for (const g of ['apps', 'coordination.k8s.io', 'gateway.networking.k8s.io']) assert.ok(groups.includes(g), g);
  const gw = (await call(server, 'GET', '/apis/gateway.networking.k8s.io/v1')).body.resources.map((r: { name: string; namespaced: boolean }) => `${r.name}:${r.namespaced}`);
  assert.ok(gw.includes('gatewayclasses:false') && gw.includes('gateways:true') && gw.includes('gateways/status:true'));
});
