// Lossless conversion, generically: after mapping an object to the target version, compute
// what mapping it back would get wrong (fields with no home in the target, defaults the
// mapping invents) as path-level operations and keep them in an annotation named for the
// source version. Converting back to that version re-applies them. Paths are fine-grained, so
// an edit made in the other version to a mapped field survives, while unmapped fields return.
import type { KubeObject } from './types.ts';

export const CONVERSION_ANNOTATION_PREFIX = 'conversion.kongward.dev/';

/** Annotation holding the operations that restore an object of `version`. */
export function stashAnnotation(version: string): string {
  return `${CONVERSION_ANNOTATION_PREFIX}${version}`;
}

export type PathSegment = string | number;
export type Operation = { path: PathSegment[]; value: unknown } | { path: PathSegment[]; remove: true };

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

function diffInto(from: unknown, to: unknown, path: PathSegment[], out: Operation[]): void {
  if (sameJson(from, to)) return;
  if (isPlainObject(from) && isPlainObject(to)) {
    for (const key of Object.keys(from)) if (!(key in to)) out.push({ path: [...path, key], remove: true });
    for (const key of Object.keys(to)) {
      if (key in from) diffInto(from[key], to[key], [...path, key], out);
      else out.push({ path: [...path, key], value: to[key] });
    }
    return;
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    to.forEach((item, i) => diffInto(from[i], item, [...path, i], out));
    return;
  }
  out.push({ path, value: to });
}

/** Operations that turn `from`'s content into `to`'s content (metadata excluded). */
export function contentDiff(from: KubeObject, to: KubeObject): Operation[] {
  const out: Operation[] = [];
  const keys = new Set([...contentKeys(from), ...contentKeys(to)]);
  for (const key of keys) {
    if (!(key in to)) out.push({ path: [key], remove: true });
    else if (!(key in from)) out.push({ path: [key], value: to[key] });
    else diffInto(from[key], to[key], [key], out);
  }
  return out;
}

/** Applies operations in order; a path whose parent no longer exists is created. */
export function applyOperations(object: KubeObject, operations: Operation[]): KubeObject {
  for (const op of operations) {
    if (op.path.length === 0) continue;
    let parent: unknown = object;
    for (const [i, segment] of op.path.slice(0, -1).entries()) {
      const container = parent as Record<PathSegment, unknown>;
      let next = container[segment];
      if (typeof next !== 'object' || next === null) {
        if ('remove' in op) {
          parent = undefined;
          break;
        }
        next = typeof op.path[i + 1] === 'number' ? [] : {};
        container[segment] = next;
      }
      parent = next;
    }
    if (parent === undefined) continue;
    const last = op.path[op.path.length - 1] as PathSegment;
    const container = parent as Record<PathSegment, unknown>;
    if ('remove' in op) {
      if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
      else delete container[last];
    } else {
      container[last] = structuredClone(op.value);
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
