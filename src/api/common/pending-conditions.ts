// Status conditions that start as `<type>: Unknown/Pending` ("Waiting for controller"), the
// default every Konnect kind's CRD declares, on the conditions list or on the whole status.
import { z } from 'zod';
import { conditions } from './conditions.ts';

/** The condition a fresh object carries until the controller reports. */
export function pendingCondition(type: string) {
  return {
    lastTransitionTime: '1970-01-01T00:00:00Z',
    message: 'Waiting for controller',
    reason: 'Pending',
    status: 'Unknown' as const,
    type,
  };
}

/** `conditions` with `default: [<type> Pending]` on the list itself. */
export function conditionsPending(type: string, bounds: { minItems?: number; maxItems?: number } = {}) {
  return conditions(bounds).default([pendingCondition(type)]);
}

/** A status object with `default: {conditions: [<type> Pending]}` on the status node. */
export function statusPending<Shape extends z.ZodRawShape>(type: string, shape: Shape) {
  return z.object(shape).default({ conditions: [pendingCondition(type)] } as never);
}
