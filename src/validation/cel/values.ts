// JSON values as CEL sees them, typed by the schema like the apiserver does: `integer` is CEL
// int (bigint), `number` is double, objects are maps whose property names are escaped
// (`namespace` -> `__namespace__`), absent fields stay absent so `has()` works.
import { celList, celMap, type CelInput } from '@bufbuild/cel';
import type { SchemaNode } from '../schema-node.ts';
import { isPlainObject } from '../values.ts';

const RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);
const ESCAPABLE = /^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/;
const escapeCache = new Map<string, string | undefined>();

/** Kubernetes' CEL property name escaping; undefined when the name is not accessible. */
export function escapePropertyName(name: string): string | undefined {
  if (escapeCache.has(name)) return escapeCache.get(name);
  let out: string | undefined;
  if (RESERVED.has(name)) out = `__${name}__`;
  else if (ESCAPABLE.test(name)) {
    out = name.replace(/__/g, '__underscores__').replace(/\./g, '__dot__').replace(/-/g, '__dash__').replace(/\//g, '__slash__');
  }
  if (escapeCache.size < 10000) escapeCache.set(name, out);
  return out;
}

/** Per-validation cache: one CEL value per JSON object/array, shared by nested rules. */
export type CelValueCache = Map<object, CelInput>;

export function toCelValue(node: SchemaNode | undefined, value: unknown, cache: CelValueCache): CelInput {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (node?.type === 'number') return value;
      return Number.isInteger(value) ? BigInt(value) : value;
    case 'bigint':
      return value;
    case 'object':
      break;
    default:
      return null;
  }
  const cached = cache.get(value as object);
  if (cached !== undefined) return cached;
  let out: CelInput;
  if (Array.isArray(value)) {
    const items = node?.items;
    const list = new Array<CelInput>(value.length);
    for (let i = 0; i < value.length; i++) list[i] = toCelValue(items, value[i], cache);
    out = celList(list);
  } else if (isPlainObject(value)) {
    out = celMap(objectEntries(node, value, cache));
  } else {
    out = null;
  }
  cache.set(value as object, out);
  return out;
}

function objectEntries(node: SchemaNode | undefined, value: Record<string, unknown>, cache: CelValueCache): Map<string, CelInput> {
  const map = new Map<string, CelInput>();
  if (node?.isMetadata) {
    // Root rules see only metadata.name and metadata.generateName.
    for (const key of ['name', 'generateName']) if (typeof value[key] === 'string') map.set(key, value[key] as string);
    return map;
  }
  const additional = node?.additionalProperties;
  if (additional && !node?.properties) {
    for (const key of Object.keys(value)) map.set(key, toCelValue(additional, value[key], cache));
    return map;
  }
  const properties = node?.properties;
  for (const key of Object.keys(value)) {
    const escaped = escapePropertyName(key);
    if (escaped === undefined) continue;
    map.set(escaped, toCelValue(properties?.get(key) ?? additional, value[key], cache));
  }
  return map;
}
