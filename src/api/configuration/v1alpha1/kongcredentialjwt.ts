// KongCredentialJWT v1alpha1: a jwt credential of a KongConsumer (`secret` is a secret).
// Asymmetric algorithms need `rsa_public_key`.
import { z } from 'zod';
import { cel } from '../../kit.ts';
import { credentialKind, credentialSchema } from '../../common/credential.ts';

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

const definition = credentialKind('KongCredentialJWT', kongCredentialJWTV1alpha1Schema);
export const kongCredentialJWTV1alpha1 = definition.version;
export const kongCredentialJWTKind = definition.kind;
