import { NOT_CHECKED, entitySuite, konnectRef, runCases, withSpec, type Manifest } from './entity-cases.ts';

const valid: Manifest = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongKeySet',
  metadata: { name: 'keys', namespace: 'default' },
  spec: { name: 'keys', controlPlaneRef: konnectRef },
};

runCases('KongKeySet', [
  ...entitySuite({ valid, controlPlaneRef: 'required', kicUnsupported: true, adoptNeedsKonnectRef: true }),
  { name: 'name is required', object: withSpec(valid, { name: undefined }), errors: ['spec.name: Required value', NOT_CHECKED] },
  { name: 'name must not be empty', object: withSpec(valid, { name: '' }), errors: ['spec.name: Invalid value: "": spec.name in body should be at least 1 chars long'] },
]);
