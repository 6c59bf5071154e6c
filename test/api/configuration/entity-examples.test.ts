// The walkthrough's KongService and KongRoute are accepted, and each invalid example aimed at
// them is denied with exactly the status message kube-apiserver gave (`# apiserver: denies:`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { SHARED_MISSING, sharedPath } from '../../support/shared.ts';
import { checkManifest } from '../../support/validate.ts';
import { findKind, qualifiedKind } from '../../../src/api/registry.ts';
import { invalidMessage } from '../../../src/validation/field-error.ts';

type Manifest = Record<string, unknown>;

function load(file: string): { header: Map<string, string>; docs: Manifest[] } {
  const text = readFileSync(file, 'utf8');
  const header = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^# ([^:]+): (.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) header.set(match[1], match[2]);
  }
  return { header, docs: parseAllDocuments(text).map((doc) => doc.toJS() as Manifest) };
}

/** The apiserver's status message for a denial, built from our causes. */
function statusMessage(manifest: Manifest, messages: ReturnType<typeof checkManifest>): string {
  const kind = findKind('configuration.konghq.com', String(manifest.kind));
  assert.ok(kind);
  const name = String((manifest.metadata as Manifest).name);
  return invalidMessage(qualifiedKind(kind), name, messages.errors);
}

for (const file of ['07-kong-service.yaml', '08-kong-route.yaml']) {
  test(`walkthrough ${file} is accepted`, (t) => {
    const path = sharedPath('examples', 'walkthrough', file);
    if (!path) return t.skip(SHARED_MISSING);
    for (const doc of load(path).docs) {
      const result = checkManifest(doc, { unknownFields: 'error' });
      assert.deepEqual(result.messages, []);
      assert.deepEqual(result.warnings, []);
    }
  });
}

const denied = [
  'kongroute-http-without-matchers.yaml',
  'kongservice-cpref-change-programmed.yaml',
  'kongservice-kic-by-default.yaml',
  'kongservice-kic.yaml',
  'kongservice-ref-missing.yaml',
];

for (const file of denied) {
  test(`invalid ${file} is denied as kube-apiserver denies it`, (t) => {
    const path = sharedPath('examples', 'invalid', file);
    if (!path) return t.skip(SHARED_MISSING);
    const { header, docs } = load(path);
    const [first, second] = docs;
    assert.ok(first);
    const update = header.get('operation')?.startsWith('UPDATE') ?? false;
    const object = update ? second : first;
    assert.ok(object);
    const result = checkManifest(object, update ? { oldObject: first, unknownFields: 'error' } : { unknownFields: 'error' });
    assert.equal(statusMessage(object, result), header.get('apiserver')?.replace(/^denies: /, ''));
    assert.ok(result.messages.some((m) => m.endsWith(header.get('message')?.replace(/\s+\(.*\)$/, '') ?? '?')));
  });
}

test('invalid kongservice-bogus-type.yaml: unknown konnectID in strict mode, the enum once pruned', (t) => {
  const path = sharedPath('examples', 'invalid', 'kongservice-bogus-type.yaml');
  if (!path) return t.skip(SHARED_MISSING);
  const { header, docs } = load(path);
  const object = docs[0] as Manifest;
  const strict = checkManifest(object, { unknownFields: 'error' });
  // Offline validation reports the unknown field first, then keeps going (kubectl stops there).
  assert.equal(strict.errors[0]?.field, 'spec.controlPlaneRef.konnectID');
  const pruned = checkManifest(object);
  const expected = header.get('without strict field validation (fieldValidation=Warn drops konnectID)');
  assert.equal(pruned.messages[0], expected);
});

test('invalid kongservice-on-kic-cluster-type-cp.yaml: the KongService alone passes object validation', (t) => {
  // Denying it needs the referenced control plane (a cluster lookup), which is not an object rule.
  const path = sharedPath('examples', 'invalid', 'kongservice-on-kic-cluster-type-cp.yaml');
  if (!path) return t.skip(SHARED_MISSING);
  const service = load(path).docs.find((doc) => doc.kind === 'KongService');
  assert.ok(service);
  assert.deepEqual(checkManifest(service).messages, []);
});
