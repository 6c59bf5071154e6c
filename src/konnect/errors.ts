// Typed Konnect errors. Every error carries the operation that failed and Konnect's problem
// details in whichever of the three body families the API answered with (problem+json,
// the core-entity gRPC-gateway shape, the legacy `{message}` shape). Tokens never appear here:
// errors are built from the method, the path and the response body only.

/** What was being done when Konnect answered (for messages, metrics and conditions). */
export interface KonnectOperation {
  /** e.g. `create`, `get`, `list`, `update`, `delete`, `upsert`. */
  action: string;
  /** e.g. `service`, `control plane`, `organization`. */
  entity: string;
  method: string;
  /** Request path without query (ids only, never credentials). */
  path: string;
}

/** One entry of problem+json `invalid_parameters` (platform APIs). */
export interface InvalidParameter {
  field: string;
  rule?: string;
  reason: string;
  source?: string;
  minimum?: number;
  maximum?: number;
}

/** One entry of a core-entity 400 body's `details` (gRPC gateway `ErrorDetail`). */
export interface CoreErrorDetail {
  type?: string;
  field?: string;
  messages?: string[];
}

/** Konnect's error body, normalised across the API families. */
export interface ProblemDetails {
  status: number;
  title?: string;
  type?: string;
  detail?: string;
  /** Trace id (`kong:trace:<n>`); callers writing conditions should drop it to avoid churn. */
  instance?: string;
  invalid_parameters?: InvalidParameter[];
  /** Core entities: gRPC status code (3 INVALID_ARGUMENT, 6 ALREADY_EXISTS, 7 PERMISSION_DENIED). */
  code?: number;
  /** Core entities / legacy shapes: `message`. */
  message?: string;
  details?: CoreErrorDetail[];
}

export interface KonnectErrorInit {
  operation: KonnectOperation;
  problem?: ProblemDetails;
  cause?: unknown;
}

export class KonnectError extends Error {
  readonly operation: KonnectOperation;
  readonly problem: ProblemDetails | undefined;
  readonly status: number | undefined;

  constructor(message: string, init: KonnectErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.operation = init.operation;
    this.problem = init.problem;
    this.status = init.problem?.status;
  }
}

/** 404: the entity (or its control plane / parent) does not exist. */
export class KonnectNotFoundError extends KonnectError {}

/**
 * A create collided with an existing entity: 409 (control planes), or a core-entity 400
 * "data constraint error" with `(type: unique) constraint failed`, or gRPC code 6.
 * The reconciler adopts on this: look up by `k8s-uid` tag.
 */
export class KonnectConflictError extends KonnectError {}

/** 429. `retryAfterMs` comes from `Retry-After` (seconds or HTTP date), default 15 s. */
export class KonnectRateLimitError extends KonnectError {
  readonly retryAfterMs: number;
  readonly retryAfterHeader: boolean;
  constructor(message: string, init: KonnectErrorInit & { retryAfterMs: number; retryAfterHeader: boolean }) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
    this.retryAfterHeader = init.retryAfterHeader;
  }
}

/** 400 (and other 4xx the user must fix): validation, missing references, forbidden writes. */
export class KonnectValidationError extends KonnectError {
  get invalidParameters(): InvalidParameter[] {
    return this.problem?.invalid_parameters ?? [];
  }
  /** Core-entity 400 whose details are all `ERROR_TYPE_REFERENCE`: a parent not there yet; retry soon. */
  get isReferenceOnly(): boolean {
    const details = this.problem?.details ?? [];
    return details.length > 0 && details.every((d) => d.type === 'ERROR_TYPE_REFERENCE');
  }
}

/** 401 / 403: bad or insufficient token (or a KIC control plane refusing writes). */
export class KonnectAuthError extends KonnectError {}

/** 5xx after the retries allowed for the method were used up. */
export class KonnectServerError extends KonnectError {}

/** No HTTP answer: connection refused/reset, socket dropped, timeout. */
export class KonnectNetworkError extends KonnectError {
  readonly timedOut: boolean;
  constructor(message: string, init: KonnectErrorInit & { timedOut: boolean }) {
    super(message, init);
    this.timedOut = init.timedOut;
  }
}

export const DEFAULT_RATE_LIMIT_RETRY_MS = 15_000;

const UNIQUE_VIOLATION = '(type: unique) constraint failed';

/** Normalises any Konnect error body into ProblemDetails. */
export function toProblem(status: number, body: unknown): ProblemDetails {
  const problem: ProblemDetails = { status };
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    if (typeof body === 'string' && body.trim()) problem.detail = body.trim().slice(0, 500);
    return problem;
  }
  const b = body as Record<string, unknown>;
  for (const key of ['title', 'type', 'detail', 'instance', 'message'] as const) {
    if (typeof b[key] === 'string') problem[key] = b[key];
  }
  if (typeof b.code === 'number') problem.code = b.code;
  if (Array.isArray(b.invalid_parameters)) problem.invalid_parameters = b.invalid_parameters as InvalidParameter[];
  if (Array.isArray(b.details)) problem.details = b.details as CoreErrorDetail[];
  return problem;
}

export function isUniqueViolation(problem: ProblemDetails): boolean {
  if (problem.code === 6) return true;
  if (problem.code !== 3) return false;
  if (problem.message === 'data constraint error' && (problem.details ?? []).some((d) => (d.messages ?? []).some((m) => m.includes(UNIQUE_VIOLATION)))) return true;
  return [problem.message, problem.detail].some((text) => text?.includes(UNIQUE_VIOLATION));
}

function describe(problem: ProblemDetails): string {
  const parts: string[] = [];
  const head = problem.title ?? problem.message;
  if (head) parts.push(head);
  if (problem.detail && problem.detail !== head) parts.push(problem.detail);
  for (const p of problem.invalid_parameters ?? []) parts.push(`${p.field}: ${p.reason}`);
  for (const d of problem.details ?? []) {
    const text = (d.messages ?? []).join('; ');
    if (text) parts.push(d.field ? `${d.field}: ${text}` : text);
  }
  return parts.join(': ');
}

export function operationLabel(op: KonnectOperation): string {
  return `${op.action} ${op.entity} (${op.method} ${op.path})`;
}

/** Maps an HTTP error answer to its typed error. `retryAfterMs` is only used for 429. */
export function errorFromResponse(
  operation: KonnectOperation,
  status: number,
  body: unknown,
  retryAfter?: { ms: number; fromHeader: boolean },
): KonnectError {
  const problem = toProblem(status, body);
  const text = describe(problem);
  const message = `Konnect ${operationLabel(operation)} failed with ${status}${text ? `: ${text}` : ''}`;
  const init = { operation, problem };
  if (status === 404) return new KonnectNotFoundError(message, init);
  if (status === 409 || (status === 400 && isUniqueViolation(problem))) return new KonnectConflictError(message, init);
  if (status === 429) {
    return new KonnectRateLimitError(message, {
      ...init,
      retryAfterMs: retryAfter?.ms ?? DEFAULT_RATE_LIMIT_RETRY_MS,
      retryAfterHeader: retryAfter?.fromHeader ?? false,
    });
  }
  if (status === 401) return new KonnectAuthError(message, init);
  if (status === 403) {
    // A KIC control plane refusing core-entity writes is a usage constraint, not a token problem.
    return problem.code === 7 ? new KonnectValidationError(message, init) : new KonnectAuthError(message, init);
  }
  if (status >= 500) return new KonnectServerError(message, init);
  return new KonnectValidationError(message, init);
}
