// KongKeySet v1alpha1: a named set of KongKeys in a Konnect control plane (Kong Operator v2.2.3).
import { z } from 'zod';
import { resource, withRules } from '../../kit.ts';
import {
  adoptNeedsKonnectRefRule,
  adoptOptions,
  adoptSetOnceRule,
  controlPlaneRef,
  entityStatus,
  kicNotSupportedRule,
  konnectEntityStatus,
  tags,
} from '../../common/konnect-entity.ts';
import { controlPlaneRefImmutableWhenProgrammedStatusRule } from '../../common/control-plane-ref-rule-variants.ts';
import { konnectEntityColumns } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

export const kongKeySetV1alpha1Schema = resource({
  spec: withRules(
    z.object({
      adopt: adoptOptions.optional(),
      controlPlaneRef,
      name: z.string().min(1),
      tags: tags.optional(),
    }),
    kicNotSupportedRule,
    adoptNeedsKonnectRefRule,
    adoptSetOnceRule,
  ),
  status: entityStatus(konnectEntityStatus()),
  required: ['spec'],
  // Unlike its siblings, KongKeySet has no "required once set" rule (controlPlaneRef is required).
  rules: [controlPlaneRefImmutableWhenProgrammedStatusRule],
});
export type KongKeySetV1alpha1 = z.infer<typeof kongKeySetV1alpha1Schema>;

export const kongKeySetV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongKeySetV1alpha1Schema,
  printerColumns: konnectEntityColumns,
  subresources: { status: true },
};

export const kongKeySetKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongKeySet',
  plural: 'kongkeysets',
  singular: 'kongkeyset',
  listKind: 'KongKeySetList',
  scope: 'Namespaced',
  categories: ['kong'],
  versions: [kongKeySetV1alpha1],
};
