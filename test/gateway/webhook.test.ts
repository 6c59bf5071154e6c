// Kong's Gateway rules through the real HTTPS /validate endpoint, with the engine validators
// and gatewayValidators() in one registry, as `kongward serve` wires them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { StaticGatewayClassLookup } from '../../src/gateway/class-lookup.ts';
import { admissionReview, startTestWebhook, type TestWebhook } from '../support/webhook.ts';
import { gateway, gatewayClass, gatewayRegistry, http, https } from './helpers.ts';

let hook: TestWebhook;
before(async () => {
  const classes = new StaticGatewayClassLookup([['kong', { controllerName: 'konghq.com/gateway-operator' }]]);
  hook = await startTestWebhook({ validators: gatewayRegistry(classes) });
});
after(() => hook.close());

function review(object: Record<string, any>, oldObject: Record<string, any> | null = null) {
  const [group, version] = String(object.apiVersion).split('/');
  const resource = object.kind === 'Gateway' ? 'gateways' : 'gatewayclasses';
  return admissionReview({
    kind: { group, version, kind: object.kind },
    resource: { group, version, resource },
    name: object.metadata.name,
    namespace: object.metadata.namespace,
    operation: oldObject ? 'UPDATE' : 'CREATE',
    object,
    oldObject,
  });
}

test('/validate denies a managed Gateway with a TCP listener and two certificates, one cause each', async () => {
  const object = gateway('v1', {
    listeners: [{ name: 'tcp', port: 9000, protocol: 'TCP' }, https({ tls: { certificateRefs: [{ name: 'a' }, { name: 'b' }] } })],
  });
  const { status, json } = await hook.post('/validate?timeout=10s', review(object));
  assert.equal(status, 200);
  assert.equal(json.response.uid, '705ab4f5-6393-11e8-b7cc-42010a800002');
  assert.equal(json.response.allowed, false);
  assert.equal(json.response.status.code, 422);
  assert.deepEqual(json.response.status.details.causes, [
    { field: 'spec.listeners[0].protocol', reason: 'FieldValueNotSupported', message: 'Unsupported value: "TCP": supported values: "HTTP", "HTTPS" (Kong: UnsupportedProtocol)' },
    { field: 'spec.listeners[1].tls.certificateRefs', reason: 'FieldValueTooMany', message: 'Too many: 2: Only one certificate per listener is supported.' },
  ]);
  assert.match(json.response.status.message, /^Gateway\.gateway\.networking\.k8s\.io "example" is invalid: \[spec\.listeners\[0\]\.protocol: /);
});

test('/validate allows a v1beta1 Gateway Kong serves, and warns for an unknown class', async () => {
  const ok = await hook.post('/validate', review(gateway('v1beta1', { listeners: [http(), https()] })));
  assert.deepEqual(ok.json.response, { uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true });
  const unknown = await hook.post('/validate', review(gateway('v1', { gatewayClassName: 'later', listeners: [{ name: 'udp', port: 53, protocol: 'UDP' }] })));
  assert.equal(unknown.json.response.allowed, true);
  assert.match(unknown.json.response.warnings[0], /GatewayClass "later" is not known to kongward/);
});

test('/validate enforces GatewayClass controllerName immutability and the managed parametersRef', async () => {
  const managed = gatewayClass('v1', 'kong', { controllerName: 'konghq.com/gateway-operator' });
  const changed = await hook.post('/validate', review(gatewayClass('v1', 'kong', { controllerName: 'example.com/x' }), managed));
  assert.equal(changed.json.response.allowed, false);
  assert.equal(changed.json.response.status.message, 'GatewayClass.gateway.networking.k8s.io "kong" is invalid: spec.controllerName: Invalid value: "string": Value is immutable');
  const badRef = gatewayClass('v1beta1', 'kong', { controllerName: 'konghq.com/gateway-operator', parametersRef: { group: 'gateway-operator.konghq.com', kind: 'GatewayConfiguration', name: 'c' } });
  const denied = await hook.post('/validate', review(badRef));
  assert.deepEqual(denied.json.response.status.details.causes, [
    { field: 'spec.parametersRef.namespace', reason: 'FieldValueRequired', message: 'Required value: ParametersRef must reference a namespaced resource' },
  ]);
});
