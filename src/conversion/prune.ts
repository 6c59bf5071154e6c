// After mapping, fields the target version's schema does not know are dropped here, as the
// apiserver would prune them after conversion. Dropping them here (instead of letting the
// apiserver do it) means the lossless stash sees them and carries them for the way back.
import { findVersion } from '../api/registry.ts';
import type { SchemaNode } from '../validation/schema-node.ts';
import { compileSchema } from '../validation/structural.ts';
import type { KubeObject } from './types.ts';

/** Plain assignment, except that a `__proto__` key stays an own property (JSON can carry one). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Copy-on-write: a subtree with nothing to drop is returned as is. */
function prune(node: SchemaNode, value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = node.items;
    if (!items) return value;
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const next = prune(items, value[i]);
      if (next !== value[i]) (out ??= value.slice())[i] = next;
    }
    return out ?? value;
  }
  if (typeof value !== 'object' || value === null || node.isMetadata || (node.preserveUnknownFields && !node.properties)) return value;
  if (!node.properties && !node.additionalProperties) return value;
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  const keys = Object.keys(record);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    const schema = node.properties?.get(key) ?? node.additionalProperties;
    const child = record[key];
    const next = schema ? prune(schema, child) : node.preserveUnknownFields ? child : undefined;
    if (next !== child && !out) {
      out = {};
      for (let j = 0; j < k; j++) setOwn(out, keys[j] as string, record[keys[j] as string]);
    }
    if (out && next !== undefined) setOwn(out, key, next);
  }
  return out ?? value;
}

// group -> kind -> version -> compiled schema (null when kongward does not know it).
const schemas = new Map<string, Map<string, Map<string, SchemaNode | null>>>();

/** The compiled schema of group/version/kind, cached. */
export function schemaFor(group: string, version: string, kind: string): SchemaNode | null {
  let byKind = schemas.get(group);
  if (!byKind) schemas.set(group, (byKind = new Map()));
  let byVersion = byKind.get(kind);
  if (!byVersion) byKind.set(kind, (byVersion = new Map()));
  let node = byVersion.get(version);
  if (node === undefined) {
    const target = findVersion({ group, version, kind });
    node = target ? compileSchema(target.version.schema) : null;
    byVersion.set(version, node);
  }
  return node;
}

export function pruneToSchema(object: KubeObject, group: string, version: string): KubeObject {
  const node = schemaFor(group, version, String(object.kind));
  return node ? (prune(node, object) as KubeObject) : object;
}
