// Table-driven manifest checks for the konnect.konghq.com kinds: each case is an object (and
// the old one for UPDATE) with the exact rendered errors expected, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { checkManifest, type ManifestCheck } from '../../support/validate.ts';

export type Manifest = Record<string, unknown>;

export interface KonnectCase {
  name: string;
  object: Manifest;
  /** The previous object: makes the case an UPDATE. */
  old?: Manifest;
  /** Exact rendered errors; [] for an accepted object. */
  errors: string[];
  /** Errors that must be among the rendered ones (when CEL evaluation errors come along). */
  includes?: string[];
  verify?: (result: ManifestCheck) => void;
}

export function runCases(prefix: string, cases: KonnectCase[]): void {
  for (const c of cases) {
    test(`${prefix}: ${c.name}`, () => {
      const result = checkManifest(c.object, c.old ? { oldObject: c.old } : {});
      if (c.includes) for (const message of c.includes) assert.ok(result.messages.includes(message), `missing ${message} in ${JSON.stringify(result.messages)}`);
      else assert.deepEqual(result.messages, c.errors);
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
export function ruleError(field: string, message: string): string {
  return `${field}: Invalid value: "object": ${message}`;
}

/** The same on a string node. */
export function stringRuleError(field: string, message: string): string {
  return `${field}: Invalid value: "string": ${message}`;
}

/** A status carrying one condition of the given type and status. */
export function statusWith(type: string, status: 'True' | 'False' | 'Unknown'): Manifest {
  return { conditions: [{ type, status, reason: 'Reason', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' }] };
}

export interface ExampleFile {
  operation: string;
  field: string;
  message: string;
  /** The exact apiserver error after `is invalid: `, when the header carries it. */
  apiserverError?: string;
  documents: Manifest[];
}

/** Reads an `examples/invalid` file: the comment header and its documents (old first on UPDATE). */
export function readExample(file: string): ExampleFile {
  const text = readFileSync(file, 'utf8');
  const header = (key: string) => text.match(new RegExp(`^# ${key}: (.*)$`, 'm'))?.[1]?.trim() ?? '';
  const denies = header('apiserver');
  const marker = denies.indexOf('is invalid: ');
  return {
    operation: header('operation'),
    field: header('field'),
    message: header('message'),
    ...(marker >= 0 ? { apiserverError: denies.slice(marker + 'is invalid: '.length) } : {}),
    documents: parseAllDocuments(text).map((d) => d.toJSON() as Manifest),
  };
}

/** The apiserver's trailer when schema errors stopped the CEL rules from running. */
export const RULES_NOT_CHECKED =
  '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

/** Schema errors as the apiserver reports them: the errors, then the rules-not-checked trailer. */
export function schemaErrors(...errors: string[]): string[] {
  return [...errors, RULES_NOT_CHECKED];
}
