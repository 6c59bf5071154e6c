// SecretMaterialStore against the Kubernetes API test server: the Secret layout, compare-and-swap
// on create and update, and replicas racing to create the CA.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { renewMaterial } from '../../src/certs/authority.ts';
import { splitPemBundle } from '../../src/certs/x509.ts';
import { CA_SECRET, NAMESPACE, policy, replica, secretStore, SERVING_SECRET, startCluster, until, fakeClock } from './cluster-support.ts';
import { T0 } from './support.ts';

const decode = (value: unknown) => Buffer.from(String(value), 'base64').toString('utf8');

test('saves the CA and the serving pair as kubernetes.io/tls Secrets and loads them back', async (t) => {
  const { server, client } = await startCluster(t);
  const store = secretStore(client());
  assert.equal(await store.load(), undefined);
  const { material } = await renewMaterial(undefined, policy(), T0);
  assert.equal(await store.save(material, undefined), 'saved');

  const ca = server.object('v1', 'Secret', NAMESPACE, CA_SECRET) as { type: string; data: Record<string, string> } | undefined;
  const serving = server.object('v1', 'Secret', NAMESPACE, SERVING_SECRET) as { type: string; data: Record<string, string> } | undefined;
  assert.equal(ca?.type, 'kubernetes.io/tls');
  assert.equal(serving?.type, 'kubernetes.io/tls');
  assert.equal(decode(ca.data['tls.crt']), material.caCert);
  assert.equal(decode(ca.data['ca.crt']), material.caBundle);
  assert.equal(decode(serving.data['tls.crt']), material.cert);
  assert.equal(decode(serving.data['ca.crt']), material.caBundle);

  const loaded = await store.load();
  assert.deepEqual(loaded?.material, material);
  assert.match(loaded?.version ?? '', /^\["\d+","\d+"\]$/);
});

test('a create race: exactly one CA is stored, the loser gets conflict', async (t) => {
  const { server, client } = await startCluster(t);
  const [a, b] = [secretStore(client()), secretStore(client())];
  const [seenA, seenB] = await Promise.all([a.load(), b.load()]);
  assert.equal(seenA, undefined);
  assert.equal(seenB, undefined);
  const [mineA, mineB] = await Promise.all([renewMaterial(undefined, policy(), T0), renewMaterial(undefined, policy(), T0)]);
  assert.notEqual(mineA.material.caCert, mineB.material.caCert);
  const results = await Promise.all([a.save(mineA.material, undefined), b.save(mineB.material, undefined)]);
  assert.deepEqual([...results].sort(), ['conflict', 'saved']);

  const winner = results[0] === 'saved' ? mineA.material : mineB.material;
  const stored = await secretStore(client()).load();
  assert.equal(stored?.material.caCert, winner.caCert);
  assert.equal(stored?.material.cert, winner.cert, 'the serving Secret comes from the same writer');
  assert.equal(server.requestCount('create', 'secrets') >= 3, true);
});

test('an update with a stale resourceVersion is a conflict and changes nothing', async (t) => {
  const { client } = await startCluster(t);
  const [a, b] = [secretStore(client()), secretStore(client())];
  const first = await renewMaterial(undefined, policy(), T0);
  assert.equal(await a.save(first.material, undefined), 'saved');
  const seenByA = await a.load();
  const seenByB = await b.load();
  assert.equal(seenByA?.version, seenByB?.version);

  // B renews first (a new CA), A's renewal from the same version must not land.
  const byB = await renewMaterial({ ...seenByB!.material, caCert: undefined }, policy(), T0);
  assert.equal(await b.save(byB.material, seenByB!.version), 'saved');
  const byA = await renewMaterial({ ...seenByA!.material, cert: undefined }, policy(), T0);
  assert.equal(await a.save(byA.material, seenByA!.version), 'conflict');

  const now = await a.load();
  assert.equal(now?.material.caCert, byB.material.caCert);
  assert.equal(now?.material.cert, byB.material.cert);
  assert.notEqual(now?.version, seenByA?.version);
});

test('only the changed Secret is written (a leaf renewal leaves the CA Secret alone)', async (t) => {
  const { server, client } = await startCluster(t);
  const store = secretStore(client());
  assert.equal(await store.save((await renewMaterial(undefined, policy(), T0)).material, undefined), 'saved');
  const before = await store.load();
  const caRv = (server.object('v1', 'Secret', NAMESPACE, CA_SECRET) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  const leafOnly = await renewMaterial({ ...before!.material, cert: undefined }, policy(), T0);
  assert.equal(leafOnly.plan.renewCa, false);
  server.resetCounts();
  assert.equal(await store.save(leafOnly.material, before!.version), 'saved');
  assert.equal(server.requestCount('update', 'secrets'), 1);
  const after = server.object('v1', 'Secret', NAMESPACE, CA_SECRET) as { metadata: { resourceVersion: string } };
  assert.equal(after.metadata.resourceVersion, caRv);
});

test('two replicas starting together serve the same pair under one CA', async (t) => {
  const { client } = await startCluster(t);
  const clock = fakeClock();
  const [a, b] = [replica(t, client(), clock.now), replica(t, client(), clock.now)];
  const [pairA, pairB] = await Promise.all([a.start(), b.start()]);
  assert.equal(pairA.serialNumber, pairB.serialNumber);
  assert.equal(pairA.cert, pairB.cert);
  const stored = await secretStore(client()).load();
  assert.equal(stored?.material.cert, pairA.cert);
  assert.equal(splitPemBundle(stored?.material.caBundle ?? '').length, 1, 'one CA in the bundle');
  const ca = new X509Certificate(stored!.material.caCert!);
  assert.ok(new X509Certificate(pairA.cert).checkIssued(ca));
  await until(() => a.currentMaterial()?.caCert === b.currentMaterial()?.caCert, 'both replicas to hold the same CA');
});
