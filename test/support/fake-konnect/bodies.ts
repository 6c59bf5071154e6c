// Error bodies in each Konnect API family's shape (see ../shared/reference/konnect-api.md §3).
import type { ServerResponse } from 'node:http';

export interface InvalidParameter {
  field: string;
  rule?: string;
  reason: string;
  minimum?: number;
  maximum?: number;
}

export interface CoreDetail {
  type: 'ERROR_TYPE_FIELD' | 'ERROR_TYPE_ENTITY' | 'ERROR_TYPE_REFERENCE';
  field?: string;
  messages: string[];
}

/** A ready answer: status, body, extra headers. Thrown by handlers to stop processing. */
export class FakeAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

let traceCounter = 1000;
const trace = () => `kong:trace:${++traceCounter}`;

const TITLES: Record<number, string> = {
  400: 'Invalid Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** problem+json (control planes, groups, identity). */
export function problem(status: number, detail: string, extra: { title?: string; invalid_parameters?: InvalidParameter[] } = {}): FakeAnswer {
  const body: Record<string, unknown> = {
    status,
    title: extra.title ?? TITLES[status] ?? 'Error',
    type: `https://httpstatuses.com/${status}`,
    instance: trace(),
    detail,
  };
  if (extra.invalid_parameters) body.invalid_parameters = extra.invalid_parameters;
  return new FakeAnswer(status, body, { 'content-type': 'application/problem+json' });
}

export const badRequest = (invalid: InvalidParameter[]) => problem(400, 'Invalid Parameters', { title: 'Invalid Request', invalid_parameters: invalid });

/** Core entities: gRPC-gateway body (`code` 3 = INVALID_ARGUMENT). */
export function coreError(status: number, code: number, message: string, details: CoreDetail[]): FakeAnswer {
  return new FakeAnswer(status, {
    code,
    message,
    details: details.map((d) => ({ '@type': 'type.googleapis.com/kong.admin.model.v1.ErrorDetail', ...d })),
  });
}

export const validationError = (details: CoreDetail[]) => coreError(400, 3, 'validation error', details);
export const constraintError = (details: CoreDetail[]) => coreError(400, 3, 'data constraint error', details);
export const coreNotFound = () => new FakeAnswer(404, { code: 5, message: 'not found' });
export const coreUnauthorized = () => new FakeAnswer(401, { message: 'Unauthorized', status: 401 });
export const kicForbidden = () => coreError(403, 7, 'usage constraint error', [{ type: 'ERROR_TYPE_ENTITY', messages: ['operation not permitted on KIC cluster'] }]);

/** DP client certificates ("CP legacy"). */
export const legacy = (status: number, message: string) => new FakeAnswer(status, { message });

export function send(res: ServerResponse, answer: FakeAnswer): void {
  const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
  const headers: Record<string, string | number> = { ...answer.headers };
  if (payload) headers['content-type'] ??= 'application/json; charset=utf-8';
  headers['content-length'] = Buffer.byteLength(payload);
  res.writeHead(answer.status, headers);
  res.end(payload);
}
