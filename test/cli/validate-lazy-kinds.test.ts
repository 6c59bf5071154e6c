// `kongward validate` loads the definitions (and so builds the schemas) of the kinds its
// documents use, plus those their references name, not the whole registry: start-up on a small
// file stays small. Its own file: each test file is a fresh process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { allKinds, kindEntries, loadedKinds } from '../../src/api/registry.ts';
import { runValidate } from '../../src/cli/validate.ts';
import { memoryIo } from '../support/io.ts';

test('validating a KongService and a KongRoute that references it loads those two kinds, nothing else', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kongward-lazy-'));
  try {
    const file = path.join(dir, 'service.yaml');
    await writeFile(file, [
      'apiVersion: configuration.konghq.com/v1alpha1',
      'kind: KongService',
      'metadata: {name: svc, namespace: default}',
      'spec: {host: example.com, controlPlaneRef: {type: konnectNamespacedRef}}',
      '---',
      'apiVersion: configuration.konghq.com/v1alpha1',
      'kind: KongRoute',
      'metadata: {name: route, namespace: default}',
      'spec: {paths: [/], serviceRef: {type: namespacedRef, namespacedRef: {name: svc}}}',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: unrelated}',
      '',
    ].join('\n'));
    const { io, output } = memoryIo();
    assert.equal(await runValidate([file], io), 1);
    assert.match(output(), /when type is konnectNamespacedRef, konnectNamespacedRef must be set/);
    assert.match(output(), /3 documents: 1 valid, 1 invalid, 1 skipped/);
    assert.deepEqual(loadedKinds().sort(), ['configuration.konghq.com/KongRoute', 'configuration.konghq.com/KongService']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('every registry entry loads the definition of its own group and kind, each once', () => {
  const definitions = allKinds();
  assert.equal(definitions.length, kindEntries.length);
  assert.deepEqual(definitions.map((d) => `${d.group}/${d.kind}`), kindEntries.map((e) => `${e.group}/${e.kind}`));
  assert.equal(new Set(definitions.map((d) => `${d.group}/${d.kind}`)).size, definitions.length);
  assert.equal(loadedKinds().length, kindEntries.length);
});
