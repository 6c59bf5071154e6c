// The contract between certificate sources and the HTTPS server: the latest pair, a promise
// for the first one, and a callback on change. A server applies each new pair with
// tls.Server#setSecureContext: new handshakes get it, open keep-alive connections carry on.
//
// Implementations: DirectoryCertificateSource (--cert-dir: cert-manager, a mounted Secret),
// ManagedCertificateSource over a MaterialStore (development directory today; an in-cluster
// Secret store is the same source with another store).
import type { Server as TlsServer } from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import { recordReload, recordReloadError, type CertificateMetrics } from './metrics.ts';
import { silentLogger, type CertLogger, type ServingPair } from './types.ts';

export interface CertificateSource {
  /** cert-dir, development or cluster: the metrics label and log field. */
  readonly name: string;
  /** Resolves with the first valid pair; never rejects (a source keeps trying). */
  readonly ready: Promise<ServingPair>;
  /** Begins loading and watching; resolves like `ready`. */
  start(): Promise<ServingPair>;
  current(): ServingPair | undefined;
  /** Called with every pair taken into service after the first; returns an unsubscribe. */
  onChange(listener: (pair: ServingPair) => void): () => void;
  close(): Promise<void>;
}

export interface SourceOptions {
  metrics?: CertificateMetrics;
  logger?: CertLogger;
}

export function servingPair(cert: string, key: string, ca: string | undefined, leaf: X509Certificate): ServingPair {
  return {
    cert,
    key,
    ...(ca ? { ca } : {}),
    serialNumber: leaf.serialNumber,
    notBefore: new Date(leaf.validFrom),
    notAfter: new Date(leaf.validTo),
  };
}

/** Bookkeeping every source shares: the current pair, `ready`, listeners and metrics. */
export abstract class PublishingSource implements CertificateSource {
  abstract readonly name: string;
  readonly ready: Promise<ServingPair>;
  protected readonly metrics: CertificateMetrics | undefined;
  protected readonly logger: CertLogger;
  private pair: ServingPair | undefined;
  private resolveReady!: (pair: ServingPair) => void;
  private readonly listeners = new Set<(pair: ServingPair) => void>();

  constructor(options: SourceOptions) {
    this.metrics = options.metrics;
    this.logger = options.logger ?? silentLogger;
    this.ready = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
  }

  abstract start(): Promise<ServingPair>;
  abstract close(): Promise<void>;

  current(): ServingPair | undefined {
    return this.pair;
  }

  onChange(listener: (pair: ServingPair) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected publish(pair: ServingPair): void {
    const first = this.pair === undefined;
    this.pair = pair;
    recordReload(this.metrics, this.name, pair);
    this.logger.info(
      { source: this.name, serialNumber: pair.serialNumber, notAfter: pair.notAfter.toISOString() },
      first ? 'serving certificate loaded' : 'serving certificate reloaded',
    );
    if (first) {
      this.resolveReady(pair);
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(pair);
      } catch (error) {
        this.logger.error({ source: this.name, err: error }, 'certificate change listener failed');
      }
    }
  }

  /** A failed load or renewal: the previous pair (if any) stays in service. */
  protected rejectUpdate(reason: string, fields: object = {}): void {
    recordReloadError(this.metrics, this.name);
    const serving = this.pair?.serialNumber;
    this.logger.warn(
      { source: this.name, reason, ...fields, ...(serving ? { servingSerialNumber: serving } : {}) },
      serving ? 'new certificate rejected; still serving the previous one' : 'no usable certificate yet',
    );
  }
}

/**
 * Keeps a TLS (or HTTPS, or Fastify's) server on the source's latest pair. Call after the
 * server was created with the ready pair; returns an unsubscribe.
 */
export function followCertificateSource(server: TlsServer, source: CertificateSource): () => void {
  return source.onChange((pair) => server.setSecureContext({ cert: pair.cert, key: pair.key }));
}
