// After mapping, fields the target version's schema does not know are dropped here, as the
// apiserver would prune them after conversion. Dropping them here (instead of letting the
// apiserver do it) means the lossless stash sees them and carries them for the way back.
import { findVersion } from '../api/registry.ts';
import type { SchemaNode } from '../validation/schema-node.ts';
import { compileSchema } from '../validation/structural.ts';
import type { KubeObject } from './types.ts';

function prune(node: SchemaNode, value: unknown): unknown {
  if (Array.isArray(value)) return node.items ? value.map((item) => prune(node.items as SchemaNode, item)) : value;
  if (typeof value !== 'object' || value === null || node.isMetadata || node.preserveUnknownFields && !node.properties) return value;
  if (!node.properties && !node.additionalProperties) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const schema = node.properties?.get(key) ?? node.additionalProperties;
    if (schema) out[key] = prune(schema, child);
    else if (node.preserveUnknownFields) out[key] = child;
  }
  return out;
}

/** The object without fields its version's schema lacks (unchanged when the kind is unknown). */
const schemas = new Map<string, SchemaNode | null>();

export function schemaFor(group: string, version: string, kind: string): SchemaNode | null {
  const key = `${group}/${version}/${kind}`;
  let node = schemas.get(key);
  if (node === undefined) {
    const target = findVersion({ group, version, kind });
    node = target ? compileSchema(target.version.schema) : null;
    schemas.set(key, node);
  }
  return node;
}

export function pruneToSchema(object: KubeObject, group: string, version: string): KubeObject {
  const node = schemaFor(group, version, String(object.kind));
  return node ? (prune(node, object) as KubeObject) : object;
}
