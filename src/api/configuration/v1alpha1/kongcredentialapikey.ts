// KongCredentialAPIKey v1alpha1: a key-auth credential of a KongConsumer (`key` is a secret).
import { z } from 'zod';
import { credentialKind, credentialSchema } from '../../common/credential.ts';

export const kongCredentialAPIKeyV1alpha1Schema = credentialSchema({ key: z.string() });
export type KongCredentialAPIKeyV1alpha1 = z.infer<typeof kongCredentialAPIKeyV1alpha1Schema>;

const definition = credentialKind('KongCredentialAPIKey', kongCredentialAPIKeyV1alpha1Schema);
export const kongCredentialAPIKeyV1alpha1 = definition.version;
export const kongCredentialAPIKeyKind = definition.kind;
