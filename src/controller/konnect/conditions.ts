// Status conditions (KEP-1623 shape) and the condition types/reasons KGO writes on Konnect
// objects. `setCondition` keeps lastTransitionTime when the status does not change, so a
// resync that changes nothing writes nothing.
// TODO(runtime): switch to the runtime's conditions helpers once they land.

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime: string;
}

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

/** A copy of `conditions` with `input` set; lastTransitionTime moves only when the status changes. */
export function setCondition(conditions: readonly Condition[] | undefined, input: ConditionInput, generation: number | undefined, now: Date): Condition[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((c) => c.type === input.type);
  const previous = index >= 0 ? list[index] : undefined;
  const next: Condition = {
    type: input.type,
    status: input.status,
    reason: input.reason,
    message: input.message,
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    lastTransitionTime: previous && previous.status === input.status ? previous.lastTransitionTime : now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  if (index >= 0) list[index] = next;
  else list.push(next);
  return list;
}

/** Sets every input in order. */
export function setConditions(conditions: readonly Condition[] | undefined, inputs: readonly ConditionInput[], generation: number | undefined, now: Date): Condition[] {
  let list = [...(conditions ?? [])];
  for (const input of inputs) list = setCondition(list, input, generation, now);
  return list;
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** True when the condition is True and observed for this generation. */
export function isTrueFor(conditions: readonly Condition[] | undefined, type: string, generation: number | undefined): boolean {
  const c = findCondition(conditions, type);
  return c?.status === 'True' && (generation === undefined || c.observedGeneration === undefined || c.observedGeneration === generation);
}

export const trueCondition = (type: string, reason: string, message: string): ConditionInput => ({ type, status: 'True', reason, message });
export const falseCondition = (type: string, reason: string, message: string): ConditionInput => ({ type, status: 'False', reason, message });
