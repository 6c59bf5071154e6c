// KongCustomEntity v1alpha1: a Kong entity type kongward has no CRD for (fields are free-form).
import { z } from 'zod';
import { anyJson, cel, k8s, resource, withRules } from '../../kit.ts';
import { conditions, programmedPending } from '../../common/conditions.ts';
import { ageColumn, programmedKicColumn } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

export const kongCustomEntityV1alpha1Schema = resource({
  spec: withRules(
    z.object({
      controllerName: z.string(),
      fields: anyJson(),
      parentRef: z
        .object({
          group: z.string().optional(),
          kind: z.enum(['KongPlugin', 'KongClusterPlugin']).optional(),
          name: z.string(),
          namespace: z.string().optional(),
        })
        .optional(),
      type: z.string(),
    }),
    cel(
      "!(self.type in ['services','routes','upstreams','targets','plugins','consumers','consumer_groups'])",
      'The type field cannot be one of the known Kong entity types',
    ),
  ),
  // `conditions` is required and defaulted in the CRD (zod counts a defaulted key optional).
  status: k8s(z.object({ conditions: conditions({ maxItems: 8 }).default(programmedPending.conditions as never) }), {
    openapi: { required: ['conditions'] },
  }),
  required: ['spec'],
  rules: [cel('self.spec.type == oldSelf.spec.type', 'The spec.type field is immutable')],
});
export type KongCustomEntityV1alpha1 = z.infer<typeof kongCustomEntityV1alpha1Schema>;

export const kongCustomEntityV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongCustomEntityV1alpha1Schema,
  printerColumns: [{ name: 'Entity Type', type: 'string', jsonPath: '.spec.type', description: 'type of the Kong entity' }, ageColumn, programmedKicColumn],
  subresources: { status: true },
};

export const kongCustomEntityKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongCustomEntity',
  plural: 'kongcustomentities',
  singular: 'kongcustomentity',
  listKind: 'KongCustomEntityList',
  scope: 'Namespaced',
  shortNames: ['kce'],
  categories: ['kong'],
  versions: [kongCustomEntityV1alpha1],
};
