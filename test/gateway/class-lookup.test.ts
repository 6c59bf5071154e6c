// The offline class lookup: GatewayClasses among the run's documents (List items too) plus the
// class names the user declares managed; a document defining a class wins over the flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classLookupFromDocuments, DEFAULT_CONTROLLER_NAME, gatewayClassInfoOf } from '../../src/gateway/class-lookup.ts';
import { gatewayClass } from './helpers.ts';

test('classLookupFromDocuments: classes from documents, List items and --gateway-class names', () => {
  const ref = { group: 'gateway-operator.konghq.com', kind: 'GatewayConfiguration', name: 'gc', namespace: 'kong' };
  const lookup = classLookupFromDocuments([
    gatewayClass('v1', 'kong', { controllerName: DEFAULT_CONTROLLER_NAME, parametersRef: ref }),
    { apiVersion: 'v1', kind: 'List', items: [gatewayClass('v1beta1', 'istio', { controllerName: 'istio.io/gateway-controller' })] },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kong' } },
    { apiVersion: 'example.com/v1', kind: 'GatewayClass', metadata: { name: 'fake' }, spec: { controllerName: DEFAULT_CONTROLLER_NAME } },
    null,
    'not an object',
  ], { managedClassNames: ['declared', 'istio'] });
  assert.equal(lookup.ready(), true);
  assert.deepEqual(lookup.get('kong'), { controllerName: DEFAULT_CONTROLLER_NAME, parametersRef: ref });
  assert.deepEqual(lookup.get('istio'), { controllerName: 'istio.io/gateway-controller' }, 'the document wins over the flag');
  assert.deepEqual(lookup.get('declared'), { controllerName: DEFAULT_CONTROLLER_NAME });
  assert.equal(lookup.get('fake'), undefined, 'only gateway.networking.k8s.io GatewayClasses count');
  assert.deepEqual(lookup.names().sort(), ['declared', 'istio', 'kong']);
});

test('classLookupFromDocuments: declared names take the configured controller name', () => {
  const lookup = classLookupFromDocuments([], { managedClassNames: ['mine'], controllerName: 'example.com/kong' });
  assert.deepEqual(lookup.get('mine'), { controllerName: 'example.com/kong' });
  assert.equal(lookup.get('kong'), undefined);
});

test('gatewayClassInfoOf ignores classes without a name or controllerName', () => {
  assert.equal(gatewayClassInfoOf({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: {}, spec: { controllerName: 'a/b' } }), undefined);
  assert.equal(gatewayClassInfoOf(gatewayClass('v1', 'x', {})), undefined);
  assert.deepEqual(gatewayClassInfoOf(gatewayClass('v1', 'x', { controllerName: 'a/b' })), { name: 'x', info: { controllerName: 'a/b' } });
});
