// KongKey v1alpha1: a JWK or PEM key pair, optionally in a KongKeySet, in a Konnect control plane
// (Kong Operator v2.2.3). PEM keys must parse and belong together; `jwk` must be JSON. Key
// material is never echoed.
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import {
  adoptNeedsKonnectRefRule,
  adoptOptions,
  adoptSetOnceRule,
  controlPlaneRef,
  controlPlaneRefRequiredOnceSetRule,
  entityStatus,
  kicNotSupportedRule,
  konnectEntityStatus,
  tags,
} from '../../common/konnect-entity.ts';
import { controlPlaneRefImmutableWhenProgrammedStatusRule } from '../../common/control-plane-ref-rule-variants.ts';
import { REDACTED, pemPrivateKeyCheck } from '../../common/pem.ts';
import { pemPublicKeyCheck, publicKeyMatchesPrivateKeyCheck } from '../../common/pem-key-pairs.ts';
import { konnectEntityColumns } from '../../common/printer-columns.ts';
import type { KindDefinition, ObjectCheck, VersionDefinition } from '../../types.ts';
import { fieldErrors } from '../../../validation/field-error.ts';

export const keySetRef = withRules(
  z.object({
    konnectID: z.string().optional(),
    namespacedRef: z.object({ name: z.string().min(1).max(253) }).optional(),
    type: z.enum(['konnectID', 'namespacedRef']),
  }),
  cel("self.type == 'namespacedRef' ? has(self.namespacedRef) : true", 'when type is namespacedRef, namespacedRef must be set'),
  cel("self.type == 'konnectID' ? has(self.konnectID) : true", 'when type is konnectID, konnectID must be set'),
);

export const kongKeyV1alpha1Schema = resource({
  spec: withRules(
    z.object({
      adopt: adoptOptions.optional(),
      controlPlaneRef: controlPlaneRef.optional(),
      jwk: z.string().optional(),
      keySetRef: keySetRef.optional(),
      kid: z.string().min(1),
      name: z.string().optional(),
      pem: z
        .object({
          private_key: z.string().min(1),
          public_key: z.string().min(1),
        })
        .optional(),
      tags: tags.optional(),
    }),
    kicNotSupportedRule,
    adoptNeedsKonnectRefRule,
    adoptSetOnceRule,
    cel('has(self.jwk) || has(self.pem)', "Either 'jwk' or 'pem' must be set"),
  ),
  status: entityStatus(konnectEntityStatus({ keySetID: z.string().optional() })),
  required: ['spec'],
  rules: [controlPlaneRefRequiredOnceSetRule, controlPlaneRefImmutableWhenProgrammedStatusRule],
});
export type KongKeyV1alpha1 = z.infer<typeof kongKeyV1alpha1Schema>;

/** `spec.jwk`, when set, must be a JSON object (Kong decodes it); the value is redacted. */
export const jwkIsJsonCheck: ObjectCheck = ({ object }) => {
  const jwk = (object.spec as Record<string, unknown> | undefined)?.jwk;
  if (typeof jwk !== 'string') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(jwk);
  } catch {
    return { errors: [fieldErrors.invalid('spec.jwk', REDACTED, 'not valid JSON')] };
  }
  const isObject = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  return isObject ? {} : { errors: [fieldErrors.invalid('spec.jwk', REDACTED, 'must be a JSON object (a JWK)')] };
};

export const kongKeyV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongKeyV1alpha1Schema,
  printerColumns: konnectEntityColumns,
  subresources: { status: true },
  checks: [
    pemPublicKeyCheck(['spec', 'pem', 'public_key']),
    pemPrivateKeyCheck(['spec', 'pem', 'private_key']),
    publicKeyMatchesPrivateKeyCheck(['spec', 'pem', 'public_key'], ['spec', 'pem', 'private_key']),
    jwkIsJsonCheck,
  ],
};

export const kongKeyKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongKey',
  plural: 'kongkeys',
  singular: 'kongkey',
  listKind: 'KongKeyList',
  scope: 'Namespaced',
  categories: ['kong'],
  versions: [kongKeyV1alpha1],
};
