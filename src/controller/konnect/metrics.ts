// Konnect operation metrics (KGO's gateway_operator_konnect_entity_operation_* under kongward's
// prefix): one count and one duration per operation, labelled by entity type, operation,
// success and the HTTP status Konnect answered (`network` when none came).
import { Counter, Histogram, type Registry } from 'prom-client';
import { KonnectError } from '../../konnect/errors.ts';

type Labels = 'entity_type' | 'operation' | 'success' | 'status_code';

export class KonnectMetrics {
  readonly count: Counter<Labels>;
  readonly duration: Histogram<Labels>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.count = new Counter({ name: 'kongward_konnect_entity_operation_count', help: 'Konnect operations per entity type, operation, success and status code', labelNames: ['entity_type', 'operation', 'success', 'status_code'], registers });
    this.duration = new Histogram({
      name: 'kongward_konnect_entity_operation_duration_milliseconds',
      help: 'Duration of Konnect operations in milliseconds',
      labelNames: ['entity_type', 'operation', 'success', 'status_code'],
      buckets: [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
      registers,
    });
  }

  /** Runs `fn`, recording its outcome. `okStatus` is the status code of a success. */
  async measure<T>(entityType: string, operation: string, okStatus: number, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let labels: Record<Labels, string>;
    try {
      const result = await fn();
      labels = { entity_type: entityType, operation, success: 'true', status_code: String(okStatus) };
      return result;
    } catch (error) {
      const status = error instanceof KonnectError ? (error.status ?? 'network') : 'error';
      labels = { entity_type: entityType, operation, success: 'false', status_code: String(status) };
      throw error;
    } finally {
      this.count.inc(labels!);
      this.duration.observe(labels!, performance.now() - started);
    }
  }
}

/** `metrics.measure` when metrics are configured, the bare call otherwise. */
export function measured<T>(metrics: KonnectMetrics | undefined, entityType: string, operation: string, okStatus: number, fn: () => Promise<T>): Promise<T> {
  return metrics ? metrics.measure(entityType, operation, okStatus, fn) : fn();
}
