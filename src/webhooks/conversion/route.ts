// POST /convert: ConversionReview in, ConversionReview out; same bad-input handling as
// /validate (400 with a Status body for undecodable reviews).
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../log.ts';
import { badRequest } from '../http-errors.ts';
import type { WebhookMetrics } from '../metrics.ts';
import { convertReview } from './convert-review.ts';
import type { ConversionMetrics } from './metrics.ts';
import { conversionResponse, decodeConversionReview } from './review.ts';

export interface ConversionRouteOptions {
  path?: string;
  logger: Logger;
  metrics: WebhookMetrics;
  conversionMetrics: ConversionMetrics;
}

export function registerConversionRoute(app: FastifyInstance, options: ConversionRouteOptions): void {
  const path = options.path ?? '/convert';
  const { metrics, logger } = options;
  app.post(path, async (req, reply) => {
    const started = process.hrtime.bigint();
    metrics.inFlight.inc({ webhook: path });
    try {
      const decoded = decodeConversionReview(req.body);
      if (!decoded.ok) {
        metrics.requests.inc({ webhook: path, code: '400' });
        logger.warn({ webhook: path, reason: decoded.message }, 'undecodable ConversionReview');
        return badRequest(reply, `invalid ConversionReview: ${decoded.message}`);
      }
      const { request } = decoded;
      const result = convertReview(request);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const outcome = result.failure ? 'failure' : 'success';
      for (const o of result.outcomes) {
        options.conversionMetrics.objects.inc({ kind: o.kind, from_version: o.from, to_version: o.to, result: o.ok ? 'success' : 'failure' });
      }
      options.conversionMetrics.latency.observe({ result: outcome }, seconds);
      metrics.requests.inc({ webhook: path, code: '200' });
      metrics.latency.observe({ webhook: path }, seconds);
      const line = { uid: request.uid, desiredAPIVersion: request.desiredAPIVersion, objects: request.objects.length, result: outcome, durationMs: Math.round(seconds * 1e6) / 1e3 };
      if (result.failure) logger.warn({ ...line, message: result.failure }, 'conversion failed');
      else logger.info(line, 'conversion review');
      return reply.code(200).send(conversionResponse(request.uid, result.failure ? { failure: result.failure } : { convertedObjects: result.converted }));
    } finally {
      metrics.inFlight.dec({ webhook: path });
    }
  });
}
