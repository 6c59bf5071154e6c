// KongConsumer v1: a Kong consumer, served by KIC (no controlPlaneRef, or type kic) or by a
// Konnect control plane (Kong Operator v2.2.3). username, custom_id and the credential and group
// lists sit at the top level, beside spec (KIC heritage).
import { z } from 'zod';
import { cel, listSet, resource, withRules } from '../../kit.ts';
import {
  adoptNeedsKonnectRefRule,
  adoptOptions,
  adoptSetOnceRule,
  controlPlaneRef,
  konnectEntityStatus,
  tags,
} from '../../common/konnect-entity.ts';
import {
  controlPlaneRefImmutableWhenProgrammedOptionalSpecRule,
  controlPlaneRefRequiredOnceSetOptionalSpecRule,
} from '../../common/control-plane-ref-rule-variants.ts';
import { conditions, programmedPending } from '../../common/conditions.ts';
import { ageColumn, programmedKicColumn } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

/** Status of the KIC-origin consumer kinds: conditions (at most 8, no minimum) and konnect IDs. */
export const kicOriginEntityStatus = z
  .object({
    conditions: conditions({ maxItems: 8 }).optional(),
    konnect: konnectEntityStatus().optional(),
  })
  .default(programmedPending as never);

export const kongConsumerV1Schema = resource({
  extra: {
    consumerGroups: listSet(z.string()).optional(),
    credentials: listSet(z.string()).optional(),
    custom_id: z
      .string()
      .max(128)
      .regex(/^[0-9a-zA-Z.\-_~\(\)#%@|+\[\]]*(?: [0-9a-zA-Z.\-_~\(\)#%@|+\[\]]+)*$/)
      .optional(),
    username: z
      .string()
      .max(128)
      .regex(/^[\p{L}\p{N}.\-_~+@\/\[\]]*(?: [\p{L}\p{N}.\-_~+@\/\[\]]+)*$/u)
      .optional(),
  },
  spec: withRules(
    z.object({
      adopt: adoptOptions.optional(),
      controlPlaneRef: controlPlaneRef.optional(),
      tags: tags.optional(),
    }),
    adoptNeedsKonnectRefRule,
    adoptSetOnceRule,
  ),
  status: kicOriginEntityStatus,
  rules: [
    cel('has(self.username) || has(self.custom_id)', 'Need to provide either username or custom_id'),
    controlPlaneRefRequiredOnceSetOptionalSpecRule,
    controlPlaneRefImmutableWhenProgrammedOptionalSpecRule,
  ],
});
export type KongConsumerV1 = z.infer<typeof kongConsumerV1Schema>;

export const kongConsumerV1: VersionDefinition = {
  name: 'v1',
  served: true,
  storage: true,
  schema: kongConsumerV1Schema,
  printerColumns: [
    { name: 'Username', type: 'string', jsonPath: '.username', description: 'Username of a Kong Consumer' },
    ageColumn,
    programmedKicColumn,
  ],
  subresources: { status: true },
};

export const kongConsumerKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongConsumer',
  plural: 'kongconsumers',
  singular: 'kongconsumer',
  listKind: 'KongConsumerList',
  scope: 'Namespaced',
  shortNames: ['kc'],
  categories: ['kong'],
  versions: [kongConsumerV1],
};
