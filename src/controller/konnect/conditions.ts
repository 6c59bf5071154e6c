// The condition types/reasons KGO writes on Konnect objects, over the runtime's KEP-1623
// helpers (lastTransitionTime kept when the status does not change, so a resync that changes
// nothing writes nothing).
import { findCondition, setCondition as setRuntimeCondition, type Condition } from '../runtime/conditions.ts';

export type { Condition };
export { findCondition };

export type ConditionInput = Omit<Condition, 'lastTransitionTime' | 'observedGeneration'>;

export const ConditionType = {
  Programmed: 'Programmed',
  ControlPlaneRefValid: 'ControlPlaneRefValid',
  APIAuthResolvedRef: 'APIAuthResolvedRef',
  APIAuthValid: 'APIAuthValid',
} as const;

export const Reason = {
  Programmed: 'Programmed',
  Valid: 'Valid',
  Invalid: 'Invalid',
  NotProgrammed: 'NotProgrammed',
  ResolvedRef: 'ResolvedRef',
  RefNotFound: 'RefNotFound',
  RefInvalid: 'RefInvalid',
  Pending: 'Pending',
  ConditionWithStatusFalseExists: 'ConditionWithStatusFalseExists',
  FailedToCreate: 'FailedToCreate',
  FailedToUpdate: 'FailedToUpdate',
  KonnectAPIOpFailed: 'KonnectAPIOpFailed',
  FailedToSetControlPlaneGroupMembers: 'FailedToSetControlPlaneGroupMembers',
} as const;

/** A copy of `conditions` with `input` set, observed at `generation`. */
export function setCondition(conditions: readonly Condition[] | undefined, input: ConditionInput, generation: number | undefined, now: Date): Condition[] {
  return setRuntimeCondition(conditions, { ...input, ...(generation !== undefined ? { observedGeneration: generation } : {}) }, now);
}

/** Sets every input in order. */
export function setConditions(conditions: readonly Condition[] | undefined, inputs: readonly ConditionInput[], generation: number | undefined, now: Date): Condition[] {
  let list = [...(conditions ?? [])];
  for (const input of inputs) list = setCondition(list, input, generation, now);
  return list;
}

/** True when the condition is True and observed for this generation. */
export function isTrueFor(conditions: readonly Condition[] | undefined, type: string, generation: number | undefined): boolean {
  const c = findCondition(conditions, type);
  return c?.status === 'True' && (generation === undefined || c.observedGeneration === undefined || c.observedGeneration === generation);
}

export const trueCondition = (type: string, reason: string, message: string): ConditionInput => ({ type, status: 'True', reason, message });
export const falseCondition = (type: string, reason: string, message: string): ConditionInput => ({ type, status: 'False', reason, message });
