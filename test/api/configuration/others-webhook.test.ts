// The plugin/credential/DP certificate kinds through the real HTTPS /validate endpoint: the
// captured KongPlugin requests are allowed, rule violations are denied with the apiserver's
// message, and secrets (credential fields, PEM bodies) never reach the AdmissionReview answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { configurationOtherKinds } from '../../../src/api/registry.ts';
import { registerEngineValidators } from '../../../src/webhooks/admission/engine-validators.ts';
import { ValidatorRegistry } from '../../../src/webhooks/admission/validators.ts';
import { admissionReview, startTestWebhook, type TestWebhook } from '../../support/webhook.ts';
import { sharedPath, SHARED_MISSING } from '../../support/shared.ts';
import { SECRET } from './credential-cases.ts';

let webhook: TestWebhook;
before(async () => {
  webhook = await startTestWebhook({ validators: registerEngineValidators(new ValidatorRegistry(), configurationOtherKinds) });
});
after(() => webhook.close());

function review(kind: string, version: string, object: Record<string, unknown>, oldObject: Record<string, unknown> | null = null) {
  const group = 'configuration.konghq.com';
  const metadata = object.metadata as { name: string; namespace?: string };
  return admissionReview({
    kind: { group, version, kind },
    resource: { group, version, resource: `${kind.toLowerCase()}s` },
    name: metadata.name,
    namespace: metadata.namespace,
    operation: oldObject ? 'UPDATE' : 'CREATE',
    object,
    oldObject,
  });
}

test('/validate allows the captured KongPlugin requests and denies a plugin rename', async (t) => {
  const dir = sharedPath('fixtures', 'admission');
  if (!dir) return t.skip(SHARED_MISSING);
  for (const name of ['kongplugin-create.json', 'kongplugin-update.json']) {
    const captured = JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'));
    const answer = await webhook.post('/validate', captured);
    assert.equal(answer.status, 200);
    assert.deepEqual([answer.json.response.uid, answer.json.response.allowed], [captured.request.uid, true], name);
  }
  const update = JSON.parse(readFileSync(`${dir}/kongplugin-update.json`, 'utf8'));
  update.request.object.plugin = 'key-auth';
  const denied = await webhook.post('/validate', update);
  assert.equal(denied.json.response.allowed, false);
  assert.equal(
    denied.json.response.status.message,
    'KongPlugin.configuration.konghq.com "rate-limit-5-per-minute" is invalid: <nil>: Invalid value: "object": The plugin field is immutable',
  );
});

test('/validate denies a bad basic-auth credential without echoing its password', async () => {
  const object = {
    apiVersion: 'configuration.konghq.com/v1alpha1',
    kind: 'KongCredentialBasicAuth',
    metadata: { name: 'alice-basic', namespace: 'demo' },
    spec: { consumerRef: { name: 'alice' }, password: { value: SECRET } },
  };
  const answer = await webhook.post('/validate', review('KongCredentialBasicAuth', 'v1alpha1', object));
  const response = answer.json.response;
  assert.equal(response.allowed, false);
  assert.equal(response.status.code, 422);
  assert.deepEqual(
    response.status.details.causes.map((c: { field: string }) => c.field),
    ['spec.username', 'spec.password', '<nil>'],
  );
  assert.ok(!JSON.stringify(answer.json).includes(SECRET), 'the password must not appear in the answer');
});

test('/validate denies a DP certificate that is not PEM, with the value redacted', async () => {
  const body = 'MIIBVTCB/aADAgECAhQ-this-is-not-a-certificate';
  const object = {
    apiVersion: 'configuration.konghq.com/v1alpha1',
    kind: 'KongDataPlaneClientCertificate',
    metadata: { name: 'dp', namespace: 'demo' },
    spec: { controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } }, cert: `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n` },
  };
  const answer = await webhook.post('/validate', review('KongDataPlaneClientCertificate', 'v1alpha1', object));
  assert.equal(answer.json.response.allowed, false);
  assert.equal(
    answer.json.response.status.message,
    'KongDataPlaneClientCertificate.configuration.konghq.com "dp" is invalid: spec.cert: Invalid value: "<redacted>": not a valid PEM certificate: cannot parse the X.509 certificate',
  );
  assert.ok(!JSON.stringify(answer.json).includes(body));
});
