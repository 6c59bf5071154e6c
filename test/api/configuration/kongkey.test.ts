import { generateKeyPairSync } from 'node:crypto';
import { NOT_CHECKED, entitySuite, konnectRef, runCases, withSpec, type Manifest } from './entity-cases.ts';

function ecPair(): { public_key: string; private_key: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    public_key: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
const pem = ecPair();
const other = ecPair();

const valid: Manifest = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongKey',
  metadata: { name: 'key', namespace: 'default' },
  spec: { kid: 'key-1', pem, controlPlaneRef: konnectRef },
};
const withJwk = withSpec(valid, { pem: undefined, jwk: '{"kty":"oct","kid":"key-1","k":"c2VjcmV0"}' });
const rule = (message: string) => `spec: Invalid value: "object": ${message}`;

runCases('KongKey', [
  ...entitySuite({ valid, controlPlaneRef: 'optional', kicUnsupported: true, adoptNeedsKonnectRef: true }),
  { name: 'a JWK key', object: withJwk, errors: [] },
  { name: 'in a key set by name', object: withSpec(valid, { keySetRef: { type: 'namespacedRef', namespacedRef: { name: 'set' } } }), errors: [] },
  { name: 'in a key set by Konnect ID', object: withSpec(valid, { keySetRef: { type: 'konnectID', konnectID: 'abc' } }), errors: [] },
  { name: 'neither jwk nor pem', object: withSpec(valid, { pem: undefined }), errors: [rule("Either 'jwk' or 'pem' must be set")] },
  { name: 'kid is required', object: withSpec(valid, { kid: undefined }), errors: ['spec.kid: Required value', NOT_CHECKED] },
  {
    name: 'keySetRef namespacedRef type needs namespacedRef',
    object: withSpec(valid, { keySetRef: { type: 'namespacedRef' } }),
    errors: ['spec.keySetRef: Invalid value: "object": when type is namespacedRef, namespacedRef must be set'],
  },
  {
    name: 'keySetRef konnectID type needs konnectID',
    object: withSpec(valid, { keySetRef: { type: 'konnectID' } }),
    errors: ['spec.keySetRef: Invalid value: "object": when type is konnectID, konnectID must be set'],
  },
  {
    name: 'pem needs both halves',
    object: withSpec(valid, { pem: { public_key: pem.public_key } }),
    errors: ['spec.pem.private_key: Required value', NOT_CHECKED],
  },
  {
    name: 'public_key is not PEM',
    object: withSpec(valid, { pem: { ...pem, public_key: 'abc' } }),
    errors: ['spec.pem.public_key: Invalid value: "<redacted>": not a valid PEM public key: no PEM block found'],
  },
  {
    name: 'public_key holds the private key',
    object: withSpec(valid, { pem: { ...pem, public_key: pem.private_key } }),
    errors: ['spec.pem.public_key: Invalid value: "<redacted>": not a valid PEM public key: expected exactly one "PUBLIC KEY" PEM block'],
  },
  {
    name: 'public_key body is corrupt',
    object: withSpec(valid, { pem: { ...pem, public_key: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n' } }),
    errors: ['spec.pem.public_key: Invalid value: "<redacted>": not a valid PEM public key: cannot parse the public key'],
  },
  {
    name: 'private_key is not PEM',
    object: withSpec(valid, { pem: { ...pem, private_key: 'hunter2' } }),
    errors: ['spec.pem.private_key: Invalid value: "<redacted>": not a valid PEM private key: no PEM block found'],
  },
  {
    name: 'public and private keys of different pairs',
    object: withSpec(valid, { pem: { ...pem, private_key: other.private_key } }),
    errors: ['spec.pem.public_key: Invalid value: "<redacted>": does not match the key pair of spec.pem.private_key'],
  },
  { name: 'jwk is not JSON', object: withSpec(withJwk, { jwk: '{kty: oct' }), errors: ['spec.jwk: Invalid value: "<redacted>": not valid JSON'] },
  { name: 'jwk is not an object', object: withSpec(withJwk, { jwk: '"oct"' }), errors: ['spec.jwk: Invalid value: "<redacted>": must be a JSON object (a JWK)'] },
]);
