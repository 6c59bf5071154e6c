// KongClusterPlugin v1 (cluster-scoped): KongPlugin's shape with secret references that name
// their namespace.
import { z } from 'zod';
import { pluginPrinterColumns, pluginSchema } from './kongplugin.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

export const kongClusterPluginV1Schema = pluginSchema(z.object({ key: z.string(), name: z.string(), namespace: z.string() }));
export type KongClusterPluginV1 = z.infer<typeof kongClusterPluginV1Schema>;

export const kongClusterPluginV1: VersionDefinition = {
  name: 'v1',
  served: true,
  storage: true,
  schema: kongClusterPluginV1Schema,
  printerColumns: pluginPrinterColumns,
  subresources: { status: true },
};

export const kongClusterPluginKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongClusterPlugin',
  plural: 'kongclusterplugins',
  singular: 'kongclusterplugin',
  listKind: 'KongClusterPluginList',
  scope: 'Cluster',
  shortNames: ['kcp'],
  categories: ['kong'],
  versions: [kongClusterPluginV1],
};
