// KongCredentialHMAC v1alpha1: an hmac-auth credential of a KongConsumer (`secret` is a secret).
import { z } from 'zod';
import { credentialKind, credentialSchema } from '../../common/credential.ts';

export const kongCredentialHMACV1alpha1Schema = credentialSchema({
  id: z.string().optional(),
  secret: z.string().optional(),
  username: z.string(),
});
export type KongCredentialHMACV1alpha1 = z.infer<typeof kongCredentialHMACV1alpha1Schema>;

const definition = credentialKind('KongCredentialHMAC', kongCredentialHMACV1alpha1Schema);
export const kongCredentialHMACV1alpha1 = definition.version;
export const kongCredentialHMACKind = definition.kind;
