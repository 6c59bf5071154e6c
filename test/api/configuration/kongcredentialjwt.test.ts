import assert from 'node:assert/strict';
import { credentialManifest, runCredentialCases, SECRET } from './credential-cases.ts';
import { patched, ruleError, schemaErrors } from './kind-cases.ts';

const valid = credentialManifest('KongCredentialJWT', { key: 'issuer', secret: SECRET });
const rsaRequired = ruleError('<nil>', 'spec.rsa_public_key is required when algorithm is RS*, ES*, PS* or EdDSA*');
const publicKey = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n';

runCredentialCases('KongCredentialJWT', valid, [
  { name: 'algorithm defaults to HS256', object: valid, errors: [],
    verify: (r) => assert.equal((r.object?.spec as { algorithm: string }).algorithm, 'HS256') },
  ...['RS256', 'ES384', 'PS512', 'EdDSA'].map((algorithm) => ({
    name: `${algorithm} needs rsa_public_key`, object: patched(valid, { spec: { algorithm } }), errors: [rsaRequired],
  })),
  { name: 'RS256 with rsa_public_key is accepted', object: patched(valid, { spec: { algorithm: 'RS256', rsa_public_key: publicKey } }), errors: [] },
  { name: 'HS512 needs no public key', object: patched(valid, { spec: { algorithm: 'HS512' } }), errors: [] },
  { name: 'algorithm is an enum', object: patched(valid, { spec: { algorithm: 'none' } }),
    errors: schemaErrors('spec.algorithm: Unsupported value: "none": supported values: "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA"') },
], ['secret']);
