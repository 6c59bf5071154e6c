// metav1.Condition and the status shapes every Kong entity shares.
import { z } from 'zod';
import { formatted, integer, listMap } from '../kit.ts';

export const condition = z.object({
  lastTransitionTime: formatted('date-time'),
  message: z.string().max(32768),
  observedGeneration: integer('int64').min(0).optional(),
  reason: z.string().min(1).max(1024).regex(/^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/),
  status: z.enum(['True', 'False', 'Unknown']),
  type: z
    .string()
    .max(316)
    .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/),
});

/** `conditions` as a list-map keyed by type, with the bounds the kind's CRD declares. */
export function conditions(bounds: { minItems?: number; maxItems?: number } = {}) {
  let list = listMap(condition, ['type']);
  if (bounds.minItems !== undefined) list = list.min(bounds.minItems);
  if (bounds.maxItems !== undefined) list = list.max(bounds.maxItems);
  return list;
}

/** The status default Konnect entities start with: Programmed Unknown/Pending. */
export const programmedPending = {
  conditions: [
    {
      lastTransitionTime: '1970-01-01T00:00:00Z',
      message: 'Waiting for controller',
      reason: 'Pending',
      status: 'Unknown' as const,
      type: 'Programmed',
    },
  ],
};
