// The user's real walkthrough must be accepted, and every invalid example the CRDs decide must
// be denied with exactly the message kube-apiserver printed (`# apiserver: denies:` header).
// Examples only a Kong webhook can decide (Gateway limits, cross-object references) are
// checked by the tests of those capabilities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { splitApiVersion } from '../src/api/registry.ts';
import { decide } from '../src/webhooks/admission/decide.ts';
import { registerEngineValidators } from '../src/webhooks/admission/engine-validators.ts';
import type { AdmissionRequest } from '../src/webhooks/admission/review.ts';
import { ValidatorRegistry } from '../src/webhooks/admission/validators.ts';
import { SHARED_MISSING, sharedPath } from './support/shared.ts';

const validators = registerEngineValidators(new ValidatorRegistry());

function requestFor(object: Record<string, unknown>, oldObject: Record<string, unknown> | null): AdmissionRequest {
  const { group, version } = splitApiVersion(String(object.apiVersion));
  const metadata = object.metadata as { name?: string; namespace?: string };
  return {
    uid: 'example',
    kind: { group, version, kind: String(object.kind) },
    name: metadata.name ?? '',
    ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
    operation: oldObject ? 'UPDATE' : 'CREATE',
    object,
    oldObject,
    dryRun: false,
  };
}

function documents(file: string): Record<string, unknown>[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, unknown>).filter(Boolean);
}

test('the walkthrough and the managed Gateway examples are accepted', async (t) => {
  const root = sharedPath('examples');
  if (!root) {
    t.skip(SHARED_MISSING);
    return;
  }
  for (const dir of ['walkthrough', 'gateway']) {
    for (const file of readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.yaml')).sort()) {
      for (const object of documents(path.join(root, dir, file))) {
        const { response } = await decide(requestFor(object, null), validators.lookup(requestFor(object, null).kind));
        assert.equal(response.allowed, true, `${dir}/${file}: ${response.status?.message}`);
      }
    }
  }
});

test('invalid examples decided by the CRDs are denied with kube-apiserver\'s exact message', async (t) => {
  const root = sharedPath('examples', 'invalid');
  if (!root) {
    t.skip(SHARED_MISSING);
    return;
  }
  let checked = 0;
  for (const file of readdirSync(root).filter((f) => f.endsWith('.yaml')).sort()) {
    const text: string = readFileSync(path.join(root, file), "utf8");
    const expected: string | undefined = /^# apiserver: denies: (.*)$/m.exec(text)?.[1];
    if (!expected || expected.includes('strict decoding error')) continue;
    const docs = documents(path.join(root, file));
    const [object, oldObject] = docs.length === 2 ? [docs[1]!, docs[0]!] : [docs[0]!, null];
    const request = requestFor(object, oldObject);
    const { response } = await decide(request, validators.lookup(request.kind));
    assert.equal(response.allowed, false, file);
    assert.equal(response.status?.message, expected, file);
    checked += 1;
  }
  assert.ok(checked >= 10, `checked ${checked} examples`);
});
