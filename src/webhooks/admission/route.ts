// POST /validate: decode, route by request.kind to the validator registry, answer in the
// AdmissionReview version received, log one line per review, count it.
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../log.ts';
import type { WebhookMetrics } from '../metrics.ts';
import { badRequest } from '../http-errors.ts';
import { decide } from './decide.ts';
import { decodeAdmissionReview, encodeAdmissionReview, objectName } from './review.ts';
import type { ValidatorRegistry } from './validators.ts';

export interface AdmissionRouteOptions {
  path?: string;
  validators: ValidatorRegistry;
  logger: Logger;
  metrics: WebhookMetrics;
}

export function registerAdmissionRoute(app: FastifyInstance, options: AdmissionRouteOptions): void {
  const path = options.path ?? '/validate';
  const { metrics, logger, validators } = options;
  // Label children bound once: the per-request cost is an add, not a label hash.
  const inFlight = metrics.inFlight.labels({ webhook: path });
  const latency = metrics.latency.labels({ webhook: path });
  const answered = metrics.requests.labels({ webhook: path, code: '200' });
  app.post(path, async (req, reply) => {
    const started = process.hrtime.bigint();
    inFlight.inc();
    try {
      const decoded = decodeAdmissionReview(req.body);
      if (!decoded.ok) {
        metrics.requests.inc({ webhook: path, code: '400' });
        logger.warn({ webhook: path, reason: decoded.message }, 'undecodable AdmissionReview');
        return badRequest(reply, `invalid AdmissionReview: ${decoded.message}`);
      }
      const { request } = decoded;
      const decision = await decide(request, validators.lookup(request.kind));
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      answered.inc();
      latency.observe(durationMs / 1000);
      const line = () => ({
        uid: request.uid,
        kind: `${request.kind.group}/${request.kind.version}/${request.kind.kind}`,
        namespace: request.namespace,
        name: objectName(request),
        operation: request.operation,
        dryRun: request.dryRun,
        allowed: decision.response.allowed,
        durationMs: Math.round(durationMs * 1000) / 1000,
      });
      if (decision.panic !== undefined) {
        metrics.panics.inc({ webhook: path });
        logger.error({ ...line(), err: decision.panic }, 'validator failed');
      } else if (logger.isLevelEnabled('info')) {
        logger.info(line(), 'admission review');
      }
      return reply.code(200).send(encodeAdmissionReview(decoded.apiVersion, decision.response));
    } finally {
      inFlight.dec();
    }
  });
}
