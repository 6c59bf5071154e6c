// KongPluginInstallation v1alpha1: a custom Kong plugin packaged as an OCI image.
import { z } from 'zod';
import { resource } from '../../kit.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';
import { conditions } from '../../common/conditions.ts';

const imagePullSecretRef = z.object({
  group: z
    .string()
    .max(253)
    .regex(/^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/)
    .default(''),
  kind: z
    .string()
    .min(1)
    .max(63)
    .regex(/^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/)
    .default('Secret'),
  name: z.string().min(1).max(253),
  namespace: z
    .string()
    .min(1)
    .max(63)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
    .optional(),
});

export const kongPluginInstallationV1alpha1Schema = resource({
  spec: z.object({
    image: z.string(),
    imagePullSecretRef: imagePullSecretRef.optional(),
  }),
  status: z.object({
    conditions: conditions({ maxItems: 8 }).optional(),
    underlyingConfigMapName: z.string().optional(),
  }),
});

/** The object after defaults (what the controller and converters read). */
export type KongPluginInstallationV1alpha1 = z.output<typeof kongPluginInstallationV1alpha1Schema>;

export const kongPluginInstallationV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongPluginInstallationV1alpha1Schema,
  printerColumns: [
    { name: 'Accepted', type: 'string', jsonPath: ".status.conditions[?(@.type=='Accepted')].status", description: 'The Resource is accepted' },
  ],
  subresources: { status: true },
};

export const kongPluginInstallationKind: KindDefinition = {
  group: 'gateway-operator.konghq.com',
  kind: 'KongPluginInstallation',
  plural: 'kongplugininstallations',
  singular: 'kongplugininstallation',
  listKind: 'KongPluginInstallationList',
  scope: 'Namespaced',
  shortNames: ['kpi'],
  categories: ['kong'],
  versions: [kongPluginInstallationV1alpha1],
};
