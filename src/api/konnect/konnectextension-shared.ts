// Pieces both KonnectExtension versions share: client certificate provisioning, data plane
// labels, the status lists and the root rule freezing the control plane reference.
import { z } from 'zod';
import { cel, withRules } from '../kit.ts';
import { namespacedRef } from '../common/konnect-entity.ts';
import { conditions } from '../common/conditions.ts';
import { statusPending } from '../common/pending-conditions.ts';
import { konnectEndpoints } from './control-plane-shared.ts';

/** `spec.clientAuth`: the data plane client certificate, provisioned by kongward or by hand. */
export const clientAuth = withRules(
  z.object({
    certificateSecret: z.object({
      provisioning: z.enum(['Manual', 'Automatic']).default('Automatic'),
      secretRef: z.object({ name: z.string() }).optional(),
    }),
  }),
  cel("self.certificateSecret.provisioning == 'Manual' ? has(self.certificateSecret.secretRef) : true", 'secretRef must be set when provisioning is set to Manual.'),
  cel(
    "self.certificateSecret.provisioning == 'Automatic' ? !has(self.certificateSecret.secretRef) : true",
    'secretRef must not be set when provisioning is set to Automatic.',
  ),
).default({ certificateSecret: { provisioning: 'Automatic' } });

/** `spec.konnect.dataPlane`: labels Konnect shows on the data plane nodes. */
export const dataPlane = z.object({
  labels: withRules(
    z.record(
      z.string(),
      z
        .string()
        .min(1)
        .max(63)
        .regex(/^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$/),
    ),
    cel(
      "self.all(key, key.matches('^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$'))",
      "keys must match the pattern '^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$'.",
    ),
    cel(
      "self.all(key, !(key.startsWith('kong') || key.startsWith('konnect') || key.startsWith('insomnia') || key.startsWith('mesh') || key.startsWith('kic') || key.startsWith('_')))",
      "keys must not start with 'kong', 'konnect', 'insomnia', 'mesh', 'kic', or '_'.",
    ),
    cel('self.all(key, size(key) > 0 && size(key) < 64)', 'Too long: may not be more than 63 bytes'),
  ).optional(),
});

/** Root rule: the control plane an extension points at cannot change. */
export const controlPlaneRefImmutableRule = cel(
  'oldSelf.spec.konnect.controlPlane.ref == self.spec.konnect.controlPlane.ref',
  'spec.konnect.controlPlane.ref is immutable.',
);

/** `status` (default Ready Pending on the status node) with the version's `konnect` block. */
export function konnectExtensionStatus<Konnect extends z.ZodType>(konnect: Konnect) {
  return statusPending('Ready', {
    conditions: conditions({ maxItems: 8 }).optional(),
    controlPlaneRefs: z.array(namespacedRef).max(16).optional(),
    dataPlaneClientAuth: z.object({ certificateSecretRef: z.object({ name: z.string() }).optional() }).optional(),
    dataPlaneRefs: z.array(namespacedRef).max(16).optional(),
    konnect: konnect.optional(),
  });
}

/** `status.konnect.endpoints`. */
export { konnectEndpoints };

export const konnectExtensionPrinterColumns = [
  { name: 'Ready', type: 'string' as const, jsonPath: ".status.conditions[?(@.type=='Ready')].status", description: 'The Resource is Ready to be used' },
];
