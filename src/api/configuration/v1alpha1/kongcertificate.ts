// KongCertificate v1alpha1: a TLS certificate/key pair (inline PEM or from Secrets) in a Konnect
// control plane (Kong Operator v2.2.3). Inline PEM must parse and each key must match its
// certificate (Kong refuses mismatched pairs); values are never echoed.
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
import { pemCertificateCheck, pemPrivateKeyCheck } from '../../common/pem.ts';
import { certificateMatchesKeyCheck } from '../../common/pem-key-pairs.ts';
import { konnectEntityColumns } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

export const kongCertificateV1alpha1Schema = resource({
  spec: withRules(
    z.object({
      adopt: adoptOptions.optional(),
      cert: z.string().optional(),
      cert_alt: z.string().optional(),
      controlPlaneRef,
      key: z.string().optional(),
      key_alt: z.string().optional(),
      secretRef: namespacedRef.optional(),
      secretRefAlt: namespacedRef.optional(),
      tags: tags.optional(),
      type: z.enum(['inline', 'secretRef']).default('inline'),
    }),
    kicNotSupportedRule,
    adoptNeedsKonnectRefRule,
    adoptSetOnceRule,
    cel("self.type != 'inline' || (has(self.cert) && self.cert.size() != 0)", "spec.cert is required when type is 'inline'"),
    cel("self.type != 'inline' || (has(self.key) && self.key.size() != 0)", "spec.key is required when type is 'inline'"),
    // Two spaces after `||`: upstream's rule text, verbatim.
    cel("self.type != 'secretRef' ||  has(self.secretRef)", "spec.secretRef is required when type is 'secretRef'"),
    cel(
      '!((has(self.cert) || has(self.key)) && (has(self.secretRef) || has(self.secretRefAlt)))',
      'cert/key and secretRef/secretRefAlt cannot be set at the same time',
    ),
    cel(
      '!((has(self.cert_alt) || has(self.key_alt)) && (has(self.secretRef) || has(self.secretRefAlt)))',
      'cert_alt/key_alt and secretRef/secretRefAlt cannot be set at the same time',
    ),
  ),
  status: entityStatus(konnectEntityStatus()),
  required: ['spec'],
  rules: [controlPlaneRefRequiredOnceSetRule, controlPlaneRefImmutableWhenProgrammedStatusRule],
});
export type KongCertificateV1alpha1 = z.infer<typeof kongCertificateV1alpha1Schema>;

export const kongCertificateV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongCertificateV1alpha1Schema,
  printerColumns: konnectEntityColumns,
  subresources: { status: true },
  checks: [
    pemCertificateCheck(['spec', 'cert']),
    pemPrivateKeyCheck(['spec', 'key']),
    pemCertificateCheck(['spec', 'cert_alt']),
    pemPrivateKeyCheck(['spec', 'key_alt']),
    certificateMatchesKeyCheck(['spec', 'cert'], ['spec', 'key']),
    certificateMatchesKeyCheck(['spec', 'cert_alt'], ['spec', 'key_alt']),
  ],
};

export const kongCertificateKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongCertificate',
  plural: 'kongcertificates',
  singular: 'kongcertificate',
  listKind: 'KongCertificateList',
  scope: 'Namespaced',
  categories: ['kong'],
  versions: [kongCertificateV1alpha1],
};
