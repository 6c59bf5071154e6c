import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ValidatorRegistry } from '../../src/webhooks/admission/validators.ts';
import { admissionReview, startTestWebhook } from '../support/webhook.ts';

test('close() lets every in-flight review finish, then stops serving', async () => {
  const slow = { group: 'example.kongward.dev', version: 'v1', kind: 'Slow' };
  let started = 0;
  const validators = new ValidatorRegistry().register(slow, async () => {
    started += 1;
    await sleep(300);
    return { warnings: ['slow but done'] };
  });
  const hook = await startTestWebhook({ validators });
  const inFlight = Array.from({ length: 12 }, (_, i) =>
    hook.post('/validate', admissionReview({ kind: slow, uid: `uid-${i}` })),
  );
  while (started < 12) await sleep(5);
  assert.equal(hook.server.isServing(), true);
  const closing = hook.server.close();
  assert.equal(hook.server.isServing(), false, 'not serving (not ready) as soon as shutdown starts');
  const results = await Promise.all(inFlight);
  await closing;
  for (const [i, result] of results.entries()) {
    assert.equal(result.status, 200);
    assert.equal(result.json.response.uid, `uid-${i}`);
    assert.deepEqual(result.json.response.warnings, ['slow but done']);
  }
  await assert.rejects(hook.post('/validate', admissionReview({ kind: slow })), /ECONNREFUSED|other side closed|closed/i);
  await hook.agent.close();
});
