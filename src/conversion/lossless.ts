// Lossless conversion, generically: after mapping an object to the target version, compute
// what mapping it back would get wrong (fields with no home in the target, defaults the
// mapping invents) as path-level operations and keep them in an annotation named for the
// source version. Converting back to that version re-applies them. Paths are fine-grained, so
// an edit made in the other version to a mapped field survives, while unmapped fields return.
import { copyJson } from '../validation/prune-default.ts';
import type { SchemaNode } from '../validation/schema-node.ts';
import type { KubeObject } from './types.ts';

export const CONVERSION_ANNOTATION_PREFIX = 'conversion.kongward.dev/';

/** Annotation holding the operations that restore an object of `version`. */
export function stashAnnotation(version: string): string {
  return `${CONVERSION_ANNOTATION_PREFIX}${version}`;
}

/** A property, a list index, or (in list-maps) the item whose key fields equal `match`. */
export type PathSegment = string | number | { match: Record<string, unknown> };
export type Operation =
  | { path: PathSegment[]; value: unknown }
  | { path: PathSegment[]; remove: true }
  /** Insert `value` at `index` of the list at `path` (list-map items missing after mapping). */
  | { path: PathSegment[]; insert: number; value: unknown };

/** Top-level keys that are content (everything but identity and metadata). */
function contentKeys(object: KubeObject): string[] {
  return Object.keys(object).filter((k) => k !== 'apiVersion' && k !== 'kind' && k !== 'metadata');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return false;
}

function child(schema: SchemaNode | undefined, key: string): SchemaNode | undefined {
  return schema?.properties?.get(key) ?? schema?.additionalProperties;
}

function keyOf(item: unknown, keys: string[]): Record<string, unknown> | undefined {
  if (!isPlainObject(item)) return undefined;
  const match: Record<string, unknown> = {};
  for (const key of keys) match[key] = item[key];
  return match;
}

/**
 * List-map items are matched by their keys (env vars by name), so operations touch only the
 * items that differ and an edit to another item survives. Returns false when that cannot
 * reproduce `to` exactly (duplicate keys, reordered items); the caller then replaces the list.
 */
function diffListMap(from: unknown[], to: unknown[], keys: string[], schema: SchemaNode | undefined, path: PathSegment[], out: Operation[]): boolean {
  const fromKeys = from.map((item) => keyOf(item, keys));
  const toKeys = to.map((item) => keyOf(item, keys));
  if (fromKeys.some((k) => !k) || toKeys.some((k) => !k)) return false;
  const id = (k: Record<string, unknown> | undefined) => JSON.stringify(k);
  const fromIds = fromKeys.map(id);
  const toIds = toKeys.map(id);
  if (new Set(fromIds).size !== fromIds.length || new Set(toIds).size !== toIds.length) return false;
  const kept = fromIds.filter((k) => toIds.includes(k));
  if (kept.join('\u0000') !== toIds.filter((k) => fromIds.includes(k)).join('\u0000')) return false; // reordered
  const ops: Operation[] = [];
  fromIds.forEach((k, i) => {
    if (!toIds.includes(k)) ops.push({ path: [...path, { match: fromKeys[i] as Record<string, unknown> }], remove: true });
  });
  toIds.forEach((k, i) => {
    const j = fromIds.indexOf(k);
    if (j < 0) ops.push({ path, insert: i, value: to[i] });
    else diffInto(from[j], to[i], [...path, { match: toKeys[i] as Record<string, unknown> }], schema, ops);
  });
  out.push(...ops);
  return true;
}

function diffInto(from: unknown, to: unknown, path: PathSegment[], schema: SchemaNode | undefined, out: Operation[]): void {
  if (sameJson(from, to)) return;
  if (isPlainObject(from) && isPlainObject(to)) {
    for (const key of Object.keys(from)) if (!(key in to)) out.push({ path: [...path, key], remove: true });
    for (const key of Object.keys(to)) {
      if (key in from) diffInto(from[key], to[key], [...path, key], child(schema, key), out);
      else out.push({ path: [...path, key], value: to[key] });
    }
    return;
  }
  if (Array.isArray(from) && Array.isArray(to)) {
    if (schema?.listType === 'map' && schema.listMapKeys?.length && diffListMap(from, to, schema.listMapKeys, schema.items, path, out)) return;
    if (from.length === to.length) {
      to.forEach((item, i) => diffInto(from[i], item, [...path, i], schema?.items, out));
      return;
    }
  }
  out.push({ path, value: to });
}

/** Operations that turn `from`'s content into `to`'s content (metadata excluded); `schema` is `to`'s. */
export function contentDiff(from: KubeObject, to: KubeObject, schema?: SchemaNode): Operation[] {
  const out: Operation[] = [];
  const keys = new Set([...contentKeys(from), ...contentKeys(to)]);
  for (const key of keys) {
    if (!(key in to)) out.push({ path: [key], remove: true });
    else if (!(key in from)) out.push({ path: [key], value: to[key] });
    else diffInto(from[key], to[key], [key], child(schema, key), out);
  }
  return out;
}

/** Resolves one segment in a container: list-map matches by key fields. */
function resolve(container: unknown, segment: PathSegment): PathSegment | undefined {
  if (typeof segment !== 'object') return segment;
  if (!Array.isArray(container)) return undefined;
  const index = container.findIndex((item) => isPlainObject(item) && Object.entries(segment.match).every(([k, v]) => sameJson(item[k], v)));
  return index < 0 ? undefined : index;
}

/** Applies operations in order; a missing parent is created, a list-map item no longer there is skipped. */
export function applyOperations(object: KubeObject, operations: Operation[]): KubeObject {
  for (const op of operations) {
    const steps = 'insert' in op ? op.path : op.path.slice(0, -1);
    let parent: unknown = object;
    for (const [i, segment] of steps.entries()) {
      const key = resolve(parent, segment);
      if (key === undefined) {
        parent = undefined;
        break;
      }
      const container = parent as Record<string | number, unknown>;
      let next = container[key as string | number];
      if (typeof next !== 'object' || next === null) {
        if ('remove' in op) {
          parent = undefined;
          break;
        }
        const following = steps[i + 1] ?? ('insert' in op ? 0 : op.path[op.path.length - 1]);
        next = typeof following === 'string' ? {} : [];
        container[key as string | number] = next;
      }
      parent = next;
    }
    if (parent === undefined) continue;
    if ('insert' in op) {
      if (Array.isArray(parent)) parent.splice(Math.min(op.insert, parent.length), 0, copyJson(op.value));
      continue;
    }
    if (op.path.length === 0) continue;
    const last = resolve(parent, op.path[op.path.length - 1] as PathSegment);
    if (last === undefined) continue;
    const container = parent as Record<string | number, unknown>;
    if ('remove' in op) {
      if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
      else delete container[last as string];
    } else {
      container[last as string | number] = copyJson(op.value);
    }
  }
  return object;
}

export function annotationsOf(object: KubeObject): Record<string, string> | undefined {
  const metadata = object.metadata;
  if (!isPlainObject(metadata) || !isPlainObject(metadata.annotations)) return undefined;
  return metadata.annotations as Record<string, string>;
}

/** Reads and removes the stash for `version` (removing an annotations map left empty). */
export function takeStash(object: KubeObject, version: string): Operation[] | undefined {
  const annotations = annotationsOf(object);
  const key = stashAnnotation(version);
  const text = annotations?.[key];
  if (annotations === undefined || text === undefined) return undefined;
  delete annotations[key];
  if (Object.keys(annotations).length === 0) delete (object.metadata as Record<string, unknown>).annotations;
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? (parsed as Operation[]) : undefined;
  } catch {
    return undefined; // a mangled stash only loses what it held; conversion itself still works
  }
}

/** Removes every stash annotation (an object carried back to a version needs none of the others). */
export function putStash(object: KubeObject, version: string, operations: Operation[]): void {
  if (operations.length === 0) return;
  const metadata = (isPlainObject(object.metadata) ? object.metadata : (object.metadata = {})) as Record<string, unknown>;
  const annotations = (isPlainObject(metadata.annotations) ? metadata.annotations : (metadata.annotations = {})) as Record<string, string>;
  annotations[stashAnnotation(version)] = JSON.stringify(operations);
}

export { sameJson };
