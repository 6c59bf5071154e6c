// Table-driven manifest checks for the configuration.konghq.com kinds' tests: each case is an
// object (and the old one for UPDATE) with the exact rendered errors expected, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest, type ManifestCheck } from '../../support/validate.ts';
import { RULES_NOT_CHECKED } from '../../../src/validation/engine.ts';

export interface KindCase {
  name: string;
  object: Record<string, unknown>;
  /** The previous object: makes the case an UPDATE. */
  old?: Record<string, unknown>;
  /** Exact rendered errors (`spec.host: Required value`); [] for an accepted object. */
  errors: string[];
  warnings?: string[];
  /** Extra assertions on the result (defaults applied, ...). */
  verify?: (result: ManifestCheck) => void;
}

export function runCases(prefix: string, cases: KindCase[]): void {
  for (const c of cases) {
    test(`${prefix}: ${c.name}`, () => {
      const result = checkManifest(c.object, c.old ? { oldObject: c.old } : {});
      assert.deepEqual(result.messages, c.errors);
      if (c.warnings) assert.deepEqual(result.warnings, c.warnings);
      c.verify?.(result);
    });
  }
}

/** A deep copy of `base` with `patch` applied (objects merged, `undefined` deletes a key). */
export function patched(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (value === undefined) delete out[key];
    else if (isPlainObject(value) && isPlainObject(current)) out[key] = patched(current, value);
    else out[key] = structuredClone(value);
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `status` of an entity Kong has programmed (what the "immutable when Programmed" rules read). */
export const programmedStatus = {
  conditions: [
    { type: 'Programmed', status: 'True', reason: 'Programmed', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' },
  ],
};

/** `status` of an entity not programmed yet. */
export const pendingStatus = {
  conditions: [
    { type: 'Programmed', status: 'False', reason: 'Pending', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' },
  ],
};

/** The apiserver's rendering of a failed CEL rule on an object node. */
export function ruleError(field: string, message: string): string {
  return `${field}: Invalid value: "object": ${message}`;
}

/** Schema errors as the apiserver reports them: followed by the note that CEL rules were skipped. */
export function schemaErrors(...messages: string[]): string[] {
  return [...messages, `<nil>: Invalid value: "null": ${RULES_NOT_CHECKED}`];
}
