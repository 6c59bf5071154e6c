// KongConsumerGroup v1beta1: a group of KongConsumers, served by KIC or by a Konnect control
// plane (Kong Operator v2.2.3).
import { z } from 'zod';
import { resource, withRules } from '../../kit.ts';
import { adoptNeedsKonnectRefRule, adoptOptions, adoptSetOnceRule, controlPlaneRef, tags } from '../../common/konnect-entity.ts';
import {
  controlPlaneRefImmutableWhenProgrammedOptionalOldSpecRule,
  controlPlaneRefRequiredOnceSetOptionalSpecRule,
} from '../../common/control-plane-ref-rule-variants.ts';
import { ageColumn, programmedKicColumn } from '../../common/printer-columns.ts';
import { kicOriginEntityStatus } from '../v1/kongconsumer.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

export const kongConsumerGroupV1beta1Schema = resource({
  spec: withRules(
    z.object({
      adopt: adoptOptions.optional(),
      controlPlaneRef: controlPlaneRef.optional(),
      name: z
        .string()
        .max(128)
        .regex(/^[\p{N}\p{L}.\-_~]*$/u)
        .optional(),
      tags: tags.optional(),
    }),
    adoptNeedsKonnectRefRule,
    adoptSetOnceRule,
  ),
  status: kicOriginEntityStatus,
  rules: [controlPlaneRefRequiredOnceSetOptionalSpecRule, controlPlaneRefImmutableWhenProgrammedOptionalOldSpecRule],
});
export type KongConsumerGroupV1beta1 = z.infer<typeof kongConsumerGroupV1beta1Schema>;

export const kongConsumerGroupV1beta1: VersionDefinition = {
  name: 'v1beta1',
  served: true,
  storage: true,
  schema: kongConsumerGroupV1beta1Schema,
  printerColumns: [ageColumn, programmedKicColumn],
  subresources: { status: true },
};

export const kongConsumerGroupKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongConsumerGroup',
  plural: 'kongconsumergroups',
  singular: 'kongconsumergroup',
  listKind: 'KongConsumerGroupList',
  scope: 'Namespaced',
  shortNames: ['kcg'],
  categories: ['kong'],
  versions: [kongConsumerGroupV1beta1],
};
