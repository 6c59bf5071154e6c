import { runCases, entitySuite, konnectRef, withSpec, NOT_CHECKED, type Manifest } from './entity-cases.ts';

const valid: Manifest = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongRoute',
  metadata: { name: 'httpbin-rt', namespace: 'default' },
  spec: { name: 'httpbin-rt', protocols: ['http'], paths: ['/httpbin'], controlPlaneRef: konnectRef },
};
const serviceRef = { type: 'namespacedRef', namespacedRef: { name: 'httpbin-svc' } };
const onService = withSpec(valid, { controlPlaneRef: undefined, serviceRef });
const HTTP_MATCHERS = `<nil>: Invalid value: "object": If protocols has 'http', at least one of 'hosts', 'methods', 'paths' or 'headers' must be set`;

runCases('KongRoute', [
  ...entitySuite({ valid, controlPlaneRef: 'optional', kicUnsupported: true }),
  { name: 'a route on a KongService', object: onService, errors: [] },
  { name: 'both serviceRef and controlPlaneRef (allowed since KO 2)', object: withSpec(valid, { serviceRef }), errors: [] },
  { name: 'http without any matcher', object: withSpec(valid, { paths: undefined }), errors: [HTTP_MATCHERS] },
  { name: 'http with hosts only', object: withSpec(valid, { paths: undefined, hosts: ['example.com'] }), errors: [] },
  { name: 'http with methods only', object: withSpec(valid, { paths: undefined, methods: ['GET'] }), errors: [] },
  { name: 'http with headers only', object: withSpec(valid, { paths: undefined, headers: { 'x-a': ['1'] } }), errors: [] },
  { name: 'https without matchers', object: withSpec(valid, { paths: undefined, protocols: ['https'] }), errors: [] },
  { name: 'no protocols and no matchers', object: withSpec(valid, { paths: undefined, protocols: undefined }), errors: [] },
  {
    name: 'serviceRef type namespacedRef needs namespacedRef',
    object: withSpec(onService, { serviceRef: { type: 'namespacedRef' } }),
    errors: ['spec.serviceRef: Invalid value: "object": when type is namespacedRef, namespacedRef must be set'],
  },
  {
    name: 'serviceRef type must be namespacedRef',
    object: withSpec(onService, { serviceRef: { type: 'konnectID' } }),
    errors: ['spec.serviceRef.type: Unsupported value: "konnectID": supported values: "namespacedRef"', NOT_CHECKED],
  },
  {
    name: 'header values must be lists',
    object: withSpec(valid, { headers: { 'x-a': '1' } }),
    errors: ['spec.headers.x-a: Invalid value: "string": spec.headers.x-a in body must be of type array: "string"', NOT_CHECKED],
  },
  {
    name: 'adopt on a KongService route',
    object: withSpec(onService, { adopt: { from: 'konnect', konnect: { id: 'abc' } } }),
    errors: [],
  },
  {
    name: 'adopt needs a serviceRef or a konnectNamespacedRef control plane',
    object: withSpec(valid, { controlPlaneRef: undefined, adopt: { from: 'konnect', konnect: { id: 'abc' } } }),
    errors: ['spec: Invalid value: "object": spec.adopt is allowed only when serviceRef exists or controlPlaneRef is konnectNamespacedRef'],
  },
  { name: 'spec.id cannot be removed', object: valid, old: withSpec(valid, { id: 'a' }), errors: ['<nil>: Invalid value: "object": spec.id is immutable'] },
  { name: 'serviceRef can change (no transition rule since KO 2)', object: withSpec(onService, { serviceRef: { type: 'namespacedRef', namespacedRef: { name: 'other' } } }), old: onService, errors: [] },
]);
