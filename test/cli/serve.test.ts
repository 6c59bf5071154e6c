import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { runCli, spawnCli, waitForLog } from '../support/cli.ts';
import { admissionReview } from '../support/webhook.ts';

test('kongward serve --dev: generates certificates, serves, reports ready and metrics, drains on SIGTERM and exits 0', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kongward-serve-'));
  const child = spawnCli(['serve', '--dev', '--dev-cert-dir', dir, '--port', '0', '--probe-port', '0']);
  try {
    const serving = await waitForLog(child, (line) => line.msg === 'kongward webhook serving');
    const ca = await readFile(path.join(dir, 'ca.crt'), 'utf8');
    assert.equal(((await stat(path.join(dir, 'tls.key'))).mode & 0o777).toString(8), '600');
    const probes = String(serving.probes);
    assert.equal((await fetch(`${probes}/healthz`)).status, 200);
    assert.equal((await fetch(`${probes}/readyz`)).status, 200);

    const agent = new Agent({ connect: { ca } });
    const res = await request(String(serving.url), {
      method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify(admissionReview()),
    });
    const answer = (await res.body.json()) as { response: { uid: string; allowed: boolean } };
    assert.equal(answer.response.uid, admissionReview().request.uid);
    await agent.close();

    const metrics = await (await fetch(`${probes}/metrics`)).text();
    assert.match(metrics, /controller_runtime_webhook_requests_total\{webhook="\/validate",code="200"\} 1/);
    assert.match(metrics, /controller_runtime_webhook_latency_seconds_bucket/);
    assert.match(metrics, /process_resident_memory_bytes/);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

test('kongward serve --help documents flags and their environment variables', async () => {
  const { code, stdout } = await runCli(['serve', '--help']);
  assert.equal(code, 0);
  for (const text of ['--port', 'KONGWARD_PORT', '--cert-dir', 'KONGWARD_CERT_DIR', '--keep-alive-timeout', '--shutdown-delay', '--probe-port']) {
    assert.ok(stdout.includes(text), `help mentions ${text}`);
  }
});

test('usage errors exit 2 with the reason', async () => {
  const unknown = await runCli(['serve', '--no-such-flag']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no-such-flag/);
  const badPort = await runCli(['serve', '--dev', '--port', 'eighty']);
  assert.equal(badPort.code, 2);
  assert.match(badPort.stderr, /--port: invalid value "eighty"/);
  const twoSources = await runCli(['serve', '--dev', '--cert-dir', '/nonexistent']);
  assert.equal(twoSources.code, 2);
  assert.match(twoSources.stderr, /choose exactly one certificate source \(got --cert-dir, --dev\)/);
  const selfSignedAlone = await runCli(['serve', '--self-signed'], { env: { KUBERNETES_SERVICE_HOST: '' } });
  assert.equal(selfSignedAlone.code, 2);
  assert.match(selfSignedAlone.stderr, /--self-signed needs a cluster/);
  const noCommand = await runCli(['frobnicate']);
  assert.equal(noCommand.code, 2);
  assert.match(noCommand.stderr, /unknown command "frobnicate"/);
});
