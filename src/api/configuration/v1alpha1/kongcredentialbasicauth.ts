// KongCredentialBasicAuth v1alpha1: a basic-auth credential of a KongConsumer (`password` is a secret).
import { z } from 'zod';
import { credentialKind, credentialSchema } from '../../common/credential.ts';

export const kongCredentialBasicAuthV1alpha1Schema = credentialSchema({ password: z.string(), username: z.string() });
export type KongCredentialBasicAuthV1alpha1 = z.infer<typeof kongCredentialBasicAuthV1alpha1Schema>;

const definition = credentialKind('KongCredentialBasicAuth', kongCredentialBasicAuthV1alpha1Schema);
export const kongCredentialBasicAuthV1alpha1 = definition.version;
export const kongCredentialBasicAuthKind = definition.kind;
