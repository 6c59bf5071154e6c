// DataPlaneMetricsExtension v1alpha1: required selector, list-map names, defaulted flags. The CRD
// has no CEL rules, so schema errors come without the apiserver's "rules were not checked" line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest } from '../../support/validate.ts';
import { at, runCases, type Manifest } from './cases.ts';

const manifest = (spec?: Manifest): Manifest => ({
  apiVersion: 'gateway-operator.konghq.com/v1alpha1',
  kind: 'DataPlaneMetricsExtension',
  metadata: { name: 'metrics', namespace: 'default' },
  ...(spec ? { spec } : {}),
});
const selector = { matchNames: [{ name: 'httpbin' }] };

runCases('DataPlaneMetricsExtension v1alpha1', [
  { name: 'a service selector', object: manifest({ serviceSelector: selector }), errors: [] },
  { name: 'serviceSelector is required', object: manifest({ config: { latency: true } }), errors: ['spec.serviceSelector: Required value'] },
  { name: 'matchNames is required', object: manifest({ serviceSelector: {} }), errors: ['spec.serviceSelector.matchNames: Required value'] },
  {
    name: 'matchNames are unique by name',
    object: manifest({ serviceSelector: { matchNames: [{ name: 'a' }, { name: 'a' }] } }),
    errors: ['spec.serviceSelector.matchNames[1]: Duplicate value: map[string]interface {}{"name":"a"}'],
  },
  {
    name: 'metric flags are booleans',
    object: manifest({ serviceSelector: selector, config: { latency: 'yes' } }),
    errors: ['spec.config.latency: Invalid value: "string": spec.config.latency in body must be of type boolean: "string"'],
  },
]);

test('DataPlaneMetricsExtension v1alpha1: unset metric flags default to false', () => {
  const result = checkManifest(manifest({ serviceSelector: selector, config: { latency: true } }));
  assert.deepEqual(result.messages, []);
  assert.deepEqual(at(result, 'spec', 'config'), { bandwidth: false, latency: true, statusCode: false, upstreamHealth: false });
});
