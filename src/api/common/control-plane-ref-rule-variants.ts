// The root-level controlPlaneRef transition rules exist in several spellings across Kong Operator
// v2.2.3 CRDs (same message, different guards). The rule text is part of the contract (it is
// emitted into the generated CRDs), so each spelling is kept verbatim and named for its guard.
import { cel } from '../kit.ts';

const immutableMessage = 'spec.controlPlaneRef is immutable when an entity is already Programmed';
const programmed = "self.status.conditions.exists(c, c.type == 'Programmed' && c.status == 'True')";
const unchanged = 'oldSelf.spec.controlPlaneRef == self.spec.controlPlaneRef';

/** Reads `self.status` directly (it always exists: the status node has a default).
 *  KongUpstream, KongCertificate, KongCACertificate, KongKey, KongKeySet. */
export const controlPlaneRefImmutableWhenProgrammedStatusRule = cel(`(!${programmed}) ? true : ${unchanged}`, immutableMessage);

/** Guards a missing `spec` on the new object (KongRoute, KongConsumer). */
export const controlPlaneRefImmutableWhenProgrammedOptionalSpecRule = cel(
  `(!has(self.spec) || !has(self.spec.controlPlaneRef)) ? true : (!has(self.status) || !${programmed}) ? true : ${unchanged}`,
  immutableMessage,
);

/** Guards a missing `spec` on the old object (KongConsumerGroup). */
export const controlPlaneRefImmutableWhenProgrammedOptionalOldSpecRule = cel(
  `(!has(oldSelf.spec) || !has(oldSelf.spec.controlPlaneRef)) ? true : (!has(self.status) || !${programmed}) ? true : ${unchanged}`,
  immutableMessage,
);

/** "required once set" for kinds whose `spec` is optional (KongConsumer, KongConsumerGroup). */
export const controlPlaneRefRequiredOnceSetOptionalSpecRule = cel(
  '(!has(oldSelf.spec) || !has(oldSelf.spec.controlPlaneRef)) || has(self.spec.controlPlaneRef)',
  'controlPlaneRef is required once set',
);

/** Root rule of KongService and KongRoute: `spec.id` cannot be set, unset or changed. */
export const specIdImmutableRule = cel(
  '(!has(self.spec.id) && !has(oldSelf.spec.id)) || (has(self.spec.id) && has(oldSelf.spec.id) && self.spec.id == oldSelf.spec.id)',
  'spec.id is immutable',
);
