// Webhook metrics with controller-runtime's names, on a registry the caller owns (tests and
// benchmarks create their own so nothing is global).
import { Counter, Gauge, Histogram, collectDefaultMetrics, type Registry } from 'prom-client';

export interface WebhookMetrics {
  requests: Counter<'webhook' | 'code'>;
  latency: Histogram<'webhook'>;
  inFlight: Gauge<'webhook'>;
  panics: Counter<'webhook'>;
}

const metricsByRegistry = new WeakMap<Registry, WebhookMetrics>();

/** The webhook metrics of a registry, created once per registry. */
export function webhookMetrics(registry: Registry, options: { processMetrics?: boolean } = {}): WebhookMetrics {
  const existing = metricsByRegistry.get(registry);
  if (existing) return existing;
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const metrics: WebhookMetrics = {
    requests: new Counter({
      name: 'controller_runtime_webhook_requests_total',
      help: 'Total number of admission and conversion requests by HTTP status code.',
      labelNames: ['webhook', 'code'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'controller_runtime_webhook_latency_seconds',
      help: 'Histogram of the latency of processing admission and conversion requests.',
      labelNames: ['webhook'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    inFlight: new Gauge({
      name: 'controller_runtime_webhook_requests_in_flight',
      help: 'Current number of admission and conversion requests being served.',
      labelNames: ['webhook'],
      registers: [registry],
    }),
    panics: new Counter({
      name: 'controller_runtime_webhook_panics_total',
      help: 'Total number of webhook requests whose handler failed unexpectedly.',
      labelNames: ['webhook'],
      registers: [registry],
    }),
  };
  metricsByRegistry.set(registry, metrics);
  return metrics;
}
