// Every AdmissionReview captured from a real kube-apiserver goes through the real HTTPS server
// with all registered validators and gets a well-formed answer. They are the requests a
// cluster really sends for valid objects, so every one must be allowed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { registerEngineValidators } from '../../src/webhooks/admission/engine-validators.ts';
import { ValidatorRegistry } from '../../src/webhooks/admission/validators.ts';
import { SHARED_MISSING, sharedPath } from '../support/shared.ts';
import { startTestWebhook, type TestWebhook } from '../support/webhook.ts';

const NAIVELY_CONVERTED = new Set(['konnectgatewaycontrolplane-create-as-v1alpha1-matchpolicy-equivalent.json']);
const dir = sharedPath('fixtures', 'admission');
let hook: TestWebhook | undefined;
before(async () => {
  if (dir) hook = await startTestWebhook({ validators: registerEngineValidators(new ValidatorRegistry()) });
});
after(() => hook?.close());

test('captured AdmissionReviews get well-formed answers and are allowed', async (t) => {
  if (!dir || !hook) {
    t.skip(SHARED_MISSING);
    return;
  }
  const webhook: TestWebhook = hook;
  const denied: string[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  assert.ok(files.length >= 60, `found ${files.length} fixtures`);
  for (const file of files) {
    const review = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const { status, json }: { status: number; json: any } = await webhook.post('/validate?timeout=10s', review, { 'user-agent': 'kube-apiserver-admission' });
    assert.equal(status, 200, file);
    assert.equal(json.apiVersion, review.apiVersion, file);
    assert.equal(json.kind, 'AdmissionReview', file);
    assert.equal(json.response.uid, review.request.uid, file);
    if (NAIVELY_CONVERTED.has(file)) {
      // The capture server's conversion only rewrote apiVersion, so this v1alpha2 object still
      // has v1alpha1's top-level spec.name and lacks spec.createControlPlaneRequest (see the
      // fixtures README). With a real conversion it would be valid; as captured it is not.
      assert.match(json.response.status?.message ?? '', /spec\.createControlPlaneRequest must be set for type Origin/, file);
      continue;
    }
    if (json.response.allowed !== true) denied.push(`${file}: ${json.response.status?.message}`);
  }
  assert.deepEqual(denied, []);
});
