// PendingCreates: a create is pending until the cache shows it, or until it lapses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PendingCreates } from '../../../src/controller/runtime/pending-creates.ts';

test('pending until seen; an entry never seen lapses after its time', async () => {
  const creates = new PendingCreates(30);
  assert.equal(creates.isPending('a'), false);
  creates.created('a');
  creates.created('b');
  assert.equal(creates.isPending('a'), true);
  creates.seen('a');
  assert.equal(creates.isPending('a'), false);
  await new Promise((r) => setTimeout(r, 40));
  assert.equal(creates.isPending('b'), false, 'lapsed');
});
