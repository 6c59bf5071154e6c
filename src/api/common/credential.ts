// What the KongCredential* kinds share: consumerRef, adopt, tags, the consumerRef rule and
// status (konnect IDs plus consumerID). Each kind adds its own secret-bearing fields.
import { z } from 'zod';
import { atomicStruct, cel, resource, withRules, type CelRule } from '../kit.ts';
import type { KindDefinition, ObjectCheck, VersionDefinition } from '../types.ts';
import { adoptOptions, adoptSetOnceRule, entityStatus, konnectEntityStatus, tags } from './konnect-entity.ts';
import { konnectEntityColumns } from './printer-columns.ts';

/** `spec.consumerRef`: a LocalObjectReference (atomic, `name` defaults to ""). */
export const consumerRef = atomicStruct(z.object({ name: z.string().default('') }));

export const consumerRefImmutableWhenProgrammedRule = cel(
  "(!self.status.conditions.exists(c, c.type == 'Programmed' && c.status == 'True')) ? true : oldSelf.spec.consumerRef == self.spec.consumerRef",
  'spec.consumerRef is immutable when an entity is already Programmed',
);

/** The full object schema of a credential kind with its own spec fields and extra root rules. */
export function credentialSchema<Fields extends z.ZodRawShape>(fields: Fields, extraRootRules: CelRule[] = []) {
  return resource({
    spec: withRules(
      z.object({
        adopt: adoptOptions.optional(),
        consumerRef,
        ...fields,
        tags: tags.optional(),
      }),
      adoptSetOnceRule,
    ),
    status: entityStatus(konnectEntityStatus({ consumerID: z.string().optional() })),
    required: ['spec'],
    rules: [consumerRefImmutableWhenProgrammedRule, ...extraRootRules],
  });
}

/** KindDefinition of a credential kind (`KongCredentialACL` -> plural `kongcredentialacls`). */
export function credentialKind(
  kind: string,
  schema: z.ZodType,
  checks: ObjectCheck[] = [],
): { version: VersionDefinition; kind: KindDefinition } {
  const version: VersionDefinition = {
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema,
    printerColumns: konnectEntityColumns,
    subresources: { status: true },
    ...(checks.length ? { checks } : {}),
  };
  const singular = kind.toLowerCase();
  return {
    version,
    kind: {
      group: 'configuration.konghq.com',
      kind,
      plural: `${singular}s`,
      singular,
      listKind: `${kind}List`,
      scope: 'Namespaced',
      categories: ['kong'],
      versions: [version],
    },
  };
}
