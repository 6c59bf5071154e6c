import { NOT_CHECKED, entitySuite, programmed, runCases, withSpec, type Manifest } from './entity-cases.ts';

const valid: Manifest = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongSNI',
  metadata: { name: 'sni', namespace: 'default' },
  spec: { name: 'example.com', certificateRef: { name: 'cert' } },
};
const moved = withSpec(valid, { certificateRef: { name: 'other-cert' } });

runCases('KongSNI', [
  ...entitySuite({ valid }),
  { name: 'name is required', object: withSpec(valid, { name: undefined }), errors: ['spec.name: Required value', NOT_CHECKED] },
  { name: 'name must not be empty', object: withSpec(valid, { name: '' }), errors: ['spec.name: Invalid value: "": spec.name in body should be at least 1 chars long'] },
  { name: 'certificateRef is required', object: withSpec(valid, { certificateRef: undefined }), errors: ['spec.certificateRef: Required value', NOT_CHECKED] },
  {
    name: 'certificateRef cannot change once Programmed',
    object: { ...moved, status: programmed('True') },
    old: { ...valid, status: programmed('True') },
    errors: ['<nil>: Invalid value: "object": spec.certificateRef is immutable when programmed'],
  },
  { name: 'certificateRef can change before Programmed', object: { ...moved, status: programmed('False') }, old: { ...valid, status: programmed('False') }, errors: [] },
  { name: 'certificateRef can change with the default status', object: moved, old: valid, errors: [] },
]);
