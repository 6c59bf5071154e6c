// Cases every KongCredential* kind shares (consumerRef, tags, adopt, the Programmed rule) and
// the invariant that a secret value never shows up in an error message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest } from '../../support/validate.ts';
import { patched, pendingStatus, programmedStatus, ruleError, runCases, type KindCase, schemaErrors } from './kind-cases.ts';

/** A value the tests put in secret fields; no rendered error may contain it. */
export const SECRET = 'S3cr3t-value-that-must-never-leak';

export function credentialManifest(kind: string, spec: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'configuration.konghq.com/v1alpha1',
    kind,
    metadata: { name: 'cred', namespace: 'demo' },
    spec: { consumerRef: { name: 'alice' }, ...spec },
  };
}

/** Shared cases plus the kind's own; each also asserts no message contains SECRET. */
export function runCredentialCases(kind: string, valid: Record<string, unknown>, own: KindCase[], secretFields: string[]): void {
  const withSpec = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => patched(valid, { spec, ...extra });
  const adopt = { from: 'konnect', mode: 'match', konnect: { id: 'b6a2c3d4-0000-4000-8000-000000000001' } };
  const shared: KindCase[] = [
    { name: 'a valid credential is accepted', object: valid, errors: [],
      verify: (r) => assert.equal((r.object?.status as { conditions: Array<{ reason: string }> }).conditions[0]?.reason, 'Pending') },
    { name: 'consumerRef is required', object: patched(valid, { spec: { consumerRef: undefined } }), errors: schemaErrors('spec.consumerRef: Required value') },
    { name: 'consumerRef.name defaults to ""', object: withSpec({ consumerRef: { name: undefined } }), errors: [],
      verify: (r) => assert.deepEqual((r.object?.spec as { consumerRef: unknown }).consumerRef, { name: '' }) },
    { name: 'tags longer than 128 characters are denied', object: withSpec({ tags: ['ok', 'x'.repeat(129)] }),
      errors: ['spec.tags: Invalid value: "array": tags entries must not be longer than 128 characters'] },
    { name: 'at most 20 tags', object: withSpec({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }),
      errors: schemaErrors('spec.tags: Too many: 21: must have at most 20 items') },
    { name: 'adopt is accepted on CREATE', object: withSpec({ adopt }), errors: [] },
    { name: 'adopt from konnect needs konnect options', object: withSpec({ adopt: { from: 'konnect' } }),
      errors: [ruleError('spec.adopt', "Must specify Konnect options when from='konnect'")] },
    { name: 'adopt cannot be removed in an update', object: valid, old: withSpec({ adopt }),
      errors: [ruleError('spec', 'Cannot set or unset spec.adopt in updates')] },
    { name: 'consumerRef is frozen once Programmed', object: withSpec({ consumerRef: { name: 'bob' } }, { status: programmedStatus }),
      old: withSpec({}, { status: programmedStatus }),
      errors: [ruleError('<nil>', 'spec.consumerRef is immutable when an entity is already Programmed')] },
    { name: 'consumerRef may change before Programmed', object: withSpec({ consumerRef: { name: 'bob' } }, { status: pendingStatus }),
      old: withSpec({}, { status: pendingStatus }), errors: [] },
  ];
  runCases(`${kind} v1alpha1`, [...shared, ...own]);

  test(`${kind} v1alpha1: secret fields never appear in errors`, () => {
    for (const field of secretFields) {
      // Wrong types, and a secret beside other errors: the value must stay out of every message.
      for (const value of [12345678901, { nested: SECRET }, [SECRET], SECRET]) {
        const object = withSpec({ [field]: value, tags: [''] });
        const rendered = checkManifest(object).messages.join('\n');
        assert.ok(rendered.length > 0, `${field}: some error is expected`);
        assert.ok(!rendered.includes(SECRET) && !rendered.includes('12345678901'), `${field} leaked: ${rendered}`);
      }
    }
  });
}
