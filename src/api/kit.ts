// Authoring kit for kongward's API schemas. A kind's schema is plain zod (types, required,
// enums, defaults, lengths, patterns); everything Kubernetes adds on top of OpenAPI (CEL
// rules, list types, int-or-string, preserve-unknown-fields, formats) is zod metadata under
// the same key the CRD uses, so the validation engine and the CRD generator read one source.
import { z } from 'zod';

/** One `x-kubernetes-validations` entry, exactly as it appears in a CRD. */
export interface CelRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  /** JSONPath-like relative path the error is reported on, e.g. `.spec.host`. */
  fieldPath?: string;
  reason?: 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';
  optionalOldSelf?: boolean;
}

/** Kubernetes OpenAPI extensions a schema node may carry. */
export interface KubernetesExtensions {
  'x-kubernetes-validations'?: CelRule[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  format?: string;
  description?: string;
  /** Extra OpenAPI keywords zod cannot express directly (e.g. `maxProperties`). */
  openapi?: Record<string, unknown>;
}

/** Attaches Kubernetes extensions to a schema node, merging with what it already carries. */
export function k8s<T extends z.ZodType>(schema: T, extensions: KubernetesExtensions): T {
  const previous = (z.globalRegistry.get(schema) ?? {}) as KubernetesExtensions;
  const merged: KubernetesExtensions = { ...previous, ...extensions };
  if (previous['x-kubernetes-validations'] && extensions['x-kubernetes-validations']) {
    merged['x-kubernetes-validations'] = [
      ...previous['x-kubernetes-validations'],
      ...extensions['x-kubernetes-validations'],
    ];
  }
  if (previous.openapi && extensions.openapi) merged.openapi = { ...previous.openapi, ...extensions.openapi };
  return schema.meta(merged as z.core.GlobalMeta) as T;
}

/** Reads the Kubernetes extensions attached to one schema node (not its wrappers). */
export function extensionsOf(schema: z.ZodType): KubernetesExtensions {
  return (z.globalRegistry.get(schema) ?? {}) as KubernetesExtensions;
}

/** A CEL rule with its message: `cel("self.x > 0", "x must be positive")`. */
export function cel(rule: string, message?: string, options: Omit<CelRule, 'rule' | 'message'> = {}): CelRule {
  return message === undefined ? { rule, ...options } : { rule, message, ...options };
}

/** Attaches CEL rules (in order) to a schema node. */
export function withRules<T extends z.ZodType>(schema: T, ...rules: CelRule[]): T {
  return k8s(schema, { 'x-kubernetes-validations': rules });
}

/** OpenAPI `type: integer` with an optional format; explicit bounds come from `.min()`/`.max()`. */
export function integer(format?: 'int32' | 'int64') {
  const schema = z.int();
  return format ? k8s(schema, { format }) : schema;
}

/** `x-kubernetes-int-or-string: true` (e.g. a port name or number). */
export function intOrString() {
  return k8s(z.union([z.int(), z.string()]), { 'x-kubernetes-int-or-string': true });
}

/** A string with an OpenAPI format the apiserver checks (`date-time`, `uri`, `uuid`, ...). */
export function formatted(format: string) {
  return k8s(z.string(), { format });
}

/** Any JSON under this node is kept (`x-kubernetes-preserve-unknown-fields: true`, no type). */
export function anyJson() {
  return k8s(z.unknown(), { 'x-kubernetes-preserve-unknown-fields': true });
}

/** An object whose unknown fields are kept (`type: object` + preserve-unknown-fields). */
export function freeformObject() {
  return k8s(z.record(z.string(), z.unknown()), { 'x-kubernetes-preserve-unknown-fields': true });
}

/** `x-kubernetes-list-type: map` keyed by the given item fields. */
export function listMap<T extends z.ZodType>(item: T, keys: string[]) {
  return k8s(z.array(item), { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': keys });
}

/** `x-kubernetes-list-type: set` (items unique). */
export function listSet<T extends z.ZodType>(item: T) {
  return k8s(z.array(item), { 'x-kubernetes-list-type': 'set' });
}

/** `x-kubernetes-list-type: atomic`. */
export function atomicList<T extends z.ZodType>(item: T) {
  return k8s(z.array(item), { 'x-kubernetes-list-type': 'atomic' });
}

/** `x-kubernetes-map-type: atomic` on an object. */
export function atomicStruct<T extends z.ZodType>(schema: T): T {
  return k8s(schema, { 'x-kubernetes-map-type': 'atomic' });
}

/**
 * The top-level schema of a custom resource: apiVersion, kind, metadata (validated by the
 * apiserver itself, so `type: object` here), spec and status. Root-level CEL rules go in `rules`.
 */
export function resource<Spec extends z.ZodType, Status extends z.ZodType>(parts: {
  spec?: Spec;
  status?: Status;
  rules?: CelRule[];
  /** Top-level properties listed in the CRD's root `required` (e.g. `['spec']`). */
  required?: string[];
  /** Extra top-level properties some kinds have instead of (or beside) spec, e.g. KongPlugin `config`. */
  extra?: Record<string, z.ZodType>;
}) {
  const shape = {
    apiVersion: z.string().optional(),
    kind: z.string().optional(),
    metadata: z.looseObject({}).optional(),
    ...(parts.spec ? { spec: parts.required?.includes('spec') ? parts.spec : parts.spec.optional() } : {}),
    ...(parts.status ? { status: parts.status.optional() } : {}),
    ...(parts.extra ?? {}),
  };
  const root = z.object(shape);
  return parts.rules?.length ? withRules(root, ...parts.rules) : root;
}
