import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest } from '../../support/validate.ts';
import { NOT_CHECKED, entitySuite, programmed, runCases, withSpec, type Manifest } from './entity-cases.ts';

const valid: Manifest = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongTarget',
  metadata: { name: 'target', namespace: 'default' },
  spec: { target: '10.0.0.1:8080', weight: 50, upstreamRef: { name: 'upstream' } },
};
const IMMUTABLE = '<nil>: Invalid value: "object": spec.upstreamRef is immutable';

runCases('KongTarget', [
  ...entitySuite({ valid }),
  { name: 'target is required', object: withSpec(valid, { target: undefined }), errors: ['spec.target: Required value', NOT_CHECKED] },
  { name: 'upstreamRef is required', object: withSpec(valid, { upstreamRef: undefined }), errors: ['spec.upstreamRef: Required value', NOT_CHECKED] },
  {
    name: 'weight above 65535',
    object: withSpec(valid, { weight: 65536 }),
    errors: ['spec.weight: Invalid value: 65536: spec.weight in body should be less than or equal to 65535'],
  },
  { name: 'weight below 0', object: withSpec(valid, { weight: -1 }), errors: ['spec.weight: Invalid value: -1: spec.weight in body should be greater than or equal to 0'] },
  { name: 'upstreamRef cannot change', object: withSpec(valid, { upstreamRef: { name: 'other' } }), old: valid, errors: [IMMUTABLE] },
  {
    name: 'upstreamRef cannot change even when not Programmed',
    object: { ...withSpec(valid, { upstreamRef: { name: 'other' } }), status: programmed('False') },
    old: { ...valid, status: programmed('False') },
    errors: [IMMUTABLE],
  },
  { name: 'weight can change', object: withSpec(valid, { weight: 10 }), old: valid, errors: [] },
]);

test('KongTarget: weight defaults to 100', () => {
  const result = checkManifest(withSpec(valid, { weight: undefined }));
  assert.deepEqual(result.messages, []);
  assert.equal((result.object as { spec: { weight: number } }).spec.weight, 100);
});
