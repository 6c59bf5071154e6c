// KongCredentialJWT v1alpha1: a jwt credential of a KongConsumer (`secret` is a secret).
// Asymmetric algorithms need `rsa_public_key`, which Kong loads as a key (checked here too).
import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { cel } from '../../kit.ts';
import { credentialKind, credentialSchema } from '../../common/credential.ts';
import { invalidPem } from '../../common/pem.ts';
import type { ObjectCheck } from '../../types.ts';

export const jwtAlgorithms = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA'] as const;

export const kongCredentialJWTV1alpha1Schema = credentialSchema(
  {
    algorithm: z.enum(jwtAlgorithms).default('HS256'),
    id: z.string().optional(),
    key: z.string().optional(),
    rsa_public_key: z.string().optional(),
    secret: z.string().optional(),
  },
  [
    cel(
      "self.spec.algorithm in [ 'RS256','RS384','RS512','ES256','ES384','ES512','PS256','PS384','PS512','EdDSA', ] ? has(self.spec.rsa_public_key) : true",
      'spec.rsa_public_key is required when algorithm is RS*, ES*, PS* or EdDSA*',
    ),
  ],
);
export type KongCredentialJWTV1alpha1 = z.infer<typeof kongCredentialJWTV1alpha1Schema>;

const asymmetric = new Set<string>(jwtAlgorithms.filter((a) => !a.startsWith('HS')));

/**
 * Kong rejects an asymmetric JWT credential whose `rsa_public_key` it cannot load as a key
 * (PEM public key, PKCS#1 RSA public key or certificate). HS* algorithms ignore the field.
 */
export const jwtPublicKeyCheck: ObjectCheck = ({ object }) => {
  const spec = object.spec as { algorithm?: string; rsa_public_key?: unknown } | undefined;
  if (!spec || !asymmetric.has(spec.algorithm ?? '') || typeof spec.rsa_public_key !== 'string') return {};
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(spec.rsa_public_key)) {
    return { errors: [invalidPem('spec.rsa_public_key', 'public key', 'no PEM block found')] };
  }
  try {
    createPublicKey(spec.rsa_public_key);
    return {};
  } catch {
    return { errors: [invalidPem('spec.rsa_public_key', 'public key', 'cannot parse the public key')] };
  }
};

const definition = credentialKind('KongCredentialJWT', kongCredentialJWTV1alpha1Schema, [jwtPublicKeyCheck]);
export const kongCredentialJWTV1alpha1 = definition.version;
export const kongCredentialJWTKind = definition.kind;
