// KongPluginInstallation v1alpha1: image required, pull-secret reference bounds and defaults. The
// CRD has no CEL rules, so schema errors come without the apiserver's "rules were not checked" line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest } from '../../support/validate.ts';
import { at, runCases, type Manifest } from './cases.ts';

const manifest = (spec: Manifest): Manifest => ({
  apiVersion: 'gateway-operator.konghq.com/v1alpha1',
  kind: 'KongPluginInstallation',
  metadata: { name: 'custom-plugin', namespace: 'default' },
  spec,
});
const image = 'registry.example.com/kong/plugins/myheader:1.0.0';

runCases('KongPluginInstallation v1alpha1', [
  { name: 'an image', object: manifest({ image }), errors: [] },
  { name: 'a private image with a pull secret', object: manifest({ image, imagePullSecretRef: { name: 'regcred', namespace: 'kong' } }), errors: [] },
  { name: 'image is required', object: manifest({}), errors: ['spec.image: Required value'] },
  { name: 'pull secret needs a name', object: manifest({ image, imagePullSecretRef: {} }), errors: ['spec.imagePullSecretRef.name: Required value'] },
  {
    name: 'pull secret namespace is a DNS label',
    object: manifest({ image, imagePullSecretRef: { name: 'regcred', namespace: 'Kong_System' } }),
    errors: [`spec.imagePullSecretRef.namespace: Invalid value: "Kong_System": spec.imagePullSecretRef.namespace in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'`],
  },
  {
    name: 'pull secret kind syntax',
    object: manifest({ image, imagePullSecretRef: { name: 'regcred', kind: '1Secret' } }),
    errors: [`spec.imagePullSecretRef.kind: Invalid value: "1Secret": spec.imagePullSecretRef.kind in body should match '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$'`],
  },
]);

test('KongPluginInstallation v1alpha1: pull secret group and kind default to core Secret', () => {
  const result = checkManifest(manifest({ image, imagePullSecretRef: { name: 'regcred' } }));
  assert.deepEqual(result.messages, []);
  assert.deepEqual(at(result, 'spec', 'imagePullSecretRef'), { name: 'regcred', group: '', kind: 'Secret' });
});
