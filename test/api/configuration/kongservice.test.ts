import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest } from '../../support/validate.ts';
import { NOT_CHECKED, entitySuite, konnectRef, runCases, withSpec, type Manifest } from './entity-cases.ts';

const valid: Manifest = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongService',
  metadata: { name: 'httpbin', namespace: 'default' },
  spec: { name: 'httpbin', host: 'httpbin.org', protocol: 'https', port: 443, controlPlaneRef: konnectRef },
};

runCases('KongService', [
  ...entitySuite({ valid, controlPlaneRef: 'required', kicUnsupported: true, adoptNeedsKonnectRef: true }),
  { name: 'spec is required', object: { ...valid, spec: undefined }, errors: ['spec: Required value', NOT_CHECKED] },
  {
    name: 'host is required',
    object: withSpec(valid, { host: undefined }),
    errors: [
      'spec.host: Required value',
      NOT_CHECKED,
    ],
  },
  {
    name: 'port must be an integer',
    object: withSpec(valid, { port: '443' }),
    errors: [
      'spec.port: Invalid value: "string": spec.port in body must be of type integer: "string"',
      NOT_CHECKED,
    ],
  },
  {
    name: 'caCertificateRefs need a name',
    object: withSpec(valid, { caCertificateRefs: [{ namespace: 'x' }] }),
    errors: [
      'spec.caCertificateRefs[0].name: Required value',
      NOT_CHECKED,
    ],
  },
  { name: 'spec.id cannot be set later', object: withSpec(valid, { id: 'a' }), old: valid, errors: ['<nil>: Invalid value: "object": spec.id is immutable'] },
  { name: 'spec.id cannot change', object: withSpec(valid, { id: 'b' }), old: withSpec(valid, { id: 'a' }), errors: ['<nil>: Invalid value: "object": spec.id is immutable'] },
  { name: 'spec.id unchanged', object: withSpec(valid, { id: 'a', port: 80 }), old: withSpec(valid, { id: 'a' }), errors: [] },
  {
    name: 'adopt with a konnectNamespacedRef',
    object: withSpec(valid, { adopt: { from: 'konnect', mode: 'match', konnect: { id: '7074522a-955d-4c1e-8c6c-52517b9117c2' } } }),
    errors: [],
  },
  {
    name: 'adopt with a kic control plane',
    object: withSpec(valid, { controlPlaneRef: { type: 'kic' }, adopt: { from: 'konnect', konnect: { id: 'abc' } } }),
    errors: [
      'spec: Invalid value: "object": KIC is not supported as control plane',
      'spec: Invalid value: "object": spec.adopt is allowed only when controlPlaneRef is konnectNamespacedRef',
    ],
  },
]);

test('KongService: defaults are applied (controlPlaneRef.type, status Programmed Pending)', () => {
  const result = checkManifest(withSpec(valid, { controlPlaneRef: { konnectNamespacedRef: { name: 'cp' } } }));
  const object = result.object as { spec: { controlPlaneRef: { type: string } }; status: unknown };
  assert.equal(object.spec.controlPlaneRef.type, 'kic');
  assert.deepEqual(result.messages, [
    'spec: Invalid value: "object": KIC is not supported as control plane',
    'spec.controlPlaneRef: Invalid value: "object": when type is kic, konnectNamespacedRef must not be set',
  ]);
  const accepted = checkManifest(valid).object as { status: unknown };
  assert.deepEqual(accepted.status, {
    conditions: [
      { lastTransitionTime: '1970-01-01T00:00:00Z', message: 'Waiting for controller', reason: 'Pending', status: 'Unknown', type: 'Programmed' },
    ],
  });
});

test('KongService: unknown fields are pruned, or reported in strict mode', () => {
  const manifest = withSpec(valid, { hostname: 'typo' });
  assert.deepEqual(checkManifest(manifest).messages, []);
  assert.equal((checkManifest(manifest).object as { spec: Manifest }).spec.hostname, undefined);
  const strict = checkManifest(manifest, { unknownFields: 'error' });
  assert.equal(strict.errors.length, 1);
  assert.equal(strict.errors[0]?.field, 'spec.hostname');
});
