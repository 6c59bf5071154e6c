// Kubernetes field errors (k8s.io/apimachinery/pkg/util/validation/field) and their exact
// rendering, so every door (webhook, CLI, controller) prints what kube-apiserver prints.

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

export interface FieldError {
  type: FieldErrorType;
  /** Dotted field path as kube-apiserver prints it (`spec.listeners[0].tls`); `<nil>` for the root. */
  field: string;
  /** The offending value; omitted when the error type prints none. */
  badValue?: unknown;
  detail?: string;
}

/** The marker for an error whose value is deliberately not printed. */
export const OMIT_VALUE: unique symbol = Symbol('omitValue');

const typeText: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Root of an object: kube-apiserver prints a nil field path as `<nil>`. */
export const ROOT_FIELD = '<nil>';

/** Go's `%#v` for the values we meet (JSON-ish), used for maps and lists. */
function goSyntax(value: unknown): string {
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[string]interface {}{${entries.map(([k, v]) => `${JSON.stringify(k)}:${goSyntax(v)}`).join(', ')}}`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** `ErrorBody()`: the text after `<field>: `. */
export function errorBody(error: FieldError): string {
  let text: string;
  const kindText = typeText[error.type];
  if (
    error.type === 'FieldValueRequired' ||
    error.type === 'FieldValueForbidden' ||
    error.type === 'FieldValueTooLong' ||
    error.type === 'InternalError' ||
    !('badValue' in error) ||
    error.badValue === OMIT_VALUE
  ) {
    text = kindText;
  } else {
    const value = error.badValue;
    if (value === null || value === undefined) text = `${kindText}: "null"`;
    else if (typeof value === 'string') text = `${kindText}: ${JSON.stringify(value)}`;
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = `${kindText}: ${value}`;
    else text = `${kindText}: ${goSyntax(value)}`;
  }
  if (error.detail) text += `: ${error.detail}`;
  return text;
}

/** `Error()`: `<field>: <body>`. */
export function formatFieldError(error: FieldError): string {
  return `${error.field || ROOT_FIELD}: ${errorBody(error)}`;
}

/** `errors.NewInvalid(...)` message: `Kind.group "name" is invalid: <one>` or `[<a>, <b>]`. */
export function invalidMessage(qualifiedKind: string, name: string, errors: FieldError[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const error of errors) {
    const text = formatFieldError(error);
    if (!seen.has(text)) {
      seen.add(text);
      parts.push(text);
    }
  }
  const aggregate = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return `${qualifiedKind} ${JSON.stringify(name)} is invalid: ${aggregate}`;
}

/** Constructors mirroring field.Required, field.Invalid, ... */
export const fieldErrors = {
  required: (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail }),
  invalid: (field: string, badValue: unknown, detail = ''): FieldError => ({ type: 'FieldValueInvalid', field, badValue, detail }),
  notSupported: (field: string, badValue: unknown, supported: string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    badValue,
    detail: supported.length ? `supported values: ${supported.map((v) => JSON.stringify(v)).join(', ')}` : '',
  }),
  forbidden: (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail }),
  tooLong: (field: string, maxLength: number): FieldError => ({
    type: 'FieldValueTooLong',
    field,
    detail: `may not be more than ${maxLength} bytes`,
  }),
  tooMany: (field: string, actual: number, max: number): FieldError => ({
    type: 'FieldValueTooMany',
    field,
    badValue: actual,
    detail: `must have at most ${max} items`,
  }),
  duplicate: (field: string, badValue: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, badValue }),
  notFound: (field: string, badValue: unknown): FieldError => ({ type: 'FieldValueNotFound', field, badValue }),
  typeInvalid: (field: string, badValue: unknown, detail: string): FieldError => ({ type: 'FieldValueTypeInvalid', field, badValue, detail }),
  internal: (field: string, detail: string): FieldError => ({ type: 'InternalError', field, detail }),
};
