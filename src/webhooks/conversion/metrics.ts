// Conversion metrics: per object, by kind, direction and outcome, plus latency per review.
import { Counter, Histogram, type Registry } from 'prom-client';

export interface ConversionMetrics {
  objects: Counter<'kind' | 'from_version' | 'to_version' | 'result'>;
  latency: Histogram<'result'>;
}

const byRegistry = new WeakMap<Registry, ConversionMetrics>();

export function conversionMetrics(registry: Registry): ConversionMetrics {
  const existing = byRegistry.get(registry);
  if (existing) return existing;
  const metrics: ConversionMetrics = {
    objects: new Counter({
      name: 'controller_runtime_conversion_webhook_objects_total',
      help: 'Objects converted by the conversion webhook, by kind, versions and result.',
      labelNames: ['kind', 'from_version', 'to_version', 'result'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'controller_runtime_conversion_webhook_latency_seconds',
      help: 'Time to convert one ConversionReview.',
      labelNames: ['result'],
      buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers: [registry],
    }),
  };
  byRegistry.set(registry, metrics);
  return metrics;
}
