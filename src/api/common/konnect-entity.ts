// Fields shared by Konnect-backed entities (KongService, KongRoute, ...): tags, adopt,
// controlPlaneRef and the `status.konnect` block. Rules and messages as in Kong Operator v2.2.3.
import { z } from 'zod';
import { cel, withRules } from '../kit.ts';
import { conditions, programmedPending } from './conditions.ts';

/** `tags`: at most 20, each 1..128 characters. */
export const tags = withRules(
  z.array(z.string()).max(20),
  cel('self.all(tag, size(tag) >= 1 && size(tag) <= 128)', 'tags entries must not be longer than 128 characters'),
);

/** `spec.adopt`: adopt an existing Konnect entity by ID. */
export const adoptOptions = withRules(
  z.object({
    from: z.enum(['konnect']),
    konnect: z.object({ id: z.string().min(1).max(36) }).optional(),
    mode: z.enum(['match', 'override']).optional(),
  }),
  cel('self.from == oldSelf.from', "'from'(adopt source) is immutable"),
  cel("self.from == 'konnect' ? has(self.konnect) : true", "Must specify Konnect options when from='konnect'"),
  cel('has(self.konnect) ? (self.konnect.id == oldSelf.konnect.id) : true', 'konnect.id is immutable'),
);

/** Rule on `spec` of kinds with `adopt`. */
export const adoptSetOnceRule = cel(
  '(has(oldSelf.adopt) && has(self.adopt)) || (!has(oldSelf.adopt) && !has(self.adopt))',
  'Cannot set or unset spec.adopt in updates',
);

/** Rule on `spec`: adopt needs a konnectNamespacedRef control plane. */
export const adoptNeedsKonnectRefRule = cel(
  "!has(self.adopt) ? true : (has(self.controlPlaneRef) && self.controlPlaneRef.type == 'konnectNamespacedRef')",
  'spec.adopt is allowed only when controlPlaneRef is konnectNamespacedRef',
);

export const namespacedRef = z.object({
  name: z.string().min(1).max(253),
  namespace: z.string().max(253).optional(),
});

/** `spec.controlPlaneRef` (newest ControlPlaneRef): `kic` (default) or `konnectNamespacedRef`. */
export const controlPlaneRef = withRules(
  z.object({
    konnectNamespacedRef: namespacedRef.optional(),
    type: z.enum(['konnectNamespacedRef', 'kic']).default('kic'),
  }),
  cel("self.type != 'konnectID'", "'konnectID' type is not supported"),
  cel(
    "(has(self.type) && self.type == 'konnectNamespacedRef') ? has(self.konnectNamespacedRef) : true",
    'when type is konnectNamespacedRef, konnectNamespacedRef must be set',
  ),
  cel("(has(self.type) && self.type == 'kic') ? !has(self.konnectNamespacedRef) : true", 'when type is kic, konnectNamespacedRef must not be set'),
  cel('!has(self.type) ? !has(self.konnectNamespacedRef) : true', 'when type is unset, konnectNamespacedRef must not be set'),
);

/** Rule on `spec` of kinds that Konnect reconciles and KIC cannot serve. */
export const kicNotSupportedRule = cel(
  "!has(self.controlPlaneRef) ? true : self.controlPlaneRef.type != 'kic'",
  'KIC is not supported as control plane',
);

/** Root rule: a controlPlaneRef cannot be removed once set. */
export const controlPlaneRefRequiredOnceSetRule = cel(
  '!has(oldSelf.spec.controlPlaneRef) || has(self.spec.controlPlaneRef)',
  'controlPlaneRef is required once set',
);

/** Root rule: controlPlaneRef frozen once the entity is Programmed. */
export const controlPlaneRefImmutableWhenProgrammedRule = cel(
  "(!has(self.spec.controlPlaneRef)) ? true : (!has(self.status) || !self.status.conditions.exists(c, c.type == 'Programmed' && c.status == 'True')) ? true : oldSelf.spec.controlPlaneRef == self.spec.controlPlaneRef",
  'spec.controlPlaneRef is immutable when an entity is already Programmed',
);

/** `status.konnect` of entities attached to a control plane. Extra ID fields per kind. */
export function konnectEntityStatus<Extra extends z.ZodRawShape>(extra: Extra = {} as Extra) {
  return z.object({
    controlPlaneID: z.string().optional(),
    id: z.string().max(256).optional(),
    organizationID: z.string().max(256).optional(),
    serverURL: z.string().max(512).optional(),
    ...extra,
  });
}

/** `status` of a Konnect entity: conditions (1..8, default Programmed Pending) and konnect IDs. */
export function entityStatus<Konnect extends z.ZodType>(konnect: Konnect) {
  return z
    .object({
      conditions: conditions({ minItems: 1, maxItems: 8 }).optional(),
      konnect: konnect.optional(),
    })
    .default(programmedPending as never);
}

