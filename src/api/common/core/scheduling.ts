// Scheduling pieces of a pod spec: tolerations and topology spread constraints.
import { z } from 'zod';
import { atomicList, integer } from '../../kit.ts';
import { labelSelector } from './references.ts';

/** corev1.Toleration. */
export const toleration = z.object({
  effect: z.string().optional(),
  key: z.string().optional(),
  operator: z.string().optional(),
  tolerationSeconds: integer('int64').optional(),
  value: z.string().optional(),
});

/** corev1.TopologySpreadConstraint. */
export const topologySpreadConstraint = z.object({
  labelSelector: labelSelector.optional(),
  matchLabelKeys: atomicList(z.string()).optional(),
  maxSkew: integer('int32'),
  minDomains: integer('int32').optional(),
  nodeAffinityPolicy: z.string().optional(),
  nodeTaintsPolicy: z.string().optional(),
  topologyKey: z.string(),
  whenUnsatisfiable: z.string(),
});
