// Structural pruning and defaulting, as kube-apiserver does them on decode: fields the schema
// does not know are dropped (or reported, for strict offline validation), nulls of
// non-nullable fields are dropped, then absent fields with a default get a copy of it,
// recursively (inside defaulted values and list items too).
// Copy-on-write: the input is never mutated; a subtree that needs no change is returned as is,
// so the result shares unchanged subtrees with the input (treat both as read-only).
import { walkOf, type SchemaNode } from './schema-node.ts';
import { isPlainObject } from './values.ts';

export interface PruneSink {
  /** Dotted paths of pruned fields, collected when strict validation is asked for. */
  unknown?: string[];
}

/** Deep copy of a JSON value (defaults are JSON; much cheaper than structuredClone). */
export function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const copied = copyJson((value as Record<string, unknown>)[key]);
    if (key === '__proto__') setOwn(out, key, copied);
    else out[key] = copied;
  }
  return out as T;
}

/** Plain assignment, except that a `__proto__` key stays an own property. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** A node's default, itself pruned and defaulted (computed once; callers copy it). */
function defaultOf(node: SchemaNode): unknown {
  if (!node.prunedDefault) node.prunedDefault = { value: pruneAndDefault(node, copyJson(node.default), '', {}) };
  return node.prunedDefault.value;
}

/** The path only matters for reporting unknown fields: it is built only when they are collected. */
export function pruneAndDefault(node: SchemaNode, value: unknown, path: string, sink: PruneSink): unknown {
  if (Array.isArray(value)) {
    const items = node.items;
    if (!items || node.type !== 'array') return value;
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const next = pruneAndDefault(items, item, sink.unknown ? `${path}[${i}]` : '', sink);
      if (next !== item) {
        out ??= value.slice();
        out[i] = next;
      }
    }
    return out ?? value;
  }
  if (!isPlainObject(value) || node.type !== 'object' || node.isMetadata) return value;
  const properties = node.properties;
  const additional = node.additionalProperties;
  if (!properties && !additional) return value; // free-form object (preserve-unknown-fields)
  let out: Record<string, unknown> | undefined;
  const keys = Object.keys(value);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    const child = properties?.get(key) ?? additional;
    const raw = value[key];
    let next: unknown;
    if (child) {
      // The apiserver drops nulls of non-nullable fields before defaulting.
      next = raw === null && !child.nullable ? undefined : pruneAndDefault(child, raw, sink.unknown ? join(path, key) : '', sink);
    } else if (node.preserveUnknownFields) {
      next = raw;
    } else {
      sink.unknown?.push(join(path, key));
      next = undefined;
    }
    if (next !== raw && !out) {
      out = {};
      for (let j = 0; j < k; j++) setOwn(out, keys[j] as string, value[keys[j] as string]);
    }
    if (out && next !== undefined) setOwn(out, key, next);
  }
  if (properties && node.subtreeHasDefaults) {
    for (const [key, child] of walkOf(node).withDefaults) {
      if ((out ?? value)[key] !== undefined) continue;
      out ??= { ...value };
      out[key] = copyJson(defaultOf(child));
    }
  }
  return out ?? value;
}
