// KongService v1alpha1: a Kong Gateway service in a Konnect control plane (Kong Operator v2.2.3).
import { z } from 'zod';
import { atomicList, integer, listSet, resource, withRules } from '../../kit.ts';
import {
  adoptNeedsKonnectRefRule,
  adoptOptions,
  adoptSetOnceRule,
  controlPlaneRef,
  controlPlaneRefImmutableWhenProgrammedRule,
  controlPlaneRefRequiredOnceSetRule,
  entityStatus,
  kicNotSupportedRule,
  konnectEntityStatus,
  namespacedRef,
  tags,
} from '../../common/konnect-entity.ts';
import { specIdImmutableRule } from '../../common/control-plane-ref-rule-variants.ts';
import { konnectEntityColumns } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

export const kongServiceV1alpha1Schema = resource({
  spec: withRules(
    z.object({
      adopt: adoptOptions.optional(),
      caCertificateRefs: atomicList(namespacedRef).optional(),
      clientCertificateRef: namespacedRef.optional(),
      connect_timeout: integer('int64').optional(),
      controlPlaneRef,
      enabled: z.boolean().optional(),
      host: z.string(),
      id: z.string().optional(),
      name: z.string().optional(),
      path: z.string().optional(),
      port: integer('int64').optional(),
      protocol: z.string().optional(),
      read_timeout: integer('int64').optional(),
      retries: integer('int64').optional(),
      tags: tags.optional(),
      tls_verify: z.boolean().optional(),
      tls_verify_depth: integer('int64').optional(),
      url: z.string().optional(),
      write_timeout: integer('int64').optional(),
    }),
    kicNotSupportedRule,
    adoptNeedsKonnectRefRule,
    adoptSetOnceRule,
  ),
  status: entityStatus(
    konnectEntityStatus({ caCertificateIDs: listSet(z.string()).optional(), certificateID: z.string().optional() }),
  ),
  required: ['spec'],
  rules: [controlPlaneRefRequiredOnceSetRule, controlPlaneRefImmutableWhenProgrammedRule, specIdImmutableRule],
});
export type KongServiceV1alpha1 = z.infer<typeof kongServiceV1alpha1Schema>;

export const kongServiceV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongServiceV1alpha1Schema,
  printerColumns: [
    { name: 'Host', type: 'string', jsonPath: '.spec.host', description: 'Host of the service' },
    { name: 'Protocol', type: 'string', jsonPath: '.spec.protocol', description: 'Protocol of the service' },
    ...konnectEntityColumns,
  ],
  subresources: { status: true },
};

export const kongServiceKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongService',
  plural: 'kongservices',
  singular: 'kongservice',
  listKind: 'KongServiceList',
  scope: 'Namespaced',
  categories: ['kong'],
  versions: [kongServiceV1alpha1],
};
