// Controller behaviour through a manager: owned objects map to their owner, requeueAfter,
// errors retried with backoff, metrics; and the reconcile helpers (conditions, status,
// finalizers, events).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { Manager } from '../../../src/controller/runtime/manager.ts';
import { RuntimeMetrics } from '../../../src/controller/runtime/metrics.ts';
import { coreResources, type KubeObject } from '../../../src/controller/runtime/types.ts';
import { setCondition, type Condition } from '../../../src/controller/runtime/conditions.ts';
import { addFinalizer, removeFinalizer, updateStatus } from '../../../src/controller/runtime/object-writes.ts';
import { EventRecorder } from '../../../src/controller/runtime/events.ts';
import { startServer, until } from './helpers.ts';

const deployment = coreResources.deployment;

test('owned objects enqueue their owner; requeueAfter and errors are retried; metrics count results', async (t) => {
  const env = await startServer();
  t.after(env.close);
  const owner = env.server.seed({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: 'ns', name: 'owner' }, spec: { replicas: 1 } })[0]!;
  const registry = new Registry();
  const manager = new Manager({ client: env.client, metrics: new RuntimeMetrics(registry), informerDefaults: { backoff: { baseMs: 20, maxMs: 200 } } });
  const keys: string[] = [];
  let failures = 2;
  manager.addController({
    name: 'deployments', for: deployment, owns: [coreResources.configMap], backoff: { baseMs: 10, maxMs: 100 },
    reconciler: {
      async reconcile(key) {
        keys.push(key);
        if (failures-- > 0) throw new Error('transient');
        return keys.length < 6 ? { requeueAfter: 10 } : undefined;
      },
    },
  });
  t.after(() => manager.stop());
  await manager.start();
  await until(() => keys.length >= 6, 'reconciles');
  assert.ok(keys.every((k) => k === 'ns/owner'));
  const before = keys.length;
  env.server.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'ns', name: 'child', ownerReferences: [
    { apiVersion: 'apps/v1', kind: 'Deployment', name: 'owner', uid: String(owner.metadata.uid), controller: true },
  ] } });
  env.server.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'ns', name: 'unowned' } });
  await until(() => keys.length > before, 'owner reconciled after child event');
  const text = await registry.metrics();
  assert.match(text, /controller_runtime_reconcile_total\{controller="deployments",result="error"\} 2/);
  assert.match(text, /controller_runtime_reconcile_total\{controller="deployments",result="requeue_after"\} \d/);
  assert.match(text, /controller_runtime_reconcile_errors_total\{controller="deployments"\} 2/);
  assert.match(text, /workqueue_retries_total\{name="deployments",controller="deployments"\} 2/);
  assert.match(text, /controller_runtime_reconcile_time_seconds_count\{controller="deployments"\} \d+/);
});

test('conditions keep lastTransitionTime unless the status flips', () => {
  const t0 = new Date('2025-01-01T00:00:00Z');
  const t1 = new Date('2025-01-01T01:00:00Z');
  let conditions: Condition[] = setCondition([], { type: 'Ready', status: 'False', reason: 'Pending', observedGeneration: 1 }, t0);
  conditions = setCondition(conditions, { type: 'Ready', status: 'False', reason: 'StillPending', message: 'waiting', observedGeneration: 2 }, t1);
  assert.deepEqual(conditions, [{ type: 'Ready', status: 'False', reason: 'StillPending', message: 'waiting', observedGeneration: 2, lastTransitionTime: '2025-01-01T00:00:00Z' }]);
  conditions = setCondition(conditions, { type: 'Ready', status: 'True', reason: 'Ready', observedGeneration: 2 }, t1);
  assert.equal(conditions[0]!.lastTransitionTime, '2025-01-01T01:00:00Z');
  assert.throws(() => setCondition(conditions, { type: 'Ready', status: 'True', reason: 'not camel' }), /CamelCase/);
});

test('status is written through /status with conflict retry; finalizers added and removed', async (t) => {
  const env = await startServer();
  t.after(env.close);
  env.server.seed({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: 'ns', name: 'd' }, spec: { replicas: 1 } });
  const updated = await updateStatus<KubeObject>(env.client, deployment, 'ns', 'd', (obj) => {
    obj.status = { conditions: setCondition([], { type: 'Ready', status: 'True', reason: 'Ready', observedGeneration: obj.metadata.generation ?? 0 }) };
  });
  assert.equal((updated.status as { conditions: Condition[] }).conditions[0]!.observedGeneration, 1);
  assert.equal(env.server.requestCount('update', 'deployments/status'), 1);
  // A concurrent writer makes the first status write conflict; the helper rereads and retries.
  env.server.failNext(1, 409, { verbs: ['update'], plural: 'deployments', reason: 'Conflict' });
  await updateStatus<KubeObject>(env.client, deployment, 'ns', 'd', (obj) => { obj.status = { replicas: 3 }; });
  assert.deepEqual((env.server.object('apps/v1', 'Deployment', 'ns', 'd') as KubeObject).status, { replicas: 3 });
  const same = env.server.requestCount('update');
  await updateStatus<KubeObject>(env.client, deployment, 'ns', 'd', (obj) => { obj.status = { replicas: 3 }; });
  assert.equal(env.server.requestCount('update'), same, 'unchanged status is not written');

  let obj = await env.client.get<KubeObject>(deployment, 'ns', 'd');
  obj = await addFinalizer(env.client, deployment, obj, 'kongward.konghq.com/cleanup');
  assert.deepEqual(obj.metadata.finalizers, ['kongward.konghq.com/cleanup']);
  await env.client.delete(deployment, 'ns', 'd');
  obj = await env.client.get<KubeObject>(deployment, 'ns', 'd');
  assert.ok(obj.metadata.deletionTimestamp);
  await removeFinalizer(env.client, deployment, obj, 'kongward.konghq.com/cleanup');
  assert.equal(env.server.object('apps/v1', 'Deployment', 'ns', 'd'), undefined);
});

test('events are deduplicated into one Event with a count', async (t) => {
  const env = await startServer();
  t.after(env.close);
  const target = env.server.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'ns', name: 'c' } })[0] as KubeObject;
  const recorder = new EventRecorder(env.client, { component: 'kongward' });
  await recorder.record(target, 'Warning', 'KonnectUnreachable', 'dial tcp: timeout');
  await recorder.record(target, 'Warning', 'KonnectUnreachable', 'dial tcp: timeout');
  await recorder.record(target, 'Warning', 'KonnectUnreachable', 'dial tcp: timeout');
  await recorder.record(target, 'Normal', 'Programmed', 'ok');
  const events = (await env.client.list(coreResources.event, 'ns')).items as (KubeObject & { reason: string; count: number; involvedObject: { name: string } })[];
  assert.deepEqual(events.map((e) => `${e.reason}:${e.count}:${e.involvedObject.name}`).sort(), ['KonnectUnreachable:3:c', 'Programmed:1:c']);
});
