// Table-driven manifest checks for gateway-operator.konghq.com kinds: an object (and the old one
// for UPDATE), the exact rendered errors expected, and optional checks on the defaulted object.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { ManifestCheck } from '../../support/validate.ts';
import { RULES_NOT_CHECKED } from '../../../src/validation/engine.ts';
import { SHARED_MISSING, sharedPath } from '../../support/shared.ts';

export { patched, ruleError, runManifestCases as runCases, type Manifest, type ManifestCase as Case } from '../../support/manifest-cases.ts';
import type { Manifest } from '../../support/manifest-cases.ts';

/** The extra error the apiserver adds when schema errors keep CEL rules from running. */
export const NOT_CHECKED = `<nil>: Invalid value: "null": ${RULES_NOT_CHECKED}`;

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
