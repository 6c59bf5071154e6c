// gateway-operator.konghq.com through the real HTTPS /validate endpoint: a DataPlane the ports
// policy denies, one a CRD rule denies, and an accepted GatewayConfiguration / ControlPlane.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { registerEngineValidators } from '../../../src/webhooks/admission/engine-validators.ts';
import { ValidatorRegistry } from '../../../src/webhooks/admission/validators.ts';
import { gatewayOperatorKinds } from '../../../src/api/registry.ts';
import { proxyListenMessage } from '../../../src/api/gateway-operator/dataplane-ports-check.ts';
import { admissionReview, startTestWebhook, type TestWebhook } from '../../support/webhook.ts';
import type { Manifest } from './cases.ts';

let hook: TestWebhook;
before(async () => {
  hook = await startTestWebhook({ validators: registerEngineValidators(new ValidatorRegistry(), gatewayOperatorKinds) });
});
after(() => hook.close());

const GROUP = 'gateway-operator.konghq.com';

function review(version: string, kind: string, resource: string, object: Manifest) {
  return admissionReview({
    kind: { group: GROUP, version, kind },
    resource: { group: GROUP, version, resource },
    name: 'example',
    object: { apiVersion: `${GROUP}/${version}`, kind, metadata: { name: 'example', namespace: 'default' }, ...object },
  });
}

const dataPlane = (env: unknown[], targetPort: number) => review('v1beta1', 'DataPlane', 'dataplanes', {
  spec: {
    deployment: { podTemplateSpec: { spec: { containers: [{ name: 'proxy', image: 'kong/kong-gateway:3.9.1.0', env }] } } },
    network: { services: { ingress: { ports: [{ name: 'http', port: 80, targetPort }] } } },
  },
});

test('gateway-operator /validate: a DataPlane whose targetPort Kong does not listen on is denied with the policy message', async () => {
  const { status, json } = await hook.post('/validate?timeout=10s', dataPlane([{ name: 'KONG_PROXY_LISTEN', value: '0.0.0.0:8000' }], 8080));
  assert.equal(status, 200);
  assert.equal(json.response.allowed, false);
  assert.equal(json.response.status.code, 422);
  assert.equal(
    json.response.status.message,
    `DataPlane.gateway-operator.konghq.com "example" is invalid: spec.network.services.ingress.ports[0].targetPort: Invalid value: 8080: ${proxyListenMessage}`,
  );
  assert.deepEqual(json.response.status.details.causes, [
    { field: 'spec.network.services.ingress.ports[0].targetPort', reason: 'FieldValueInvalid', message: `Invalid value: 8080: ${proxyListenMessage}` },
  ]);
});

test('gateway-operator /validate: a matching DataPlane is allowed; a CRD rule still denies', async () => {
  const allowed = await hook.post('/validate', dataPlane([{ name: 'KONG_PROXY_LISTEN', value: '0.0.0.0:8000' }], 8000));
  assert.equal(allowed.json.response.allowed, true);
  const denied = await hook.post('/validate', dataPlane([{ name: 'KONG_DATABASE', value: 'postgres' }], 8000));
  assert.equal(denied.json.response.allowed, false);
  assert.equal(
    denied.json.response.status.message,
    `DataPlane.gateway-operator.konghq.com "example" is invalid: <nil>: Invalid value: "object": DataPlane supports only db mode 'off'`,
  );
});

test('gateway-operator /validate: both GatewayConfiguration versions and ControlPlane v2beta1 are served', async () => {
  const v1 = await hook.post('/validate', review('v1beta1', 'GatewayConfiguration', 'gatewayconfigurations', {
    spec: { dataPlaneOptions: { extensions: [{ kind: 'KonnectExtension', name: 'k' }] } },
  }));
  assert.equal(v1.json.response.allowed, false);
  assert.match(v1.json.response.status.message, /spec: Invalid value: "object": KonnectExtension must be set at the Gateway level/);
  const v2 = await hook.post('/validate', review('v2beta1', 'GatewayConfiguration', 'gatewayconfigurations', { spec: { konnect: { source: 'Origin' } } }));
  assert.equal(v2.json.response.allowed, true);
  const cp = await hook.post('/validate', review('v2beta1', 'ControlPlane', 'controlplanes', { spec: { dataplane: { type: 'ref', ref: { name: 'dp' } } } }));
  assert.equal(cp.json.response.allowed, false);
  assert.match(cp.json.response.status.message, /spec: Invalid value: "object": When dataplane target is of type 'ref' the ingressClass must be set/);
});
