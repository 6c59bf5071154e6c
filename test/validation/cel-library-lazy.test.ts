// The CEL library (@bufbuild/cel, ~100 ms to load) is loaded only when a rule needs it: the
// registry's rules run from pre-parsed trees on the fast path, so validating ordinary objects,
// valid or not, on CREATE and UPDATE never loads it. Its own file: each test file is a process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findVersion } from '../../src/api/registry.ts';
import { validate } from '../../src/validation/engine.ts';
import { isCelLibraryLoaded } from '../../src/validation/cel/library-loader.ts';
import { compileRule } from '../../src/validation/cel/rules.ts';

const kongService = findVersion({ group: 'configuration.konghq.com', version: 'v1alpha1', kind: 'KongService' });

function service(spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'configuration.konghq.com/v1alpha1', kind: 'KongService', metadata: { name: 's', namespace: 'default' }, spec };
}

test('validating valid and invalid objects, on CREATE and UPDATE, runs without the library', () => {
  assert.ok(kongService);
  const good = service({ host: 'example.com', controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } } });
  assert.deepEqual(validate(kongService, { operation: 'CREATE', object: good }).errors, []);
  const bad = service({ host: 'example.com', controlPlaneRef: { type: 'konnectNamespacedRef' } });
  const denied = validate(kongService, { operation: 'CREATE', object: bad }).errors.map((e) => `${e.field}: ${e.detail}`);
  assert.deepEqual(denied, ['spec.controlPlaneRef: when type is konnectNamespacedRef, konnectNamespacedRef must be set']);
  const moved = service({ host: 'example.com', controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'other' } } });
  validate(kongService, { operation: 'UPDATE', object: moved, oldObject: good });
  assert.equal(isCelLibraryLoaded(), false);
});

test('a rule that needs the library loads it on first use', () => {
  const compiled = compileRule({ rule: 'false', messageExpression: "'computed ' + 'message'" });
  assert.equal(isCelLibraryLoaded(), true);
  assert.ok(compiled.messageProgram);
});
