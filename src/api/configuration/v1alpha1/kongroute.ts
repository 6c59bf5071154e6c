// KongRoute v1alpha1: a Kong Gateway route, attached to a KongService (serviceRef) or directly to
// a Konnect control plane (Kong Operator v2.2.3).
import { z } from 'zod';
import { cel, integer, resource, withRules } from '../../kit.ts';
import {
  adoptOptions,
  adoptSetOnceRule,
  controlPlaneRef,
  controlPlaneRefRequiredOnceSetRule,
  entityStatus,
  kicNotSupportedRule,
  konnectEntityStatus,
  namespacedRef,
  tags,
} from '../../common/konnect-entity.ts';
import {
  controlPlaneRefImmutableWhenProgrammedOptionalSpecRule,
  specIdImmutableRule,
} from '../../common/control-plane-ref-rule-variants.ts';
import { konnectEntityColumns } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

const ipPort = z.object({
  ip: z.string().optional(),
  port: integer('int64').optional(),
});

export const kongRouteServiceRef = withRules(
  z.object({
    namespacedRef: namespacedRef.optional(),
    type: z.enum(['namespacedRef']).optional(),
  }),
  cel("self.type == 'namespacedRef' ? has(self.namespacedRef) : true", 'when type is namespacedRef, namespacedRef must be set'),
);

export const kongRouteV1alpha1Schema = resource({
  spec: withRules(
    z.object({
      adopt: adoptOptions.optional(),
      controlPlaneRef: controlPlaneRef.optional(),
      destinations: z.array(ipPort).optional(),
      headers: z.record(z.string(), z.array(z.string())).optional(),
      hosts: z.array(z.string()).optional(),
      https_redirect_status_code: integer('int64').optional(),
      id: z.string().optional(),
      methods: z.array(z.string()).optional(),
      name: z.string().optional(),
      path_handling: z.string().optional(),
      paths: z.array(z.string()).optional(),
      preserve_host: z.boolean().optional(),
      protocols: z.array(z.string()).optional(),
      regex_priority: integer('int64').optional(),
      request_buffering: z.boolean().optional(),
      response_buffering: z.boolean().optional(),
      serviceRef: kongRouteServiceRef.optional(),
      snis: z.array(z.string()).optional(),
      sources: z.array(ipPort).optional(),
      strip_path: z.boolean().optional(),
      tags: tags.optional(),
    }),
    kicNotSupportedRule,
    cel(
      "!has(self.adopt) ? true : (has(self.serviceRef) || (has(self.controlPlaneRef) && self.controlPlaneRef.type == 'konnectNamespacedRef'))",
      'spec.adopt is allowed only when serviceRef exists or controlPlaneRef is konnectNamespacedRef',
    ),
    adoptSetOnceRule,
  ),
  status: entityStatus(konnectEntityStatus({ serviceID: z.string().optional() })),
  required: ['spec'],
  rules: [
    // `paths` repeated three times is upstream's rule text, kept verbatim.
    cel(
      "has(self.spec.protocols) && self.spec.protocols.exists(p, p == 'http') ? (has(self.spec.hosts) || has(self.spec.methods) || has(self.spec.paths) || has(self.spec.paths) || has(self.spec.paths) || has(self.spec.headers) ) : true",
      "If protocols has 'http', at least one of 'hosts', 'methods', 'paths' or 'headers' must be set",
    ),
    controlPlaneRefRequiredOnceSetRule,
    controlPlaneRefImmutableWhenProgrammedOptionalSpecRule,
    specIdImmutableRule,
  ],
});
export type KongRouteV1alpha1 = z.infer<typeof kongRouteV1alpha1Schema>;

export const kongRouteV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongRouteV1alpha1Schema,
  printerColumns: konnectEntityColumns,
  subresources: { status: true },
};

export const kongRouteKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongRoute',
  plural: 'kongroutes',
  singular: 'kongroute',
  listKind: 'KongRouteList',
  scope: 'Namespaced',
  categories: ['kong'],
  versions: [kongRouteV1alpha1],
};
