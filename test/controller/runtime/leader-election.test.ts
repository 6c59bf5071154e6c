// Leader election: two managers on one Lease, only one reconciles; kill the leader and the
// other takes over within the lease duration; never both at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { Manager } from '../../../src/controller/runtime/manager.ts';
import { RuntimeMetrics } from '../../../src/controller/runtime/metrics.ts';
import { KubeClient } from '../../../src/controller/runtime/kube-client.ts';
import { configMaps, startServer, until, cm } from './helpers.ts';

const timings = { leaseDurationMs: 600, renewDeadlineMs: 400, retryPeriodMs: 100 };

test('one leader reconciles; after it dies the other takes over within the lease duration; never both', async (t) => {
  const env = await startServer();
  t.after(env.close);
  for (let i = 0; i < 3; i++) env.server.seed(cm('ns', `o${i}`));
  const running = new Map<string, number>();
  const reconciledBy = new Set<string>();
  let overlap = false;
  const make = (identity: string) => {
    const client = new KubeClient(env.server.kubeConfig());
    const registry = new Registry();
    const manager = new Manager({
      client, metrics: new RuntimeMetrics(registry),
      leaderElection: { namespace: 'kongward-system', name: 'kongward-controller', identity, ...timings },
      informerDefaults: { backoff: { baseMs: 20, maxMs: 200 } },
    });
    manager.addController({
      name: 'cm', for: configMaps,
      reconciler: {
        async reconcile() {
          running.set(identity, (running.get(identity) ?? 0) + 1);
          if ([...running].some(([other, n]) => other !== identity && n > 0)) overlap = true;
          reconciledBy.add(identity);
          await new Promise((r) => setTimeout(r, 20));
          running.set(identity, running.get(identity)! - 1);
          return { requeueAfter: 30 };
        },
      },
    });
    return { manager, client, registry };
  };
  const a = make('a');
  const b = make('b');
  t.after(async () => { await a.manager.stop(); await b.manager.stop(); await a.client.close(); await b.client.close(); });
  await a.manager.start();
  await until(() => a.manager.isLeader, 'a leads');
  await b.manager.start();
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(b.manager.isLeader, false);
  assert.deepEqual([...reconciledBy], ['a']);
  assert.match(await a.registry.metrics(), /leader_election_master_status\{name="kongward-controller"\} 1/);
  assert.match(await b.registry.metrics(), /leader_election_master_status\{name="kongward-controller"\} 0/);

  const killedAt = Date.now();
  await a.manager.stop({ release: false });
  await until(() => b.manager.isLeader, 'b takes over', 3000);
  const takeover = Date.now() - killedAt;
  assert.ok(takeover <= timings.leaseDurationMs + 2 * timings.retryPeriodMs + 100, `took over in ${takeover} ms`);
  await until(() => reconciledBy.has('b'), 'b reconciles');
  assert.equal(overlap, false, 'no reconcile ran on both at once');
  const lease = env.server.object('coordination.k8s.io/v1', 'Lease', 'kongward-system', 'kongward-controller') as unknown as { spec: { holderIdentity: string; leaseTransitions: number } };
  assert.equal(lease.spec.holderIdentity, 'b');
  assert.equal(lease.spec.leaseTransitions, 1);
});

test('a leader that cannot renew stops reconciling at once, before the lease expires', async (t) => {
  const env = await startServer();
  t.after(env.close);
  env.server.seed(cm('ns', 'x'));
  const client = new KubeClient(env.server.kubeConfig());
  let reconciles = 0;
  const manager = new Manager({ client, leaderElection: { namespace: 'ns', name: 'l', identity: 'solo', ...timings } });
  manager.addController({ name: 'cm', for: configMaps, reconciler: { async reconcile() { reconciles++; return { requeueAfter: 20 }; } } });
  t.after(async () => { await manager.stop(); await client.close(); });
  await manager.start();
  await until(() => reconciles > 2, 'reconciling');
  env.server.failNext(1000, 503, { plural: 'leases' });
  const lostFrom = Date.now();
  await until(() => !manager.isLeader, 'stepped down', 2000);
  assert.ok(Date.now() - lostFrom < timings.leaseDurationMs, 'stepped down within the renew deadline');
  const count = reconciles;
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(reconciles, count, 'no reconcile after losing the lease');
});

test('a released lease is taken over without waiting for expiry', async (t) => {
  const env = await startServer();
  t.after(env.close);
  const c1 = new KubeClient(env.server.kubeConfig());
  const c2 = new KubeClient(env.server.kubeConfig());
  const slow = { leaseDurationMs: 5000, renewDeadlineMs: 3000, retryPeriodMs: 100 };
  const m1 = new Manager({ client: c1, leaderElection: { namespace: 'ns', name: 'rel', identity: 'one', ...slow } });
  const m2 = new Manager({ client: c2, leaderElection: { namespace: 'ns', name: 'rel', identity: 'two', ...slow } });
  t.after(async () => { await m2.stop(); await c1.close(); await c2.close(); });
  await m1.start();
  await until(() => m1.isLeader, 'one leads');
  await m2.start();
  await m1.stop();
  const from = Date.now();
  await until(() => m2.isLeader, 'two leads', 2000);
  assert.ok(Date.now() - from < 1000);
});
