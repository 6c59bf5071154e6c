import { X509Certificate } from 'node:crypto';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { DirectoryCertificateSource } from '../../src/certs/dir-source.ts';
import { certificateMetrics } from '../../src/certs/metrics.ts';
import { DAY, issuePairs, nextChange, tempDir, writePairFiles, writeSecretVolume } from './support.ts';

const serial = (pem: string) => new X509Certificate(pem).serialNumber;

async function counters(registry: Registry): Promise<{ reloads: number; errors: number; expiry: number }> {
  const json = await registry.getMetricsAsJSON();
  const value = (name: string, labels: Record<string, string> = {}) =>
    json.find((m) => m.name === name)?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
  return {
    reloads: value('kongward_certificate_reloads_total'),
    errors: value('kongward_certificate_reload_errors_total'),
    expiry: value('kongward_certificate_expiration_timestamp_seconds', { certificate: 'serving' }),
  };
}

function source(dir: string, registry: Registry, t: { after(fn: () => Promise<void>): void }, extra = {}) {
  const s = new DirectoryCertificateSource({ dir, metrics: certificateMetrics(registry), debounceMs: 100, pollIntervalMs: 60_000, ...extra });
  t.after(() => s.close());
  return s;
}

test('loads the pair, then follows files replaced by rename', async (t) => {
  const dir = await tempDir(t);
  const [a, b] = await issuePairs(2);
  await writePairFiles(dir, a!);
  const registry = new Registry();
  const s = source(dir, registry, t);
  const first = await s.start();
  assert.equal(first.serialNumber, serial(a!.cert));
  assert.equal(first.ca, a!.ca);
  assert.equal((await counters(registry)).expiry, Math.floor(Date.parse(new X509Certificate(a!.cert).validTo) / 1000));

  const changed = nextChange(s);
  await writePairFiles(dir, b!);
  assert.equal((await changed).serialNumber, serial(b!.cert));
  assert.equal(s.current()?.serialNumber, serial(b!.cert));
  assert.deepEqual({ ...(await counters(registry)), expiry: 0 }, { reloads: 2, errors: 0, expiry: 0 });
});

test('follows a Secret volume update (kubelet swaps the ..data symlink)', async (t) => {
  const dir = await tempDir(t);
  const [a, b, c] = await issuePairs(3);
  await writeSecretVolume(dir, a!);
  const s = source(dir, new Registry(), t);
  assert.equal((await s.start()).serialNumber, serial(a!.cert));
  for (const next of [b!, c!]) {
    const changed = nextChange(s);
    await writeSecretVolume(dir, next);
    assert.equal((await changed).serialNumber, serial(next.cert));
  }
});

test('an invalid new pair keeps the old one in service and is counted once', async (t) => {
  const dir = await tempDir(t);
  const [a, b] = await issuePairs(2);
  const [expired] = await issuePairs(1, Date.now() - 400 * DAY);
  await writePairFiles(dir, a!);
  const registry = new Registry();
  // Only the explicit reloads below count: no watch-triggered read between two file writes.
  const s = source(dir, registry, t, { debounceMs: 60_000 });
  await s.start();
  let changes = 0;
  s.onChange(() => changes++);

  const bad: Array<[string, { cert: string; key: string }, RegExp]> = [
    ['key of another certificate', { cert: b!.cert, key: a!.key }, /private key does not match certificate serial/],
    ['expired', expired!, /expired at/],
    ['garbage', { cert: 'garbage', key: a!.key }, /certificate does not parse/],
  ];
  for (const [name, pair, reason] of bad) {
    await writePairFiles(dir, pair);
    await s.reload();
    await s.reload(); // the same bad files again: not counted twice
    assert.equal(s.current()?.serialNumber, serial(a!.cert), name);
    assert.match(s.lastError ?? '', reason, name);
  }
  assert.equal(changes, 0);
  assert.deepEqual({ ...(await counters(registry)), expiry: 0 }, { reloads: 1, errors: 3, expiry: 0 });

  await writePairFiles(dir, b!);
  await s.reload();
  assert.equal(s.current()?.serialNumber, serial(b!.cert));
  assert.equal(changes, 1);
  assert.equal(s.lastError, undefined);
});

test('a directory that appears later is picked up by the fallback poll', async (t) => {
  const root = await tempDir(t);
  const dir = path.join(root, 'serving-certs');
  const [a] = await issuePairs(1);
  const s = source(dir, new Registry(), t, { pollIntervalMs: 30 });
  const started = s.start();
  await s.reload();
  assert.match(s.lastError ?? '', /cannot read tls\.crt and tls\.key in .*serving-certs: ENOENT/);
  await mkdir(dir);
  await writeFile(path.join(dir, 'tls.key'), a!.key);
  await writeFile(path.join(dir, 'tls.crt'), a!.cert);
  assert.equal((await started).serialNumber, serial(a!.cert));
});
