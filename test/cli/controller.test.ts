// kongward controller as a process against the Kubernetes API test server: serves health and
// metrics, takes the leader Lease, stops cleanly on SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KubeApiServer } from '../support/kube-apiserver/index.ts';
import { runCli, spawnCli, waitForLog } from '../support/cli.ts';

test('kongward controller: health, metrics, leader Lease, clean SIGTERM', async () => {
  const api = await KubeApiServer.start();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kongward-controller-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  await writeFile(kubeconfig, api.kubeConfig().exportConfig());
  const child = spawnCli(['controller', '--kubeconfig', kubeconfig, '--probe-port', '0', '--host', '127.0.0.1', '--leader-election-namespace', 'kongward-system']);
  try {
    const listening = await waitForLog(child, (line) => line.msg === 'health and metrics server listening');
    const url = String(listening.url);
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    let lease: unknown;
    for (let i = 0; i < 100 && !lease; i++) {
      lease = api.object('coordination.k8s.io/v1', 'Lease', 'kongward-system', 'kongward-controller');
      if (!lease) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(lease, 'the controller took a Lease');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.match(metrics, /leader_election_master_status/);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    child.kill('SIGKILL');
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('kongward controller --help lists leader election settings', async () => {
  const { code, stdout } = await runCli(['controller', '--help']);
  assert.equal(code, 0);
  for (const flag of ['--lease-duration', '--renew-deadline', '--retry-period', 'KONGWARD_LEADER_ELECT', '--kubeconfig']) assert.ok(stdout.includes(flag), flag);
});
