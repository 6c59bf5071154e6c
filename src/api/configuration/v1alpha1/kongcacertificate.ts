// KongCACertificate v1alpha1: a CA certificate (inline PEM or from a Secret) in a Konnect control
// plane (Kong Operator v2.2.3). Inline PEM must parse; the value is never echoed.
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import {
  adoptNeedsKonnectRefRule,
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
import { controlPlaneRefImmutableWhenProgrammedStatusRule } from '../../common/control-plane-ref-rule-variants.ts';
import { pemCertificateCheck } from '../../common/pem.ts';
import { konnectEntityColumns } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

export const kongCACertificateV1alpha1Schema = resource({
  spec: withRules(
    z.object({
      adopt: adoptOptions.optional(),
      cert: z.string().optional(),
      controlPlaneRef,
      secretRef: namespacedRef.optional(),
      tags: tags.optional(),
      type: z.enum(['inline', 'secretRef']).default('inline'),
    }),
    kicNotSupportedRule,
    adoptNeedsKonnectRefRule,
    adoptSetOnceRule,
    cel("self.type != 'inline' || (has(self.cert) && self.cert.size() != 0)", "spec.cert is required when type is 'inline'"),
    cel("self.type != 'secretRef' || has(self.secretRef)", "spec.secretRef is required when type is 'secretRef'"),
    cel('!(has(self.cert) && has(self.secretRef))', 'cert and secretRef cannot be set at the same time'),
  ),
  status: entityStatus(konnectEntityStatus()),
  required: ['spec'],
  rules: [controlPlaneRefRequiredOnceSetRule, controlPlaneRefImmutableWhenProgrammedStatusRule],
});
export type KongCACertificateV1alpha1 = z.infer<typeof kongCACertificateV1alpha1Schema>;

export const kongCACertificateV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongCACertificateV1alpha1Schema,
  printerColumns: konnectEntityColumns,
  subresources: { status: true },
  checks: [pemCertificateCheck(['spec', 'cert'])],
};

export const kongCACertificateKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongCACertificate',
  plural: 'kongcacertificates',
  singular: 'kongcacertificate',
  listKind: 'KongCACertificateList',
  scope: 'Namespaced',
  categories: ['kong'],
  versions: [kongCACertificateV1alpha1],
};
