// Under 20% 5xx, 10% 429 and 5% lost POST answers on every call, create-or-adopt by k8s-uid tag
// converges to exactly one entity per uid (named and unnamed), and deleting everything leaves
// nothing behind. Sleeps run on a virtual clock so the run takes well under a second.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { k8sUidTag } from '../../src/konnect/entities.ts';
import type { Clock } from '../../src/konnect/rate-limit.ts';
import { konnectFixture, type KonnectFixture } from './fixture.ts';

async function eventually<T>(action: () => Promise<T>, attempts = 30): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await action();
    } catch (error) {
      last = error; // the reconciler would requeue; here: try again
    }
  }
  throw last;
}

describe('convergence under injected faults', () => {
  let fx: KonnectFixture;
  const slept: number[] = [];
  before(async () => {
    fx = await konnectFixture({ fake: { seed: 42 } });
  });
  after(() => fx.close());

  it('create-or-adopt then delete: one entity per uid, no orphans', async () => {
    const clock: Clock = { now: () => Date.now(), sleep: async (ms) => void slept.push(ms) };
    const client = fx.newClient({ clock, retry: { maxRetries: 3 } });
    const cp = await eventually(() => client.controlPlanes.createOrAdopt('cp-uid', { name: 'faulty', labels: { 'k8s-uid': 'cp-uid' } }));
    const scope = { controlPlaneId: cp.controlPlane.id };
    fx.fake.faults.add({ method: 'POST', probability: 0.05, action: { kind: 'lose-response' } });
    fx.fake.faults.add({ probability: 0.2, action: { kind: 'status', status: 503 } });
    fx.fake.faults.add({ probability: 0.1, action: { kind: 'rate-limit', retryAfter: '2' } });

    const ids = new Map<string, string>();
    let adopted = 0;
    for (let i = 0; i < 40; i++) {
      const uid = `svc-uid-${i}`;
      // Even ones have a unique name (a retry conflicts); odd ones have none (only the tag finds them).
      const body = { ...(i % 2 ? {} : { name: `svc-${i}` }), host: `h${i}.example`, tags: [k8sUidTag(uid)] };
      const result = await eventually(() => client.entities.service.createOrAdopt(scope, uid, body));
      if (result.adopted) adopted++;
      ids.set(uid, result.entity.id);
    }
    for (const [uid, id] of ids) {
      const stored = fx.fake.state.entitiesWithTag(scope.controlPlaneId, 'services', k8sUidTag(uid));
      assert.deepEqual(stored.map((s) => s.id), [id], `exactly one entity for ${uid}`);
    }
    const injected = fx.fake.log.filter((e) => e.fault).length;
    assert.ok(injected > 20, `${injected} faults were injected`);
    assert.ok(fx.fake.log.some((e) => e.outcome === 'response-lost'), 'some answers were lost');
    assert.ok(slept.includes(2_000), 'Retry-After was honoured');

    for (const id of ids.values()) await eventually(() => client.entities.service.delete(scope, id));
    assert.deepEqual(fx.fake.state.counts(scope.controlPlaneId), {});
    const calls = fx.fake.log.length;
    process.stdout.write(`# 40 services under faults: ${calls} requests (${(calls / 40).toFixed(1)} per entity, create+delete), ${injected} faults, ${adopted} adopted\n`);
  });
});
