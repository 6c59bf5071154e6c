// Structural pruning and defaulting, as kube-apiserver does them on decode: fields the schema
// does not know are dropped (or reported, for strict offline validation), then absent fields
// with a default get a copy of it, recursively (inside defaulted values and list items too).
// Builds a new tree; the input is never mutated. Subtrees kept verbatim under
// preserve-unknown-fields are shared with the input, not copied.
import type { SchemaNode } from './schema-node.ts';

export interface PruneSink {
  /** Dotted paths of pruned fields, collected when strict validation is asked for. */
  unknown?: string[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Plain assignment, except that a `__proto__` key stays an own property. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function pruneAndDefault(node: SchemaNode, value: unknown, path: string, sink: PruneSink): unknown {
  if (Array.isArray(value)) {
    const items = node.items;
    if (!items || node.type !== 'array') return value;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = pruneAndDefault(items, value[i], `${path}[${i}]`, sink);
    return out;
  }
  if (!isPlainObject(value) || node.type !== 'object' || node.isMetadata) return value;
  const properties = node.properties;
  const additional = node.additionalProperties;
  if (!properties && !additional) return value; // free-form object (preserve-unknown-fields)
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = properties?.get(key) ?? additional;
    const raw = value[key];
    const field = path ? `${path}.${key}` : key;
    // The apiserver drops nulls of non-nullable fields before defaulting.
    if (child) {
      if (raw !== null || child.nullable) setOwn(out, key, pruneAndDefault(child, raw, field, sink));
    } else if (node.preserveUnknownFields) setOwn(out, key, raw);
    else sink.unknown?.push(field);
  }
  if (properties && node.subtreeHasDefaults) {
    for (const [key, child] of properties) {
      if (!child.hasDefault) continue;
      const current = out[key];
      if (current === undefined) {
        out[key] = pruneAndDefault(child, structuredClone(child.default), path ? `${path}.${key}` : key, {});
      }
    }
  }
  return out;
}
