// KongDataPlaneClientCertificate v1alpha1: a data plane client certificate registered in a
// Konnect control plane. Beyond the CRD rules, spec.cert must parse as PEM certificate(s).
import { z } from 'zod';
import { cel, extensionsOf, resource, withRules } from '../../kit.ts';
import {
  adoptOptions,
  controlPlaneRef,
  controlPlaneRefRequiredOnceSetRule,
  entityStatus,
  kicNotSupportedRule,
  konnectEntityStatus,
} from '../../common/konnect-entity.ts';
import { pemCertificateCheck } from '../../common/pem.ts';
import { konnectEntityColumns } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

/** Adoption here only matches (never overrides); that rule comes first on the node. */
const matchOnlyAdopt = withRules(
  z.object(adoptOptions.shape),
  cel("self.mode == 'match'", "Only 'match' mode adoption is supported"),
  ...(extensionsOf(adoptOptions)['x-kubernetes-validations'] ?? []),
);

export const kongDataPlaneClientCertificateV1alpha1Schema = resource({
  spec: withRules(
    z.object({
      adopt: matchOnlyAdopt.optional(),
      cert: z.string().min(1),
      controlPlaneRef,
    }),
    kicNotSupportedRule,
  ),
  status: entityStatus(konnectEntityStatus()),
  required: ['spec'],
  rules: [
    controlPlaneRefRequiredOnceSetRule,
    cel(
      "!has(self.spec.controlPlaneRef) ? true : (!self.status.conditions.exists(c, c.type == 'Programmed' && c.status == 'True')) ? true : oldSelf.spec.controlPlaneRef == self.spec.controlPlaneRef",
      'spec.controlPlaneRef is immutable when an entity is already Programmed',
    ),
    cel(
      "(!self.status.conditions.exists(c, c.type == 'Programmed' && c.status == 'True')) ? true : oldSelf.spec.cert == self.spec.cert",
      'spec.cert is immutable when an entity is already Programmed',
    ),
  ],
});
export type KongDataPlaneClientCertificateV1alpha1 = z.infer<typeof kongDataPlaneClientCertificateV1alpha1Schema>;

export const kongDataPlaneClientCertificateV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongDataPlaneClientCertificateV1alpha1Schema,
  printerColumns: konnectEntityColumns,
  subresources: { status: true },
  checks: [pemCertificateCheck(['spec', 'cert'])],
};

export const kongDataPlaneClientCertificateKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongDataPlaneClientCertificate',
  plural: 'kongdataplaneclientcertificates',
  singular: 'kongdataplaneclientcertificate',
  listKind: 'KongDataPlaneClientCertificateList',
  scope: 'Namespaced',
  categories: ['kong'],
  versions: [kongDataPlaneClientCertificateV1alpha1],
};
