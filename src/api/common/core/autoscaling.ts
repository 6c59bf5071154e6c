// autoscaling/v2 types the operator's horizontal scaling embeds: MetricSpec and
// HorizontalPodAutoscalerBehavior, plus the operator's HorizontalScaling wrapper around them.
import { z } from 'zod';
import { atomicList, integer } from '../../kit.ts';
import { quantity } from './quantities.ts';
import { labelSelector } from './references.ts';

/** autoscalingv2.HPAScalingPolicy. */
export const hpaScalingPolicy = z.object({
  periodSeconds: integer('int32'),
  type: z.string(),
  value: integer('int32'),
});

/** autoscalingv2.HPAScalingRules (scaleUp / scaleDown). */
export const hpaScalingRules = z.object({
  policies: atomicList(hpaScalingPolicy).optional(),
  selectPolicy: z.string().optional(),
  stabilizationWindowSeconds: integer('int32').optional(),
  tolerance: quantity().optional(),
});

/** autoscalingv2.HorizontalPodAutoscalerBehavior. */
export const horizontalPodAutoscalerBehavior = z.object({
  scaleDown: hpaScalingRules.optional(),
  scaleUp: hpaScalingRules.optional(),
});

/** autoscalingv2.MetricTarget. */
export const metricTarget = z.object({
  averageUtilization: integer('int32').optional(),
  averageValue: quantity().optional(),
  type: z.string(),
  value: quantity().optional(),
});

/** autoscalingv2.MetricIdentifier. */
export const metricIdentifier = z.object({
  name: z.string(),
  selector: labelSelector.optional(),
});

/** autoscalingv2.CrossVersionObjectReference. */
export const crossVersionObjectReference = z.object({
  apiVersion: z.string().optional(),
  kind: z.string(),
  name: z.string(),
});

/** autoscalingv2.ExternalMetricSource / PodsMetricSource (same shape). */
export const externalMetricSource = z.object({
  metric: metricIdentifier,
  target: metricTarget,
});
export const podsMetricSource = externalMetricSource;

/** autoscalingv2.MetricSpec. */
export const metricSpec = z.object({
  containerResource: z.object({
    container: z.string(),
    name: z.string(),
    target: metricTarget,
  }).optional(),
  external: externalMetricSource.optional(),
  object: z.object({
    describedObject: crossVersionObjectReference,
    metric: metricIdentifier,
    target: metricTarget,
  }).optional(),
  pods: podsMetricSource.optional(),
  resource: z.object({
    name: z.string(),
    target: metricTarget,
  }).optional(),
  type: z.string(),
});

/**
 * The operator's HorizontalScaling (`deployment.scaling.horizontal`): replica bounds, metrics
 * and behavior. GatewayConfiguration v2beta1 caps `metrics` at 8 items (`maxMetrics: 8`).
 */
export function horizontalScaling(options: { maxMetrics?: number } = {}) {
  const metrics = atomicList(metricSpec);
  return z.object({
    behavior: horizontalPodAutoscalerBehavior.optional(),
    maxReplicas: integer('int32'),
    metrics: (options.maxMetrics === undefined ? metrics : metrics.max(options.maxMetrics)).optional(),
    minReplicas: integer('int32').optional(),
  });
}
