// Table-driven manifest checks for gateway-operator.konghq.com kinds: an object (and the old one
// for UPDATE), the exact rendered errors expected, and optional checks on the defaulted object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { checkManifest, type ManifestCheck } from '../../support/validate.ts';
import { RULES_NOT_CHECKED } from '../../../src/validation/engine.ts';
import { SHARED_MISSING, sharedPath } from '../../support/shared.ts';

export type Manifest = Record<string, unknown>;

export interface Case {
  name: string;
  object: Manifest;
  /** The previous object: makes the case an UPDATE. */
  old?: Manifest;
  /** Exact rendered errors, in order; [] for an accepted object. */
  errors: string[];
  verify?: (result: ManifestCheck) => void;
}

export function runCases(prefix: string, cases: Case[]): void {
  for (const c of cases) {
    test(`${prefix}: ${c.name}`, () => {
      const result = checkManifest(c.object, c.old ? { oldObject: c.old } : {});
      assert.deepEqual(result.messages, c.errors);
      c.verify?.(result);
    });
  }
}

/** The extra error the apiserver adds when schema errors keep CEL rules from running. */
export const NOT_CHECKED = `<nil>: Invalid value: "null": ${RULES_NOT_CHECKED}`;

/** A failed CEL rule on an object node (`<nil>` for the root). */
export const ruleError = (field: string, message: string) => `${field}: Invalid value: "object": ${message}`;

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

/** Reads a nested value of the defaulted object (`at(result, 'spec', 'x')`). */
export function at(result: ManifestCheck, ...keys: (string | number)[]): unknown {
  let current: unknown = result.object;
  for (const key of keys) current = (current as Record<string | number, unknown> | undefined)?.[key];
  return current;
}

export function condition(type: string, status: 'True' | 'False' | 'Unknown', reason = 'Reason'): Manifest {
  return { type, status, reason, message: '', lastTransitionTime: '2025-01-01T00:00:00Z' };
}

/** Documents of one YAML file under ../shared/examples, or undefined when absent. */
export function exampleDocuments(...parts: string[]): { header: string; documents: Manifest[] } | undefined {
  const file = sharedPath('examples', ...parts);
  if (!file) return undefined;
  const text = readFileSync(file, 'utf8');
  const header = text.split('\n').filter((line) => line.startsWith('#')).join('\n');
  return { header, documents: parseAllDocuments(text).map((d) => d.toJS() as Manifest).filter(Boolean) };
}

/** `request` of an AdmissionReview fixture under ../shared/fixtures/admission, or undefined. */
export function admissionRequest(name: string): { operation: string; object?: Manifest; oldObject?: Manifest } | undefined {
  const file = sharedPath('fixtures', 'admission', name);
  if (!file) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { request: { operation: string; object?: Manifest; oldObject?: Manifest } }).request;
}

export { SHARED_MISSING };
