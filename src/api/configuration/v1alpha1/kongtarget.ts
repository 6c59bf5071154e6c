// KongTarget v1alpha1: a target (host:port and weight) of a KongUpstream (Kong Operator v2.2.3).
import { z } from 'zod';
import { cel, k8s, resource, withRules } from '../../kit.ts';
import { adoptOptions, adoptSetOnceRule, entityStatus, konnectEntityStatus, namespacedRef, tags } from '../../common/konnect-entity.ts';
import { konnectEntityColumns } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

export const kongTargetV1alpha1Schema = resource({
  // `weight` is both required and defaulted in the CRD; zod counts a defaulted key as optional.
  spec: k8s(
    withRules(
      z.object({
        adopt: adoptOptions.optional(),
        tags: tags.optional(),
        target: z.string(),
        upstreamRef: namespacedRef,
        weight: z.int().min(0).max(65535).default(100),
      }),
      adoptSetOnceRule,
    ),
    { openapi: { required: ['target', 'upstreamRef', 'weight'] } },
  ),
  status: entityStatus(konnectEntityStatus({ upstreamID: z.string().optional() })),
  required: ['spec'],
  rules: [cel('oldSelf.spec.upstreamRef == self.spec.upstreamRef', 'spec.upstreamRef is immutable')],
});
export type KongTargetV1alpha1 = z.infer<typeof kongTargetV1alpha1Schema>;

export const kongTargetV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongTargetV1alpha1Schema,
  printerColumns: konnectEntityColumns,
  subresources: { status: true },
};

export const kongTargetKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongTarget',
  plural: 'kongtargets',
  singular: 'kongtarget',
  listKind: 'KongTargetList',
  scope: 'Namespaced',
  categories: ['kong'],
  versions: [kongTargetV1alpha1],
};
