// The schema-driven generator itself: over every registered kind version, what it generates
// passes the engine's structural checks (types, required, enums, bounds, patterns, formats,
// list-map keys) with no unknown fields, and stays small.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allKinds } from '../../src/api/registry.ts';
import { formatFieldError, type FieldError } from '../../src/validation/field-error.ts';
import { pruneAndDefault, type PruneSink } from '../../src/validation/prune-default.ts';
import { validateSchema } from '../../src/validation/schema-validate.ts';
import { compileSchema } from '../../src/validation/structural.ts';
import { arbitraryFromSchema } from '../support/arbitrary/schema.ts';

const kinds = allKinds();

test('arbitraryFromSchema: every registered kind version yields structurally valid, small objects', () => {
  let versions = 0;
  let largest = 0;
  for (const kind of kinds) {
    for (const version of kind.versions) {
      versions++;
      const root = compileSchema(version.schema);
      const samples = fc.sample(arbitraryFromSchema(root), { numRuns: 15, seed: 7 });
      for (const sample of samples) {
        const sink: PruneSink = { unknown: [] };
        const object = pruneAndDefault(root, JSON.parse(JSON.stringify(sample)), '', sink);
        const errors: FieldError[] = [];
        validateSchema(root, object, '', errors);
        const where = `${kind.kind} ${version.name}: ${JSON.stringify(sample).slice(0, 300)}`;
        assert.deepEqual(sink.unknown, [], `no unknown fields (${where})`);
        assert.deepEqual(errors.map(formatFieldError), [], where);
        largest = Math.max(largest, JSON.stringify(sample).length);
      }
    }
  }
  assert.ok(versions > 20, `covers the registry (${versions} versions)`);
  assert.ok(largest < 20000, `objects stay small (largest ${largest} bytes)`);
});

test('arbitraryFromSchema: overrides and presence steer single paths', () => {
  const root = compileSchema(kinds.find((k) => k.kind === 'ControlPlane')!.versions[0]!.schema);
  const samples = fc.sample(arbitraryFromSchema(root, { presence: { spec: 1, 'spec.ingressClass': 1 }, overrides: { 'spec.ingressClass': fc.constant('fixed') } }), { numRuns: 20, seed: 1 }) as Array<Record<string, any>>;
  assert.ok(samples.every((s) => s.spec.ingressClass === 'fixed'));
  const never = fc.sample(arbitraryFromSchema(root, { presence: { spec: 0 } }), { numRuns: 20, seed: 1 }) as Array<Record<string, any>>;
  assert.ok(never.every((s) => !('spec' in s)));
});
