// ControlPlane options shared by ControlPlane `spec` and GatewayConfiguration
// `spec.controlPlaneOptions`, in their v1beta1 and v2beta1 shapes.
import { z } from 'zod';
import { cel, integer, k8s, listMap, withRules } from '../kit.ts';
import { conditions } from '../common/conditions.ts';
import { extensionList } from './extension-ref.ts';
import { podTemplateSpec } from '../common/core/index.ts';

const watchNamespacesRules = [
  cel("self.type == 'list' ? has(self.list) : true", "list is required when type is 'list'"),
  cel("self.type != 'list' ? !has(self.list) : true", "list must not be specified when type is not 'list'"),
];

function watchNamespaces(list: z.ZodType) {
  return withRules(
    z.object({ list: list.optional(), type: z.enum(['all', 'list', 'own']) }),
    ...watchNamespacesRules,
  ).default({ type: 'all' });
}

/** v1beta1: the options a GatewayConfiguration can set; ControlPlane v1beta1 adds gatewayClass and ingressClass. */
export const controlPlaneOptionsV1beta1Shape = {
  dataplane: z.string().optional(),
  deployment: z
    .object({
      podTemplateSpec: podTemplateSpec.optional(),
      replicas: integer('int32').default(1),
    })
    .optional(),
  extensions: extensionList({ maxItems: 2, minItems: 0 }).optional(),
  watchNamespaces: watchNamespaces(z.array(z.string())),
};

const state = () => z.enum(['enabled', 'disabled']);

const toggle = z.object({ name: z.string().min(1).max(63), state: state() });

const matchLabels = withRules(
  k8s(z.record(z.string(), z.string()), { openapi: { maxProperties: 8 } }),
  cel('self.all(key,key.size() >= 1)', 'Minimum length of key in matchLabels is 1'),
  cel('self.all(key,self[key].size() <= 63)', 'Maximum length of value in matchLabels is 63'),
);

const translationDefault = { combinedServicesFromDifferentHTTPRoutes: 'enabled' as const, drainSupport: 'enabled' as const };

/** v2beta1: the options a GatewayConfiguration can set; ControlPlane v2beta1 adds dataplane and extensions. */
export const controlPlaneOptionsV2beta1Shape = {
  cache: z.object({ initSyncDuration: z.string().optional() }).optional(),
  configDump: withRules(
    z.object({ dumpSensitive: state().default('disabled'), state: state().default('disabled') }),
    cel("self.state == 'enabled' || self.dumpSensitive == 'disabled'", 'Cannot enable dumpSensitive when state is disabled'),
  ).optional(),
  controllers: listMap(toggle, ['name']).max(32).optional(),
  dataplaneSync: z
    .object({
      interval: z.string().optional(),
      reverseSync: state().default('disabled'),
      timeout: z.string().optional(),
    })
    .optional(),
  featureGates: listMap(toggle, ['name']).max(32).optional(),
  gatewayDiscovery: z
    .object({ readinessCheckInterval: z.string().optional(), readinessCheckTimeout: z.string().optional() })
    .optional(),
  ingressClass: z.string().max(63).optional(),
  konnect: z
    .object({
      configUploadConcurrency: integer('int32').min(1).max(16).optional(),
      configUploadPeriod: z.string().optional(),
      consumersSync: state().default('enabled'),
      licensing: withRules(
        z.object({
          initialPollingPeriod: z.string().optional(),
          pollingPeriod: z.string().optional(),
          state: state().default('disabled'),
          storageState: state().default('enabled'),
        }),
        cel("!has(self.initialPollingPeriod) || self.state == 'enabled'", 'initialPollingPeriod can only be set when licensing is enabled'),
        cel("!has(self.pollingPeriod) || self.state == 'enabled'", 'pollingPeriod can only be set when licensing is enabled'),
        cel(
          "!has(self.storageState) || self.storageState == 'disabled' || self.state == 'enabled'",
          'storageState can only be set to enabled when licensing is enabled',
        ),
      ).optional(),
      nodeRefreshPeriod: z.string().optional(),
    })
    .optional(),
  objectFilters: z
    .object({
      configMaps: z.object({ matchLabels: matchLabels.optional() }).optional(),
      secrets: z.object({ matchLabels: matchLabels.optional() }).optional(),
    })
    .optional(),
  translation: z
    .object({
      combinedServicesFromDifferentHTTPRoutes: state().default('enabled'),
      drainSupport: state().default('enabled'),
      fallbackConfiguration: z.object({ useLastValidConfig: state().default('enabled') }).optional(),
    })
    .default(translationDefault),
  watchNamespaces: watchNamespaces(z.array(z.string().max(64)).max(64)),
};

/** v2beta1 `status.controllers` / `status.featureGates` share the spec's item shape. */
export const controlPlaneToggleList = listMap(toggle, ['name']).max(32);

/** `status.conditions` of ControlPlane: at most 8, starting as `<type>` Unknown/NotReconciled. */
export function controlPlaneConditions(initialType: 'Scheduled' | 'Provisioned') {
  return conditions({ maxItems: 8 }).default([
    {
      lastTransitionTime: '1970-01-01T00:00:00Z',
      message: 'Waiting for controller',
      reason: 'NotReconciled',
      status: 'Unknown',
      type: initialType,
    },
  ]);
}
