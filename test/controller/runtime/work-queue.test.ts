// Work queue: dedup, per-key exclusivity under concurrency, backoff growth and cap,
// requeueAfter, graceful drain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkQueue } from '../../../src/controller/runtime/work-queue.ts';
import { backoffDelay } from '../../../src/controller/runtime/backoff.ts';
import { until } from './helpers.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('keys are deduplicated while queued', async () => {
  const queue = new WorkQueue({ name: 'dedup' });
  for (let i = 0; i < 5; i++) queue.add('a');
  queue.add('b');
  assert.equal(queue.length, 2);
  const seen: string[] = [];
  queue.start(async (key) => { seen.push(key); });
  await queue.idle();
  assert.deepEqual(seen, ['a', 'b']);
});

test('one key is never processed by two workers at once; an add during processing runs again after', async () => {
  const queue = new WorkQueue({ name: 'excl', concurrency: 8 });
  const running = new Map<string, number>();
  let maxSameKey = 0;
  let maxActive = 0;
  let runs = 0;
  queue.start(async (key) => {
    runs++;
    running.set(key, (running.get(key) ?? 0) + 1);
    maxSameKey = Math.max(maxSameKey, running.get(key)!);
    maxActive = Math.max(maxActive, [...running.values()].reduce((a, b) => a + b, 0));
    await tick(5);
    running.set(key, running.get(key)! - 1);
  });
  for (let round = 0; round < 20; round++) {
    for (let k = 0; k < 4; k++) queue.add(`k${k}`);
    await tick(1);
  }
  await queue.idle();
  assert.equal(maxSameKey, 1);
  assert.ok(maxActive <= 4 && maxActive >= 2, `max active ${maxActive}`);
  assert.ok(runs < 80, `dedup collapsed adds (${runs} runs for 80 adds)`);
});

test('concurrency limit is respected', async () => {
  const queue = new WorkQueue({ name: 'limit', concurrency: 3 });
  let active = 0;
  let peak = 0;
  queue.start(async () => { active++; peak = Math.max(peak, active); await tick(5); active--; });
  for (let i = 0; i < 20; i++) queue.add(`k${i}`);
  await queue.idle();
  assert.equal(peak, 3);
});

test('backoff grows exponentially per key, is jittered and capped; forget resets it', () => {
  const options = { baseMs: 10, maxMs: 1000 };
  const noJitter = [1, 2, 3, 4, 8, 20].map((n) => backoffDelay(n, { ...options, jitter: 0 }));
  assert.deepEqual(noJitter, [10, 20, 40, 80, 1000, 1000]);
  for (let i = 0; i < 100; i++) {
    const d = backoffDelay(3, options);
    assert.ok(d >= 20 && d <= 40, `jittered delay ${d} within [20, 40]`);
  }
  const queue = new WorkQueue({ name: 'rate', backoff: { baseMs: 1000, maxMs: 4000, jitter: 0 } });
  assert.deepEqual([1, 2, 3, 4].map(() => queue.addRateLimited('x')), [1000, 2000, 4000, 4000]);
  assert.equal(queue.failureCount('x'), 4);
  queue.forget('x');
  assert.equal(queue.addRateLimited('x'), 1000);
  void queue.shutdown();
});

test('failing keys are retried with growing delays until they succeed', async () => {
  const queue = new WorkQueue({ name: 'retry', backoff: { baseMs: 20, maxMs: 1000, jitter: 0 } });
  const times: number[] = [];
  queue.start(async (key) => {
    times.push(Date.now());
    if (times.length < 4) queue.addRateLimited(key);
    else queue.forget(key);
  });
  queue.add('x');
  await until(() => times.length === 4, 'four attempts');
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  assert.ok(gaps[0]! >= 18 && gaps[1]! >= 38 && gaps[2]! >= 78, `gaps ${gaps.join(',')}`);
  assert.equal(queue.failureCount('x'), 0);
});

test('addAfter delays a key; an earlier delayed add wins', async () => {
  const queue = new WorkQueue({ name: 'after' });
  const seen: [string, number][] = [];
  const start = Date.now();
  queue.start(async (key) => { seen.push([key, Date.now() - start]); });
  queue.addAfter('a', 300);
  queue.addAfter('a', 60);
  queue.addAfter('b', 30);
  await until(() => seen.length === 2, 'two delayed keys');
  await tick(300);
  assert.deepEqual(seen.map(([k]) => k), ['b', 'a'], 'a runs once, at the earlier time');
  assert.ok(seen[1]![1] >= 55 && seen[1]![1] < 250);
});

test('shutdown waits for keys in flight and drops the rest', async () => {
  const queue = new WorkQueue({ name: 'drain', concurrency: 2 });
  const done: string[] = [];
  queue.start(async (key) => { await tick(50); done.push(key); });
  for (let i = 0; i < 6; i++) queue.add(`k${i}`);
  await tick(5);
  await queue.shutdown();
  assert.deepEqual(done.sort(), ['k0', 'k1'], 'in-flight keys finished before shutdown resolved');
  queue.add('late');
  assert.equal(queue.length, 0);
});
