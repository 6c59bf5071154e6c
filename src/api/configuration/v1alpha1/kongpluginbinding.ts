// KongPluginBinding v1alpha1: attaches a KongPlugin/KongClusterPlugin to targets (route,
// service, consumer, consumer group) or globally in a control plane.
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import {
  adoptNeedsKonnectRefRule,
  adoptOptions,
  adoptSetOnceRule,
  controlPlaneRef,
  controlPlaneRefRequiredOnceSetRule,
  entityStatus,
  konnectEntityStatus,
} from '../../common/konnect-entity.ts';
import { ageColumn } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

const targetGroups = ['', 'core', 'networking.k8s.io', 'gateway.networking.k8s.io', 'configuration.konghq.com'] as const;
const targetKinds = ['Service', 'Ingress', 'HTTPRoute', 'GRPCRoute', 'KongService', 'KongRoute'] as const;

function targetRef() {
  return z.object({ group: z.enum(targetGroups), kind: z.enum(targetKinds), name: z.string() });
}

const nameRef = z.object({ name: z.string() });

export const pluginRef = withRules(
  z.object({
    kind: z.enum(['KongPlugin', 'KongClusterPlugin']).default('KongPlugin'),
    name: z.string(),
    namespace: z.string().optional(),
  }),
  cel("self.name != ''", 'pluginRef name must be set'),
  cel("self.kind == 'KongPlugin' || !has(self.__namespace__)", "Namespace can be set only when kind is 'KongPlugin'"),
);

export const pluginBindingTargets = withRules(
  z.object({
    consumerGroupRef: nameRef.optional(),
    consumerRef: nameRef.optional(),
    routeRef: withRules(
      targetRef(),
      cel(
        "(self.kind == 'KongRoute' && self.group == 'configuration.konghq.com') || (self.kind == 'Ingress' && self.group == 'networking.k8s.io') || (self.kind == 'HTTPRoute' && self.group == 'gateway.networking.k8s.io') || (self.kind == 'GRPCRoute' && self.group == 'gateway.networking.k8s.io')",
        'group/kind not allowed for the routeRef',
      ),
    ).optional(),
    serviceRef: withRules(
      targetRef(),
      cel(
        "(self.kind == 'KongService' && self.group == 'configuration.konghq.com') || (self.kind == 'Service' && (self.group == '' || self.group == 'core'))",
        'group/kind not allowed for the serviceRef',
      ),
    ).optional(),
  }),
  cel('(has(self.consumerRef) ? !has(self.consumerGroupRef) : true)', 'Cannot set Consumer and ConsumerGroup at the same time'),
  cel(
    "(has(self.routeRef) && self.routeRef.kind == 'KongRoute') ? (!has(self.serviceRef) || self.serviceRef.kind == 'KongService') : true",
    'KongRoute can be used only when serviceRef is unset or set to KongService',
  ),
  cel(
    "(has(self.serviceRef) && self.serviceRef.kind == 'KongService') ? (!has(self.routeRef) || self.routeRef.kind == 'KongRoute') : true",
    'KongService can be used only when routeRef is unset or set to KongRoute',
  ),
);

export const kongPluginBindingV1alpha1Schema = resource({
  spec: withRules(
    z.object({
      adopt: adoptOptions.optional(),
      controlPlaneRef,
      pluginRef,
      scope: z.enum(['OnlyTargets', 'GlobalInControlPlane']).default('OnlyTargets'),
      targets: pluginBindingTargets.optional(),
    }),
    cel(
      "self.scope == 'OnlyTargets' ? has(self.targets) && (has(self.targets.routeRef) || has(self.targets.serviceRef) || has(self.targets.consumerRef) || has(self.targets.consumerGroupRef)) : true",
      "At least one target reference must be set when scope is 'OnlyTargets'",
    ),
    cel("self.scope == 'GlobalInControlPlane' ? !has(self.targets) : true", "No targets must be set when scope is 'GlobalInControlPlane'"),
    adoptNeedsKonnectRefRule,
    adoptSetOnceRule,
  ),
  status: entityStatus(konnectEntityStatus()),
  required: ['spec'],
  rules: [
    controlPlaneRefRequiredOnceSetRule,
    cel(
      "(!self.status.conditions.exists(c, c.type == 'Programmed' && c.status == 'True')) ? true : oldSelf.spec.controlPlaneRef == self.spec.controlPlaneRef",
      'spec.controlPlaneRef is immutable when an entity is already Programmed',
    ),
  ],
});
export type KongPluginBindingV1alpha1 = z.infer<typeof kongPluginBindingV1alpha1Schema>;

export const kongPluginBindingV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongPluginBindingV1alpha1Schema,
  printerColumns: [
    { name: 'Plugin-kind', type: 'string', jsonPath: '.spec.pluginRef.kind', description: 'Kind of the plugin' },
    { name: 'Plugin-name', type: 'string', jsonPath: '.spec.pluginRef.name', description: 'Name of the plugin' },
    { name: 'Programmed', type: 'string', jsonPath: ".status.conditions[?(@.type=='Programmed')].status", description: 'The Resource is Programmed' },
    ageColumn,
  ],
  subresources: { status: true },
};

export const kongPluginBindingKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongPluginBinding',
  plural: 'kongpluginbindings',
  singular: 'kongpluginbinding',
  listKind: 'KongPluginBindingList',
  scope: 'Namespaced',
  categories: ['kong'],
  versions: [kongPluginBindingV1alpha1],
};
