// Non-200 answers for requests that are not a decodable review. The apiserver treats any
// non-200 or malformed answer as a failed call and applies the webhook's failurePolicy; the
// body is a Kubernetes Status so the reason is readable in logs and by curl users.
import type { FastifyReply } from 'fastify';

export function statusBody(code: number, reason: string, message: string) {
  return { apiVersion: 'v1', kind: 'Status', status: 'Failure', code, reason, message };
}

export function badRequest(reply: FastifyReply, message: string) {
  return reply.code(400).send(statusBody(400, 'BadRequest', message));
}

const reasons: Record<number, string> = {
  400: 'BadRequest',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

export function reasonFor(code: number): string {
  return reasons[code] ?? (code >= 500 ? 'InternalError' : 'BadRequest');
}
