// KongCredentialACL v1alpha1: an ACL group membership of a KongConsumer.
import { z } from 'zod';
import { credentialKind, credentialSchema } from '../../common/credential.ts';

export const kongCredentialACLV1alpha1Schema = credentialSchema({ group: z.string() });
export type KongCredentialACLV1alpha1 = z.infer<typeof kongCredentialACLV1alpha1Schema>;

const definition = credentialKind('KongCredentialACL', kongCredentialACLV1alpha1Schema);
export const kongCredentialACLV1alpha1 = definition.version;
export const kongCredentialACLKind = definition.kind;
