import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { renewMaterial } from '../../src/certs/authority.ts';
import { caBundleField, caSecretData, materialFromSecrets, servingSecretData, tlsSecretManifest } from '../../src/certs/secret-layout.ts';
import { planRenewal } from '../../src/certs/renewal.ts';
import { T0, keyPool } from './support.ts';

test('material survives the round trip through the serving and CA Secrets', async () => {
  const { material } = await renewMaterial(undefined, { service: 's', namespace: 'n', keys: keyPool() }, T0);
  const serving = servingSecretData(material);
  const ca = caSecretData(material);
  assert.equal(Buffer.from(serving['ca.crt']!, 'base64').toString(), material.caBundle);
  assert.equal(Buffer.from(ca['tls.crt']!, 'base64').toString(), material.caCert);
  assert.deepEqual(materialFromSecrets(serving, ca), material);
  const plan = planRenewal(materialFromSecrets(serving, ca), T0);
  assert.deepEqual([plan.renewCa, plan.renewLeaf], [false, false]);
  // Only the serving Secret: the CA key is missing, so a self-managing writer must regenerate the CA.
  assert.equal(planRenewal(materialFromSecrets(serving, undefined), T0).renewCa, true);
  assert.equal(caBundleField(material.caBundle), serving['ca.crt']);
  const manifest = parse(tlsSecretManifest({ name: 'x', namespace: 'n', data: serving }));
  assert.deepEqual(manifest, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'n' }, type: 'kubernetes.io/tls', data: serving });
});
