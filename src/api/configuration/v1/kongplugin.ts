// KongPlugin v1 (configuration.konghq.com): a plugin's configuration. Fields sit at the top
// level beside metadata (no spec), as in Kong Operator v2.2.3. KongClusterPlugin reuses the
// shape with namespaced secret references.
import { z } from 'zod';
import { cel, freeformObject, resource } from '../../kit.ts';
import { conditions, programmedPending } from '../../common/conditions.ts';
import { ageColumn, programmedKicColumn } from '../../common/printer-columns.ts';
import type { KindDefinition, PrinterColumn, VersionDefinition } from '../../types.ts';

export const pluginProtocols = ['http', 'https', 'grpc', 'grpcs', 'tcp', 'tls', 'udp'] as const;

export const pluginRootRules = [
  cel('!(has(self.config) && has(self.configFrom))', 'Using both config and configFrom fields is not allowed.'),
  cel('!(has(self.configFrom) && has(self.configPatches))', 'Using both configFrom and configPatches fields is not allowed.'),
  cel('self.plugin == oldSelf.plugin', 'The plugin field is immutable'),
];

/** Printer columns shared by KongPlugin and KongClusterPlugin (KIC spelling: double quotes). */
export const pluginPrinterColumns: PrinterColumn[] = [
  { name: 'Plugin-Type', type: 'string', jsonPath: '.plugin', description: 'Name of the plugin' },
  ageColumn,
  { name: 'Disabled', type: 'boolean', jsonPath: '.disabled', priority: 1, description: 'Indicates if the plugin is disabled' },
  { name: 'Config', type: 'string', jsonPath: '.config', priority: 1, description: 'Configuration of the plugin' },
  programmedKicColumn,
];

/** The plugin object for a given secret key reference (KongClusterPlugin's adds `namespace`). */
export function pluginSchema<Ref extends z.ZodType>(secretKeyRef: Ref) {
  const valueFrom = z.object({ secretKeyRef });
  return resource({
    extra: {
      config: freeformObject().optional(),
      configFrom: valueFrom.optional(),
      configPatches: z.array(z.object({ path: z.string(), valueFrom })).optional(),
      consumerRef: z.string().optional(),
      disabled: z.boolean().optional(),
      instance_name: z.string().optional(),
      ordering: z
        .object({
          after: z.record(z.string(), z.array(z.string())).optional(),
          before: z.record(z.string(), z.array(z.string())).optional(),
        })
        .optional(),
      plugin: z.string(),
      protocols: z.array(z.enum(pluginProtocols)).optional(),
      run_on: z.enum(['first', 'second', 'all']).optional(),
    },
    status: z.object({
      conditions: conditions({ maxItems: 8 }).default(programmedPending.conditions as never),
    }),
    rules: pluginRootRules,
  });
}

export const kongPluginV1Schema = pluginSchema(z.object({ key: z.string(), name: z.string() }));
export type KongPluginV1 = z.infer<typeof kongPluginV1Schema>;

export const kongPluginV1: VersionDefinition = {
  name: 'v1',
  served: true,
  storage: true,
  schema: kongPluginV1Schema,
  printerColumns: pluginPrinterColumns,
  subresources: { status: true },
};

export const kongPluginKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongPlugin',
  plural: 'kongplugins',
  singular: 'kongplugin',
  listKind: 'KongPluginList',
  scope: 'Namespaced',
  shortNames: ['kp'],
  categories: ['kong'],
  versions: [kongPluginV1],
};
