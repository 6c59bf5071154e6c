// runController end to end: kubeconfig file, leader election, a registered reconciler,
// /healthz, /readyz and /metrics with controller-runtime's names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { runController } from '../../src/controller/main.ts';
import { KubeApiServer } from '../support/kube-apiserver/index.ts';
import { until } from './runtime/helpers.ts';

test('runController serves health, readiness and metrics and runs registered reconcilers', async (t) => {
  const server = await KubeApiServer.start();
  const dir = mkdtempSync(path.join(tmpdir(), 'kongward-kubeconfig-'));
  t.after(async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); });
  const file = path.join(dir, 'config');
  writeFileSync(file, server.kubeConfig().exportConfig());
  server.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'ns', name: 'a' } });
  const reconciled: string[] = [];
  const running = await runController({
    kubeconfig: file, host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }), registry: new Registry(),
    leaderElection: { namespace: 'ns', identity: 'test', leaseDurationMs: 600, renewDeadlineMs: 400, retryPeriodMs: 100 },
    register: (manager) => {
      manager.addController({
        name: 'configmaps', for: { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
        reconciler: { async reconcile(key) { reconciled.push(key); } },
      });
    },
  });
  t.after(() => running.stop());
  const get = async (p: string) => { const r = await fetch(running.url + p); return { status: r.status, text: await r.text() }; };
  assert.deepEqual(await get('/healthz'), { status: 200, text: 'ok' });
  await until(() => reconciled.includes('ns/a'), 'reconcile ran');
  assert.equal((await get('/readyz')).status, 200);
  const metrics = (await get('/metrics')).text;
  for (const name of ['controller_runtime_reconcile_total{controller="configmaps",result="success"} 1', 'leader_election_master_status{name="kongward-controller"} 1',
    'workqueue_adds_total{name="configmaps",controller="configmaps"}', 'workqueue_depth', 'workqueue_queue_duration_seconds_bucket', 'workqueue_work_duration_seconds_bucket',
    'controller_runtime_reconcile_time_seconds_bucket']) {
    assert.ok(metrics.includes(name), `metrics include ${name}`);
  }
  assert.equal((await get('/nope')).status, 404);
});
