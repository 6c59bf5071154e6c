// The HTTPS webhook server: Fastify over HTTP/1.1 with TLS 1.2+, a 7 MiB body cap, keep-alive
// timeouts above the apiserver's idle timeout, certificate swaps for new handshakes without a
// restart, and a graceful drain on close.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../log.ts';
import { registerAdmissionRoute } from './admission/route.ts';
import { conversionMetrics } from './conversion/metrics.ts';
import { registerConversionRoute } from './conversion/route.ts';
import type { ValidatorRegistry } from './admission/validators.ts';
import { reasonFor, statusBody } from './http-errors.ts';
import { webhookMetrics } from './metrics.ts';
import { celLibrary } from '../validation/cel/library-loader.ts';

export const MAX_BODY_BYTES = 7 * 1024 * 1024;

export interface ServingCertificate {
  cert: string;
  key: string;
}

export interface WebhookServerOptions {
  host: string;
  port: number;
  certificate: ServingCertificate;
  validators: ValidatorRegistry;
  logger: Logger;
  metrics: Registry;
  /** Longer than the apiserver's idle connection timeout (90 s) so the client closes first. */
  keepAliveTimeoutMs?: number;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Longest time close() waits for in-flight requests before cutting connections. */
  shutdownTimeoutMs?: number;
}

export interface WebhookServer {
  app: FastifyInstance;
  port: number;
  url: string;
  /** True while the TLS listener is up and not shutting down. */
  isServing(): boolean;
  /** New handshakes use this pair; established connections keep theirs. */
  setCertificate(certificate: ServingCertificate): void;
  close(): Promise<void>;
}

export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const keepAliveTimeout = options.keepAliveTimeoutMs ?? 120_000;
  const headersTimeout = options.headersTimeoutMs ?? keepAliveTimeout + 5_000;
  const app = Fastify({
    https: { cert: options.certificate.cert, key: options.certificate.key, minVersion: 'TLSv1.2' },
    bodyLimit: MAX_BODY_BYTES,
    keepAliveTimeout,
    requestTimeout: options.requestTimeoutMs ?? headersTimeout + 5_000,
    logger: false,
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });
  app.server.headersTimeout = headersTimeout;

  let serving = false;
  let closing = false;
  const metrics = webhookMetrics(options.metrics);

  // While draining, answer what is already on the wire and close each connection afterwards.
  // (A callback hook: an async one costs a promise per request on the hot path.)
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  app.setErrorHandler((error: FastifyError, _req, reply) => {
    const code = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (code >= 500) options.logger.error({ err: error }, 'webhook request failed');
    const message = code === 413 ? `request body is larger than the ${MAX_BODY_BYTES} byte limit` : error.message;
    return reply.code(code).send(statusBody(code, reasonFor(code), message));
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send(statusBody(404, 'NotFound', `no webhook at ${req.method} ${req.url.split('?')[0]}`)),
  );

  // A long-running server loads the CEL library (for the rules the fast path leaves to it) and
  // every kind now, not in the first reviews that need them.
  celLibrary();
  options.validators.kinds();
  registerAdmissionRoute(app, { validators: options.validators, logger: options.logger, metrics });
  registerConversionRoute(app, { logger: options.logger, metrics, conversionMetrics: conversionMetrics(options.metrics) });

  await app.listen({ host: options.host, port: options.port });
  serving = true;
  const port = (app.server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    app,
    port,
    url: `https://${host}:${port}`,
    isServing: () => serving && !closing,
    setCertificate(certificate) {
      (app.server as import('node:https').Server).setSecureContext({ cert: certificate.cert, key: certificate.key, minVersion: 'TLSv1.2' });
    },
    async close() {
      if (closing) return;
      closing = true;
      const timer = setTimeout(() => app.server.closeAllConnections(), options.shutdownTimeoutMs ?? 25_000);
      timer.unref();
      try {
        await app.close();
      } finally {
        clearTimeout(timer);
        serving = false;
      }
    },
  };
}
