// KongLicense v1alpha1 (cluster-scoped): a Kong Enterprise license. Top-level fields, no spec.
import { z } from 'zod';
import { k8s, listMap, resource } from '../../kit.ts';
import { conditions, programmedPending } from '../../common/conditions.ts';
import { ageColumn } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

const dnsSubdomainOrEmpty = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const licenseControllerStatus = z.object({
  conditions: conditions({ maxItems: 8 }).default(programmedPending.conditions as never),
  controllerName: z.string(),
  controllerRef: z
    .object({
      group: z.string().max(253).regex(dnsSubdomainOrEmpty).optional(),
      kind: z.string().min(1).max(63).regex(/^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/).optional(),
      name: z.string().min(1).max(253),
      namespace: z.string().max(63).regex(/^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).optional(),
    })
    .optional(),
});

// `enabled` is required in the CRD and has a default; zod counts a defaulted key as optional.
export const kongLicenseV1alpha1Schema = k8s(resource({
  extra: {
    enabled: z.boolean().default(true),
    rawLicenseString: z.string(),
  },
  status: z.object({ controllers: listMap(licenseControllerStatus, ['controllerName']).optional() }),
}), { openapi: { required: ['enabled', 'rawLicenseString'] } });
export type KongLicenseV1alpha1 = z.infer<typeof kongLicenseV1alpha1Schema>;

export const kongLicenseV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongLicenseV1alpha1Schema,
  printerColumns: [ageColumn, { name: 'Enabled', type: 'boolean', jsonPath: '.enabled', description: 'Enabled to configure on Kong gateway instances' }],
  subresources: { status: true },
};

export const kongLicenseKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongLicense',
  plural: 'konglicenses',
  singular: 'konglicense',
  listKind: 'KongLicenseList',
  scope: 'Cluster',
  shortNames: ['kl'],
  categories: ['kong'],
  versions: [kongLicenseV1alpha1],
};
