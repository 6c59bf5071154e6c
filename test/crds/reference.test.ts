// The generated CRDs against the upstream reference (../shared/reference/crds): for every
// generated version that upstream has, every schema keyword, rule, printer column, name and
// served/storage flag must agree. All differences are collected and reported at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { buildCrds, crdKinds, crdFileName } from '../../src/crds/generate.ts';
import { sharedPath, SHARED_MISSING } from '../support/shared.ts';
import { compareCrdHeader, compareVersion, formatDifference, type Difference } from './compare.ts';

type Json = Record<string, unknown>;

/** Newest first: Kong Operator 2.2.3, then the KGO 1.5 and 1.4 sets for kinds/versions only they have. */
const REFERENCE_SETS = ['kong', 'kong-1.x/kgo-1.5', 'kong-1.x/kgo-1.4'];

interface KnownDifference {
  id: string;
  why: string;
  matches(d: Difference): boolean;
}

const isEmptyObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;

/**
 * Engine rendering bugs in src/validation/openapi.ts (not schema bugs). Delete an entry once
 * toOpenApi is fixed; the test then holds the line. (Two earlier ones are fixed and gone:
 * patterns printed with '\/' from RegExp.source, `metadata` rendered with `properties: {}`, and
 * free-form objects rendered with `additionalProperties: {}`.)
 */
export const ENGINE_BUGS: KnownDifference[] = [];

/** Deliberate differences from upstream, with the reason. */
export const DELIBERATE: KnownDifference[] = [
  {
    id: 'konnectextension-v1alpha1-served',
    why: 'KonnectExtension v1alpha1 stays served (through the conversion webhook) because users still apply it',
    matches: (d) => d.where === 'konnectextensions.konnect.konghq.com v1alpha1' && d.key === 'served' && d.ours === true && d.reference === false,
  },
];

const exactly = (where: string, path: string, key: string) => (d: Difference) => d.where === where && d.path === path && d.key === key;

/**
 * Schema data differences found by this test, each owned by a kind's schema file. Exact
 * matches (CRD version, path, keyword) so nothing else slips through; delete each entry with
 * its fix. Unused entries are printed as diagnostics.
 */
export const PENDING_SCHEMA_FIXES: KnownDifference[] = [
];

function loadCrd(file: string): Json | undefined {
  if (!existsSync(file)) return undefined;
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const value = doc.toJS() as Json | null;
    if (value?.kind === 'CustomResourceDefinition') return value;
  }
  return undefined;
}

const versionsOf = (crd: Json) => (crd.spec as { versions: Json[] }).versions;

test('generated CRDs match the upstream reference for every version upstream has', (t) => {
  const root = sharedPath('reference', 'crds');
  if (!root) return t.skip(SHARED_MISSING);
  const crds = new Map(buildCrds().map((crd) => [crd.metadata.name, crd as unknown as Json]));
  const differences: Difference[] = [];
  const compared: string[] = [];
  const notInReference: string[] = [];

  for (const kind of crdKinds()) {
    const ours = crds.get(`${kind.plural}.${kind.group}`);
    assert.ok(ours, `no CRD generated for ${kind.kind}`);
    const references = REFERENCE_SETS.map((set) => ({ set, crd: loadCrd(path.join(root, set, crdFileName(kind))) }));
    const header = references.find((r) => r.crd);
    if (!header?.crd) {
      notInReference.push(kind.kind);
      continue;
    }
    const name = String((ours.metadata as Json).name);
    differences.push(...compareCrdHeader(ours, header.crd, `${name} (${header.set})`));
    for (const version of versionsOf(ours)) {
      const found = references
        .map((r) => ({ set: r.set, version: r.crd && versionsOf(r.crd).find((v) => v.name === version.name) }))
        .find((r) => r.version);
      if (!found?.version) {
        notInReference.push(`${kind.kind} ${String(version.name)}`);
        continue;
      }
      compared.push(`${kind.kind} ${String(version.name)} (${found.set})`);
      differences.push(...compareVersion(version, found.version, `${name} ${String(version.name)}`));
    }
  }

  const known = [...ENGINE_BUGS, ...DELIBERATE, ...PENDING_SCHEMA_FIXES];
  const hits = new Map<string, number>();
  const unexpected = differences.filter((d) => {
    const entry = known.find((k) => k.matches(d));
    if (entry) hits.set(entry.id, (hits.get(entry.id) ?? 0) + 1);
    return !entry;
  });
  t.diagnostic(`compared ${compared.length} versions; not in the reference: ${notInReference.join(', ') || 'none'}`);
  for (const entry of known) {
    const count = hits.get(entry.id) ?? 0;
    t.diagnostic(count ? `known difference ${entry.id}: ${count} occurrence(s)` : `known difference ${entry.id} no longer occurs: delete its entry`);
  }
  assert.ok(compared.length >= 35, `expected to compare at least 35 versions, compared ${compared.length}`);
  if (unexpected.length) {
    assert.fail(`${unexpected.length} difference(s) between generated and reference CRDs:\n${unexpected.map(formatDifference).join('\n')}`);
  }
});
