import { X509Certificate } from 'node:crypto';
import assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { developmentCertificateSource, ensureDevelopmentCertificates } from '../../src/certs/development.ts';
import { ManagedCertificateSource } from '../../src/certs/managed-source.ts';
import { MemoryMaterialStore, type MaterialStore } from '../../src/certs/material-store.ts';
import { certificateMetrics } from '../../src/certs/metrics.ts';
import { splitPemBundle } from '../../src/certs/x509.ts';
import { DAY, T0, keyPool, nextChange, tempDir } from './support.ts';

const keys = keyPool();
const lifetimes = { caLifetimeMs: 300 * DAY, leafLifetimeMs: 30 * DAY, backdateMs: 0, keys };
const policy = { service: 'kw', namespace: 'ns', ...lifetimes };

function fakeClock(start = T0) {
  const clock = { now: start, read: () => clock.now };
  return clock;
}

test('development certificates: issued on first start, reused while valid, renewed when due', async (t) => {
  const dir = await tempDir(t);
  const clock = fakeClock();
  const first = await ensureDevelopmentCertificates(dir, { policy: lifetimes, clock: clock.read });
  assert.equal(first.renewed, true);
  assert.deepEqual((await readdir(dir)).sort(), ['ca.crt', 'ca.key', 'tls.crt', 'tls.key']);
  assert.equal((await stat(path.join(dir, 'tls.key'))).mode & 0o777, 0o600);
  assert.equal((await stat(path.join(dir, 'ca.key'))).mode & 0o777, 0o600);
  const leaf = new X509Certificate(first.material.cert);
  assert.ok(leaf.verify(new X509Certificate(first.material.caCert).publicKey));
  assert.equal(leaf.checkHost('localhost'), 'localhost');
  assert.equal(leaf.checkHost('kongward.kongward-system.svc'), 'kongward.kongward-system.svc');

  clock.now = T0 + 19 * DAY;
  const reused = await ensureDevelopmentCertificates(dir, { policy: lifetimes, clock: clock.read });
  assert.equal(reused.renewed, false);
  assert.equal(reused.material.cert, first.material.cert);

  clock.now = T0 + 20 * DAY;
  const renewed = await ensureDevelopmentCertificates(dir, { policy: lifetimes, clock: clock.read });
  assert.deepEqual([renewed.renewed, renewed.plan.renewCa], [true, false]);
  assert.equal(renewed.material.caCert, first.material.caCert, 'same CA');
  assert.notEqual(renewed.material.cert, first.material.cert);
});

test('the development source renews on its clock and tells the server', async (t) => {
  const dir = await tempDir(t);
  const clock = fakeClock();
  const registry = new Registry();
  const source = developmentCertificateSource(dir, { policy: lifetimes, clock: clock.read, metrics: certificateMetrics(registry) });
  t.after(() => source.close());
  const first = await source.start();
  assert.equal(source.nextCheckAt?.getTime(), Math.min(T0 + 20 * DAY, T0 + 3_600_000), 'checks hourly at most');

  clock.now = T0 + 20 * DAY;
  const leafChanged = nextChange(source);
  await source.sync();
  const second = await leafChanged;
  assert.notEqual(second.serialNumber, first.serialNumber);
  assert.equal(second.ca, first.ca, 'CA unchanged');

  clock.now = T0 + 200 * DAY;
  const caChanged = nextChange(source);
  await source.sync();
  const third = await caChanged;
  const bundle = splitPemBundle(third.ca ?? '').map((pem) => new X509Certificate(pem));
  assert.equal(bundle.length, 2, 'new CA plus the previous one');
  assert.ok(new X509Certificate(third.cert).verify(bundle[0]!.publicKey), 'served leaf chains to the new CA');
  const reloads = (await registry.getSingleMetric('kongward_certificate_reloads_total')!.get()).values[0]?.value;
  assert.equal(reloads, 3);
});

test('two replicas racing to create the CA serve the same certificate', async (t) => {
  const store = new MemoryMaterialStore();
  const clock = fakeClock();
  const replicas = [0, 1].map(() => new ManagedCertificateSource({ name: 'cluster', store, policy, clock: clock.read }));
  t.after(() => Promise.all(replicas.map((r) => r.close())));
  const [a, b] = await Promise.all(replicas.map((r) => r.start()));
  assert.equal(store.saves, 1, 'one writer won');
  assert.equal(a!.serialNumber, b!.serialNumber);

  // A renewal by one replica reaches the other through the store's watch.
  clock.now = T0 + 20 * DAY;
  const followed = nextChange(replicas[1]!);
  await replicas[0]!.sync();
  assert.equal((await followed).serialNumber, replicas[0]!.current()?.serialNumber);
  assert.equal(store.saves, 2);
});

test('a failing store keeps the current pair, counts the error and retries', async (t) => {
  const memory = new MemoryMaterialStore();
  let failing = false;
  const store: MaterialStore = {
    description: 'flaky',
    load: () => memory.load(),
    save: (m, v) => (failing ? Promise.reject(new Error('apiserver unavailable')) : memory.save(m, v)),
  };
  const clock = fakeClock();
  const registry = new Registry();
  const source = new ManagedCertificateSource({
    name: 'cluster', store, policy, clock: clock.read, metrics: certificateMetrics(registry), retryIntervalMs: 5_000,
  });
  t.after(() => source.close());
  const first = await source.start();
  failing = true;
  clock.now = T0 + 20 * DAY;
  await source.sync();
  assert.equal(source.current()?.serialNumber, first.serialNumber);
  assert.equal(source.nextCheckAt?.getTime(), clock.now + 5_000);
  const errors = (await registry.getSingleMetric('kongward_certificate_reload_errors_total')!.get()).values[0]?.value;
  assert.equal(errors, 1);
  failing = false;
  await source.sync();
  assert.notEqual(source.current()?.serialNumber, first.serialNumber);
});
