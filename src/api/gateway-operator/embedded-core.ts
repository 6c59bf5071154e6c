// The Kubernetes core types embedded in gateway-operator kinds, in one place so every kind
// here uses the same pieces.
import { z } from 'zod';
import { freeformObject } from '../kit.ts';

export { podTemplateSpec } from '../common/core/pod.ts';
// TEMPORARY placeholders until src/api/common/core/autoscaling.ts lands.
export const horizontalPodAutoscalerBehavior = freeformObject();
export const metricSpecList = z.array(freeformObject());
