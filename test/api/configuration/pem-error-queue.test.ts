// Node's KeyObject#equals on keys of different types leaves an OpenSSL error queued that made
// the next private key parse in the process fail. A mismatched KongKey must not spoil the
// validation of the next, valid one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { checkManifest } from '../../support/validate.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (key: typeof rsa.publicKey, type: 'spki' | 'pkcs8') => key.export({ type, format: 'pem' }) as string;

function kongKey(name: string, publicKey: string, privateKey: string) {
  return {
    apiVersion: 'configuration.konghq.com/v1alpha1',
    kind: 'KongKey',
    metadata: { name, namespace: 'default' },
    spec: { kid: name, pem: { public_key: publicKey, private_key: privateKey }, controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } } },
  };
}

test('a key pair of different key types is a mismatch, and the next valid KongKey still passes', () => {
  const mismatched = checkManifest(kongKey('bad', pem(rsa.publicKey, 'spki'), pem(ec.privateKey, 'pkcs8')));
  assert.equal(mismatched.messages.length, 1);
  assert.match(mismatched.messages[0]!, /does not match the key pair of spec\.pem\.private_key|does not match/);
  const valid = checkManifest(kongKey('good', pem(rsa.publicKey, 'spki'), pem(rsa.privateKey, 'pkcs8')));
  assert.deepEqual(valid.messages, []);
});
