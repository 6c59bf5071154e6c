import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { credentialManifest, runCredentialCases, SECRET } from './credential-cases.ts';
import { patched, ruleError, schemaErrors } from './kind-cases.ts';

const valid = credentialManifest('KongCredentialJWT', { key: 'issuer', secret: SECRET });
const rsaRequired = ruleError('<nil>', 'spec.rsa_public_key is required when algorithm is RS*, ES*, PS* or EdDSA*');
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicKey = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const rsaPkcs1 = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const rs256 = (rsa_public_key: string) => patched(valid, { spec: { algorithm: 'RS256', rsa_public_key } });

runCredentialCases('KongCredentialJWT', valid, [
  { name: 'algorithm defaults to HS256', object: valid, errors: [],
    verify: (r) => assert.equal((r.object?.spec as { algorithm: string }).algorithm, 'HS256') },
  ...['RS256', 'ES384', 'PS512', 'EdDSA'].map((algorithm) => ({
    name: `${algorithm} needs rsa_public_key`, object: patched(valid, { spec: { algorithm } }), errors: [rsaRequired],
  })),
  { name: 'RS256 with an SPKI public key is accepted', object: rs256(publicKey), errors: [] },
  { name: 'RS256 with a PKCS#1 RSA public key is accepted', object: rs256(rsaPkcs1), errors: [] },
  { name: 'rsa_public_key must be PEM', object: rs256('not a key'),
    errors: ['spec.rsa_public_key: Invalid value: "<redacted>": not a valid PEM public key: no PEM block found'] },
  { name: 'rsa_public_key must parse', object: rs256(publicKey.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA')),
    errors: ['spec.rsa_public_key: Invalid value: "<redacted>": not a valid PEM public key: cannot parse the public key'] },
  { name: 'HS256 ignores rsa_public_key', object: patched(valid, { spec: { rsa_public_key: 'ignored' } }), errors: [] },
  { name: 'HS512 needs no public key', object: patched(valid, { spec: { algorithm: 'HS512' } }), errors: [] },
  { name: 'algorithm is an enum', object: patched(valid, { spec: { algorithm: 'none' } }),
    errors: schemaErrors('spec.algorithm: Unsupported value: "none": supported values: "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA"') },
], ['secret']);
