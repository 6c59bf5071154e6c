// GatewayClass (v1 and v1beta1): the upstream rules through the engine (controllerName form and
// immutability, parametersRef shape, description length) and the status default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest } from '../../support/validate.ts';

type Json = Record<string, any>;
const NOT_CHECKED = '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';
const CONTROLLER_RE = String.raw`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$`;

function gatewayClass(version: string, spec: Json): Json {
  return { apiVersion: `gateway.networking.k8s.io/${version}`, kind: 'GatewayClass', metadata: { name: 'kong' }, spec };
}

for (const version of ['v1', 'v1beta1']) {
  test(`GatewayClass ${version}: schema rules`, () => {
    const cases: Array<[string, Json, string[]]> = [
      ['valid, with parameters', { controllerName: 'konghq.com/gateway-operator', description: 'Kong', parametersRef: { group: 'gateway-operator.konghq.com', kind: 'GatewayConfiguration', name: 'c', namespace: 'kong' } }, []],
      ['controllerName without a path', { controllerName: 'konghq.com' },
        [`spec.controllerName: Invalid value: "konghq.com": spec.controllerName in body should match '${CONTROLLER_RE}'`]],
      ['no controllerName', {}, ['spec.controllerName: Required value', NOT_CHECKED]],
      ['description over 64 characters', { controllerName: 'a.io/b', description: 'x'.repeat(65) },
        ['spec.description: Too long: may not be more than 64 bytes', NOT_CHECKED]],
      ['parametersRef without kind', { controllerName: 'a.io/b', parametersRef: { group: 'g.io', name: 'n' } },
        ['spec.parametersRef.kind: Required value', NOT_CHECKED]],
      ['parametersRef namespace with upper case', { controllerName: 'a.io/b', parametersRef: { group: '', kind: 'ConfigMap', name: 'n', namespace: 'Kong' } },
        [`spec.parametersRef.namespace: Invalid value: "Kong": spec.parametersRef.namespace in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'`]],
    ];
    for (const [name, spec, expected] of cases) assert.deepEqual(checkManifest(gatewayClass(version, spec)).messages, expected, name);
  });

  test(`GatewayClass ${version}: controllerName is immutable on UPDATE`, () => {
    const old = gatewayClass(version, { controllerName: 'konghq.com/gateway-operator' });
    assert.deepEqual(checkManifest(gatewayClass(version, { controllerName: 'example.com/other' }), { oldObject: old }).messages,
      ['spec.controllerName: Invalid value: "string": Value is immutable']);
    assert.deepEqual(checkManifest(gatewayClass(version, { controllerName: 'konghq.com/gateway-operator', description: 'now described' }), { oldObject: old }).messages, []);
    // CREATE has no old value: the transition rule does not apply.
    assert.deepEqual(checkManifest(gatewayClass(version, { controllerName: 'example.com/other' })).messages, []);
  });

  test(`GatewayClass ${version}: status starts Accepted=Unknown/Pending`, () => {
    const result = checkManifest(gatewayClass(version, { controllerName: 'konghq.com/gateway-operator' }));
    assert.deepEqual((result.object?.status as Json).conditions, [
      { lastTransitionTime: '1970-01-01T00:00:00Z', message: 'Waiting for controller', reason: 'Pending', status: 'Unknown', type: 'Accepted' },
    ]);
  });
}
