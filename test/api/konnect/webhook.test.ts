// konnect.konghq.com through the real HTTPS /validate endpoint with every engine validator:
// allowed, denied with kube-apiserver's message, warnings passed on, the token never echoed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { registerEngineValidators } from '../../../src/webhooks/admission/engine-validators.ts';
import { ValidatorRegistry } from '../../../src/webhooks/admission/validators.ts';
import { admissionReview, startTestWebhook, type TestWebhook } from '../../support/webhook.ts';
import type { Manifest } from './cases.ts';

const SECRET_PART = 'abc123notAToken';
let hook: TestWebhook;
before(async () => {
  hook = await startTestWebhook({ validators: registerEngineValidators(new ValidatorRegistry()) });
});
after(() => hook.close());

function review(object: Manifest, resource: string, operation = 'CREATE', oldObject: Manifest | null = null) {
  const [group, version] = String(object.apiVersion).split('/');
  const metadata = object.metadata as { name: string; namespace: string };
  return admissionReview({
    kind: { group, version, kind: object.kind },
    resource: { group, version, resource },
    name: metadata.name,
    namespace: metadata.namespace,
    operation,
    object,
    oldObject,
  });
}

const auth = (spec: Manifest): Manifest => ({
  apiVersion: 'konnect.konghq.com/v1alpha1',
  kind: 'KonnectAPIAuthConfiguration',
  metadata: { name: 'konnect-api-auth', namespace: 'default' },
  spec: { type: 'token', serverURL: 'us.api.konghq.com', ...spec },
});

test('konnect /validate: a v1alpha1 control plane is allowed', async () => {
  const object = {
    apiVersion: 'konnect.konghq.com/v1alpha1',
    kind: 'KonnectGatewayControlPlane',
    metadata: { name: 'gateway-control-plane', namespace: 'default' },
    spec: { name: 'konnect-cp-crd', konnect: { authRef: { name: 'konnect-api-auth' } } },
  };
  const { status, json } = await hook.post('/validate', review(object, 'konnectgatewaycontrolplanes'));
  assert.equal(status, 200);
  assert.equal(json.response.allowed, true);
});

test('konnect /validate: a bad token is denied with the apiserver message and never echoed', async () => {
  const { status, json } = await hook.post('/validate', review(auth({ token: SECRET_PART }), 'konnectapiauthconfigurations'));
  assert.equal(status, 200);
  assert.equal(json.response.allowed, false);
  assert.equal(json.response.status.code, 422);
  assert.equal(
    json.response.status.message,
    'KonnectAPIAuthConfiguration.konnect.konghq.com "konnect-api-auth" is invalid: <nil>: Invalid value: "object": Konnect tokens have to start with spat_ or kpat_',
  );
  assert.ok(!JSON.stringify(json).includes(SECRET_PART));
});

test('konnect /validate: an immutable serverURL change on UPDATE is denied', async () => {
  const old = auth({ token: 'kpat_x' });
  const { json } = await hook.post('/validate', review(auth({ token: 'kpat_x', serverURL: 'eu.api.konghq.com' }), 'konnectapiauthconfigurations', 'UPDATE', old));
  assert.equal(json.response.allowed, false);
  assert.match(json.response.status.message, /spec\.serverURL: Invalid value: "string": Server URL is immutable$/);
});

test('konnect /validate: a serverURL without a region is allowed with a warning', async () => {
  const { json } = await hook.post('/validate', review(auth({ token: 'kpat_x', serverURL: 'api.konghq.com' }), 'konnectapiauthconfigurations'));
  assert.equal(json.response.allowed, true);
  assert.deepEqual(json.response.warnings, [
    'spec.serverURL: "api" is not a Konnect region: the first DNS label must be "global" or a two-letter region code (us, eu, au, me, in)',
  ]);
});

test('konnect /validate: KonnectExtension v1alpha1 is validated (kongward serves it)', async () => {
  const object = {
    apiVersion: 'konnect.konghq.com/v1alpha1',
    kind: 'KonnectExtension',
    metadata: { name: 'ext', namespace: 'default' },
    spec: { konnect: { controlPlane: { ref: {} } } },
  };
  const { json } = await hook.post('/validate', review(object, 'konnectextensions'));
  assert.equal(json.response.allowed, false);
  assert.equal(
    json.response.status.message,
    'KonnectExtension.konnect.konghq.com "ext" is invalid: spec.konnect.controlPlane.ref: Invalid value: "object": kic type not supported as controlPlaneRef.',
  );
});
