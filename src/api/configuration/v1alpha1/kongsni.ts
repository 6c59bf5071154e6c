// KongSNI v1alpha1: a server name bound to a KongCertificate (Kong Operator v2.2.3).
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import { adoptOptions, adoptSetOnceRule, entityStatus, konnectEntityStatus, namespacedRef, tags } from '../../common/konnect-entity.ts';
import { konnectEntityColumns } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

export const kongSNIV1alpha1Schema = resource({
  spec: withRules(
    z.object({
      adopt: adoptOptions.optional(),
      certificateRef: namespacedRef,
      name: z.string().min(1),
      tags: tags.optional(),
    }),
    adoptSetOnceRule,
  ),
  status: entityStatus(konnectEntityStatus({ certificateID: z.string().optional() })),
  required: ['spec'],
  rules: [
    cel(
      "(!self.status.conditions.exists(c, c.type == 'Programmed' && c.status == 'True')) ? true : oldSelf.spec.certificateRef == self.spec.certificateRef",
      'spec.certificateRef is immutable when programmed',
    ),
  ],
});
export type KongSNIV1alpha1 = z.infer<typeof kongSNIV1alpha1Schema>;

export const kongSNIV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongSNIV1alpha1Schema,
  printerColumns: konnectEntityColumns,
  subresources: { status: true },
};

export const kongSNIKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongSNI',
  plural: 'kongsnis',
  singular: 'kongsni',
  listKind: 'KongSNIList',
  scope: 'Namespaced',
  categories: ['kong'],
  versions: [kongSNIV1alpha1],
};
