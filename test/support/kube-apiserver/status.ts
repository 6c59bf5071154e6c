// Kubernetes `Status` objects and the errors that carry them, with kube-apiserver's reasons
// and message shapes (`configmaps "x" not found`, `deployments.apps "x" already exists`).

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

/** What an error names: `plural` and `group` form the qualified resource (`deployments.apps`). */
export interface ResourceRef {
  plural: string;
  group: string;
  name?: string;
}

export class ApiError extends Error {
  readonly status: StatusObject;
  constructor(status: StatusObject) {
    super(status.message);
    this.status = status;
  }
}

export function qualifiedResource(ref: ResourceRef): string {
  return ref.group ? `${ref.plural}.${ref.group}` : ref.plural;
}

export function statusObject(code: number, reason: string, message: string, ref?: ResourceRef, causes?: StatusCause[]): StatusObject {
  const status: StatusObject = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (ref) {
    status.details = { group: ref.group, kind: ref.plural };
    if (ref.name !== undefined) status.details.name = ref.name;
    if (causes) status.details.causes = causes;
  } else if (causes) {
    status.details = { causes };
  }
  return status;
}

export const notFound = (ref: ResourceRef) =>
  new ApiError(statusObject(404, 'NotFound', `${qualifiedResource(ref)} "${ref.name ?? ''}" not found`, ref));

export const alreadyExists = (ref: ResourceRef) =>
  new ApiError(statusObject(409, 'AlreadyExists', `${qualifiedResource(ref)} "${ref.name ?? ''}" already exists`, ref));

export const conflict = (ref: ResourceRef) =>
  new ApiError(statusObject(409, 'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(ref)} "${ref.name ?? ''}": the object has been modified; please apply your changes to the latest version and try again`,
    ref));

export const badRequest = (message: string) => new ApiError(statusObject(400, 'BadRequest', message));

export const gone = (message: string) => new ApiError(statusObject(410, 'Expired', message));

export const unsupportedMediaType = (message: string) => new ApiError(statusObject(415, 'UnsupportedMediaType', message));

/** 422 Invalid: `<Kind> "<name>" is invalid: <field>: <detail>` (one cause per field error). */
export function invalid(kind: string, ref: ResourceRef, causes: { field: string; type: string; message: string }[]): ApiError {
  const rendered = causes.map((c) => `${c.field}: ${c.message}`);
  const joined = rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`;
  const qualifiedKind = ref.group ? `${kind}.${ref.group}` : kind;
  return new ApiError(statusObject(422, 'Invalid', `${qualifiedKind} "${ref.name ?? ''}" is invalid: ${joined}`,
    { ...ref, plural: kind }, causes.map((c) => ({ reason: c.type, message: c.message, field: c.field }))));
}

export const routeNotFound = () =>
  new ApiError(statusObject(404, 'NotFound', 'the server could not find the requested resource'));

export const methodNotAllowed = (method: string) =>
  new ApiError(statusObject(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${method})`));

/** Reason kube-apiserver uses for a bare HTTP code (for injected faults). */
export function reasonForCode(code: number): string {
  const reasons: Record<number, string> = {
    400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed',
    409: 'Conflict', 410: 'Expired', 415: 'UnsupportedMediaType', 422: 'Invalid', 429: 'TooManyRequests',
    500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout',
  };
  return reasons[code] ?? 'Unknown';
}
