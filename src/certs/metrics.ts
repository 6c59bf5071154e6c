// Certificate metrics on a registry the caller owns: expiry as a gauge (alert on it days ahead)
// and reloads / reload errors as counters (a rising error count means we are serving an old pair).
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ServingPair } from './types.ts';
import { parseLeaf } from './x509.ts';

export interface CertificateMetrics {
  /** Unix seconds of notAfter; labels source (cert-dir, development, cluster) and certificate (serving, ca). */
  expiration: Gauge<'source' | 'certificate'>;
  /** New pairs taken into service, the first one included. */
  reloads: Counter<'source'>;
  /** Attempts that left the previous pair in service (invalid files, failed renewals). */
  reloadErrors: Counter<'source'>;
}

const metricsByRegistry = new WeakMap<Registry, CertificateMetrics>();

/** The certificate metrics of a registry, created once per registry. */
export function certificateMetrics(registry: Registry): CertificateMetrics {
  const existing = metricsByRegistry.get(registry);
  if (existing) return existing;
  const metrics: CertificateMetrics = {
    expiration: new Gauge({
      name: 'kongward_certificate_expiration_timestamp_seconds',
      help: 'Expiry (notAfter, Unix seconds) of the certificate being served and of its CA.',
      labelNames: ['source', 'certificate'],
      registers: [registry],
    }),
    reloads: new Counter({
      name: 'kongward_certificate_reloads_total',
      help: 'Serving certificate pairs taken into service, including the first one.',
      labelNames: ['source'],
      registers: [registry],
    }),
    reloadErrors: new Counter({
      name: 'kongward_certificate_reload_errors_total',
      help: 'Certificate loads or renewals that failed and left the previous pair in service.',
      labelNames: ['source'],
      registers: [registry],
    }),
  };
  metricsByRegistry.set(registry, metrics);
  return metrics;
}

/** Records a pair taken into service. */
export function recordReload(metrics: CertificateMetrics | undefined, source: string, pair: ServingPair): void {
  if (!metrics) return;
  metrics.reloads.inc({ source });
  metrics.expiration.set({ source, certificate: 'serving' }, pair.notAfter.getTime() / 1000);
  if (pair.ca) {
    try {
      metrics.expiration.set({ source, certificate: 'ca' }, Date.parse(parseLeaf(pair.ca).validTo) / 1000);
    } catch {
      // An unreadable ca.crt does not stop serving; the serving gauge is what matters.
    }
  }
}

export function recordReloadError(metrics: CertificateMetrics | undefined, source: string): void {
  metrics?.reloadErrors.inc({ source });
}
