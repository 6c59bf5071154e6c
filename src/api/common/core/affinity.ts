// corev1.Affinity: node affinity, pod affinity and pod anti-affinity.
import { z } from 'zod';
import { atomicList, atomicStruct, integer } from '../../kit.ts';
import { labelSelector } from './references.ts';

/** corev1.NodeSelectorRequirement. */
export const nodeSelectorRequirement = z.object({
  key: z.string(),
  operator: z.string(),
  values: atomicList(z.string()).optional(),
});

/** corev1.NodeSelectorTerm. */
export const nodeSelectorTerm = atomicStruct(z.object({
  matchExpressions: atomicList(nodeSelectorRequirement).optional(),
  matchFields: atomicList(nodeSelectorRequirement).optional(),
}));

/** corev1.NodeSelector. */
export const nodeSelector = atomicStruct(z.object({
  nodeSelectorTerms: atomicList(nodeSelectorTerm),
}));

/** corev1.PreferredSchedulingTerm. */
export const preferredSchedulingTerm = z.object({
  preference: nodeSelectorTerm,
  weight: integer('int32'),
});

/** corev1.NodeAffinity. */
export const nodeAffinity = z.object({
  preferredDuringSchedulingIgnoredDuringExecution: atomicList(preferredSchedulingTerm).optional(),
  requiredDuringSchedulingIgnoredDuringExecution: nodeSelector.optional(),
});

/** corev1.PodAffinityTerm. */
export const podAffinityTerm = z.object({
  labelSelector: labelSelector.optional(),
  matchLabelKeys: atomicList(z.string()).optional(),
  mismatchLabelKeys: atomicList(z.string()).optional(),
  namespaceSelector: labelSelector.optional(),
  namespaces: atomicList(z.string()).optional(),
  topologyKey: z.string(),
});

/** corev1.WeightedPodAffinityTerm. */
export const weightedPodAffinityTerm = z.object({
  podAffinityTerm,
  weight: integer('int32'),
});

/** corev1.PodAffinity / PodAntiAffinity (same shape). */
export const podAffinity = z.object({
  preferredDuringSchedulingIgnoredDuringExecution: atomicList(weightedPodAffinityTerm).optional(),
  requiredDuringSchedulingIgnoredDuringExecution: atomicList(podAffinityTerm).optional(),
});
export const podAntiAffinity = podAffinity;

/** corev1.Affinity. */
export const affinity = z.object({
  nodeAffinity: nodeAffinity.optional(),
  podAffinity: podAffinity.optional(),
  podAntiAffinity: podAntiAffinity.optional(),
});
