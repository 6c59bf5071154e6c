import { entitySuite, konnectRef, programmed, runCases, withSpec, type Manifest } from './entity-cases.ts';

const valid: Manifest = {
  apiVersion: 'configuration.konghq.com/v1beta1',
  kind: 'KongConsumerGroup',
  metadata: { name: 'group', namespace: 'default' },
  spec: { name: 'gold', controlPlaneRef: konnectRef },
};
const { spec: _spec, ...kicOnly } = valid;

runCases('KongConsumerGroup', [
  ...entitySuite({ valid, controlPlaneRef: 'optional', adoptNeedsKonnectRef: true }),
  { name: 'a KIC group without spec', object: kicOnly, errors: [] },
  { name: 'a unicode name', object: withSpec(valid, { name: 'grüne-1.0_~' }), errors: [] },
  {
    name: 'name with a space',
    object: withSpec(valid, { name: 'gold tier' }),
    errors: [`spec.name: Invalid value: "gold tier": spec.name in body should match '^[\\p{N}\\p{L}.\\-_~]*$'`],
  },
  {
    name: 'controlPlaneRef cannot be removed once set',
    object: withSpec(valid, { controlPlaneRef: undefined }),
    old: valid,
    errors: ['<nil>: Invalid value: "object": controlPlaneRef is required once set'],
  },
  {
    name: 'controlPlaneRef can be added to a Programmed KIC group (old object had no spec)',
    object: { ...valid, status: programmed('True') },
    old: { ...kicOnly, status: programmed('True') },
    errors: [],
  },
]);
