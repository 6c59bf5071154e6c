// Rotation under a live client: keep-alive requests and fresh connections run while the
// certificate files are replaced several times. No request may fail; new handshakes must see
// the new certificate while already open connections carry on with the old one.
import assert from 'node:assert/strict';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { DirectoryCertificateSource } from '../../src/certs/dir-source.ts';
import { followCertificateSource } from '../../src/certs/source.ts';
import { issuePairs, nextChange, tempDir, writeSecretVolume } from './support.ts';

const ROTATIONS = 4;

test('hot reload under load: zero failed requests, new connections get the new certificate', async (t) => {
  const dir = await tempDir(t);
  const pairs = await issuePairs(ROTATIONS + 1);
  const serials = pairs.map((p) => new X509Certificate(p.cert).serialNumber);
  await writeSecretVolume(dir, pairs[0]!);
  const source = new DirectoryCertificateSource({ dir, debounceMs: 20, pollIntervalMs: 60_000 });
  t.after(() => source.close());
  const first = await source.start();

  const server = https.createServer({ cert: first.cert, key: first.key }, (req, res) => {
    req.resume();
    req.on('end', () => res.end('{"response":{"allowed":true}}'));
  });
  server.keepAliveTimeout = 60_000;
  followCertificateSource(server, source);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;

  const ca = pairs[0]!.ca;
  const keepAlive = new https.Agent({ keepAlive: true, maxSockets: 3, ca });
  t.after(() => keepAlive.destroy());
  const stats = { ok: 0, failed: 0, errors: [] as string[] };
  const socketFirstSerial = new Map<TLSSocket, string>();
  const oldSocketRequestsAfterLastRotation = { count: 0 };
  let rotationsDone = 0;

  function request(agent: https.Agent | false): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/validate', agent, ca, headers: { 'content-type': 'application/json' } },
        (res) => {
          const socket = res.socket as TLSSocket;
          const servedBy = socket.getPeerCertificate().serialNumber;
          const seenFirst = socketFirstSerial.get(socket) ?? servedBy;
          socketFirstSerial.set(socket, seenFirst);
          if (agent && rotationsDone === ROTATIONS && seenFirst !== serials[ROTATIONS]) oldSocketRequestsAfterLastRotation.count++;
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve(servedBy) : reject(new Error(`status ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end('{"request":{"uid":"1"}}');
    });
  }

  let running = true;
  async function loop(agent: https.Agent | false): Promise<void> {
    while (running) {
      try {
        await request(agent);
        stats.ok++;
      } catch (error) {
        stats.failed++;
        stats.errors.push((error as Error).message);
      }
    }
  }
  const loops = [loop(keepAlive), loop(keepAlive), loop(keepAlive), loop(false)];

  await request(keepAlive); // connections open on the first certificate before any rotation
  for (let i = 1; i <= ROTATIONS; i++) {
    const changed = nextChange(source);
    await writeSecretVolume(dir, pairs[i]!);
    assert.equal((await changed).serialNumber, serials[i]);
    rotationsDone = i;
    // A fresh connection right after the change sees the new certificate.
    assert.equal(await request(false), serials[i], `new connection after rotation ${i}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  running = false;
  await Promise.all(loops);

  assert.deepEqual(stats.errors, []);
  assert.equal(stats.failed, 0);
  assert.ok(stats.ok > 50, `requests served: ${stats.ok}`);
  assert.ok(
    oldSocketRequestsAfterLastRotation.count > 0,
    'keep-alive connections opened on an older certificate kept serving after the last rotation',
  );
  t.diagnostic(`requests: ${stats.ok}, rotations: ${ROTATIONS}, keep-alive requests on older certificates after the last rotation: ${oldSocketRequestsAfterLastRotation.count}`);
});
