// KongVault v1alpha1 (cluster-scoped): a Kong vault backend, optionally in a Konnect control plane.
import { z } from 'zod';
import { anyJson, cel, k8s, resource, withRules } from '../../kit.ts';
import { conditions, programmedPending } from '../../common/conditions.ts';
import {
  adoptNeedsKonnectRefRule,
  adoptOptions,
  adoptSetOnceRule,
  controlPlaneRef,
  controlPlaneRefRequiredOnceSetRule,
  konnectEntityStatus,
  tags,
} from '../../common/konnect-entity.ts';
import { ageColumn, programmedKicColumn } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

export const kongVaultV1alpha1Schema = resource({
  spec: withRules(
    z.object({
      adopt: adoptOptions.optional(),
      backend: z.string().min(1),
      config: anyJson().optional(),
      controlPlaneRef: controlPlaneRef.optional(),
      description: z.string().optional(),
      prefix: z.string().min(1),
      tags: tags.optional(),
    }),
    adoptNeedsKonnectRefRule,
    adoptSetOnceRule,
  ),
  // No status default here; `conditions` is required and defaulted (zod counts that optional).
  status: k8s(
    z.object({
      conditions: conditions({ maxItems: 8 }).default(programmedPending.conditions as never),
      konnect: konnectEntityStatus().optional(),
    }),
    { openapi: { required: ['conditions'] } },
  ),
  required: ['spec'],
  rules: [
    cel('self.spec.prefix == oldSelf.spec.prefix', 'The spec.prefix field is immutable'),
    controlPlaneRefRequiredOnceSetRule,
    cel(
      "(!has(self.status) || !self.status.conditions.exists(c, c.type == 'Programmed' && c.status == 'True') || !has(self.spec.controlPlaneRef)) ? true : oldSelf.spec.controlPlaneRef == self.spec.controlPlaneRef",
      'spec.controlPlaneRef is immutable when an entity is already Programmed',
    ),
  ],
});
export type KongVaultV1alpha1 = z.infer<typeof kongVaultV1alpha1Schema>;

export const kongVaultV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongVaultV1alpha1Schema,
  printerColumns: [
    { name: 'Backend Type', type: 'string', jsonPath: '.spec.backend', description: 'Name of the backend of the vault' },
    { name: 'Prefix', type: 'string', jsonPath: '.spec.prefix', description: 'Prefix of vault URI to reference the values in the vault' },
    ageColumn,
    { name: 'Description', type: 'string', jsonPath: '.spec.description', description: 'Description', priority: 1 },
    programmedKicColumn,
  ],
  subresources: { status: true },
};

export const kongVaultKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongVault',
  plural: 'kongvaults',
  singular: 'kongvault',
  listKind: 'KongVaultList',
  scope: 'Cluster',
  shortNames: ['kv'],
  categories: ['kong'],
  versions: [kongVaultV1alpha1],
};
