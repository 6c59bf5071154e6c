// Table-driven manifest checks shared by the kinds' tests: each case is an object (and the old one
// for UPDATE) with the exact rendered errors expected, in order, as the webhook would deny it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest, type ManifestCheck } from './validate.ts';

export type Manifest = Record<string, unknown>;

export interface ManifestCase {
  name: string;
  object: Manifest;
  /** The previous object: makes the case an UPDATE. */
  old?: Manifest;
  /** Exact rendered errors (`spec.host: Required value`), in order; [] for an accepted object. */
  errors: string[];
  /** Instead of `errors`: messages that must be among the rendered ones (when CEL evaluation errors come along). */
  includes?: string[];
  warnings?: string[];
  /** Extra assertions on the result (defaults applied, ...). */
  verify?: (result: ManifestCheck) => void;
}

export function runManifestCases(prefix: string, cases: ManifestCase[]): void {
  for (const c of cases) {
    test(`${prefix}: ${c.name}`, () => {
      const result = checkManifest(c.object, c.old ? { oldObject: c.old } : {});
      if (c.includes) for (const message of c.includes) assert.ok(result.messages.includes(message), `missing ${message} in ${JSON.stringify(result.messages)}`);
      else assert.deepEqual(result.messages, c.errors);
      if (c.warnings) assert.deepEqual(result.warnings, c.warnings);
      c.verify?.(result);
    });
  }
}

/** A deep copy of `base` with `patch` merged in (objects merged, `undefined` deletes a key). */
export function patched(base: Manifest, patch: Manifest): Manifest {
  const out: Manifest = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (value === undefined) delete out[key];
    else if (isPlainObject(value) && isPlainObject(current)) out[key] = patched(current, value);
    else out[key] = structuredClone(value);
  }
  return out;
}

function isPlainObject(value: unknown): value is Manifest {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The apiserver's rendering of a failed CEL rule on an object node (`<nil>` for the root). */
export const ruleError = (field: string, message: string) => `${field}: Invalid value: "object": ${message}`;
