// Table-driven manifest checks for the konnect.konghq.com kinds: each case is an object (and
// the old one for UPDATE) with the exact rendered errors expected, in order.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export { patched, ruleError, runManifestCases as runCases, type Manifest, type ManifestCase as KonnectCase } from '../../support/manifest-cases.ts';
import type { Manifest } from '../../support/manifest-cases.ts';

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
