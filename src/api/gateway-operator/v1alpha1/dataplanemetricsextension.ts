// DataPlaneMetricsExtension v1alpha1: which Services' metrics a ControlPlane enables on its DataPlane.
import { z } from 'zod';
import { listMap, resource } from '../../kit.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

// Each flag is required and defaulted in the CRD (`.nonoptional()` keeps it in `required`).
const flag = () => z.boolean().default(false).nonoptional();
const metricsConfig = z.object({
  bandwidth: flag(),
  latency: flag(),
  statusCode: flag(),
  upstreamHealth: flag(),
});

export const dataPlaneMetricsExtensionV1alpha1Schema = resource({
  spec: z.object({
    config: metricsConfig.optional(),
    serviceSelector: z.object({ matchNames: listMap(z.object({ name: z.string() }), ['name']) }),
  }),
  status: z.object({
    controlPlaneRef: z.object({ name: z.string().min(1).max(253), namespace: z.string().max(253).optional() }).optional(),
  }),
});

/** The object after defaults (what the controller and converters read). */
export type DataPlaneMetricsExtensionV1alpha1 = z.output<typeof dataPlaneMetricsExtensionV1alpha1Schema>;

export const dataPlaneMetricsExtensionV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: dataPlaneMetricsExtensionV1alpha1Schema,
  subresources: { status: true },
};

export const dataPlaneMetricsExtensionKind: KindDefinition = {
  group: 'gateway-operator.konghq.com',
  kind: 'DataPlaneMetricsExtension',
  plural: 'dataplanemetricsextensions',
  singular: 'dataplanemetricsextension',
  listKind: 'DataPlaneMetricsExtensionList',
  scope: 'Namespaced',
  categories: ['kong'],
  versions: [dataPlaneMetricsExtensionV1alpha1],
};
