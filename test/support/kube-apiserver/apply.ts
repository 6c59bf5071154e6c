// A simplified server-side apply: each field manager owns the leaf fields (and keyed list
// items) of the configuration it last applied. Applying a value another applier owns with a
// different value is a conflict unless `force`; fields a manager stops applying are removed
// when nobody else owns them. Fields written by plain updates/patches are not tracked.
import { ApiError, statusObject } from './status.ts';
import { isObject, mergeKeyFor } from './patch.ts';

type JsonObject = Record<string, unknown>;
type Segment = string | { key: string; value: unknown };
export type FieldPath = Segment[];
/** manager -> serialised field paths it owns */
export type Ownership = Map<string, Set<string>>;

const ignoredTopLevel = new Set(['apiVersion', 'kind']);
const ignoredMetadata = new Set(['name', 'namespace', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'managedFields', 'deletionTimestamp']);

/** Every owned path of an applied configuration: leaves, atomic lists, keyed list items. */
export function fieldPaths(config: JsonObject): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (node: unknown, path: FieldPath, field: string) => {
    if (isObject(node) && Object.keys(node).length > 0) {
      for (const [k, v] of Object.entries(node)) {
        if (path.length === 0 && ignoredTopLevel.has(k)) continue;
        if (path.length === 1 && path[0] === 'metadata' && ignoredMetadata.has(k)) continue;
        walk(v, [...path, k], k);
      }
      return;
    }
    if (Array.isArray(node) && node.length > 0 && node.every(isObject)) {
      const key = mergeKeyFor(field, node);
      if (key) {
        for (const item of node) {
          const itemPath: FieldPath = [...path, { key, value: item[key] }];
          out.push(itemPath);
          for (const [k, v] of Object.entries(item)) walk(v, [...itemPath, k], k);
        }
        return;
      }
    }
    out.push(path);
  };
  walk(config, [], '');
  return out;
}

export const serialise = (path: FieldPath) => JSON.stringify(path);
const parse = (path: string) => JSON.parse(path) as FieldPath;

/** `.spec.template.spec.containers[name="app"].image`, as conflicts are reported. */
export function renderPath(path: FieldPath): string {
  return path.map((s) => (typeof s === 'string' ? `.${s}` : `[${s.key}=${JSON.stringify(s.value)}]`)).join('');
}

function valueAt(node: unknown, path: FieldPath): unknown {
  let current = node;
  for (const s of path) {
    if (typeof s === 'string') current = isObject(current) ? current[s] : undefined;
    else current = Array.isArray(current) ? current.find((i) => isObject(i) && i[s.key] === s.value) : undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

function removeAt(node: unknown, path: FieldPath): void {
  const parent = valueAt(node, path.slice(0, -1));
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (typeof last === 'string') {
    if (isObject(parent)) delete parent[last];
  } else if (Array.isArray(parent)) {
    const index = parent.findIndex((i) => isObject(i) && i[last.key] === last.value);
    if (index >= 0) parent.splice(index, 1);
  }
}

function mergeApplied(current: unknown, applied: unknown, field: string): unknown {
  if (isObject(applied)) {
    const result: JsonObject = isObject(current) ? { ...current } : {};
    for (const [k, v] of Object.entries(applied)) result[k] = mergeApplied(result[k], v, k);
    return result;
  }
  if (Array.isArray(applied) && applied.every(isObject) && Array.isArray(current)) {
    const key = mergeKeyFor(field, applied);
    if (key) {
      const merged = current.map((i) => structuredClone(i));
      for (const item of applied) {
        const index = merged.findIndex((m) => isObject(m) && m[key] === item[key]);
        if (index >= 0) merged[index] = mergeApplied(merged[index], item, field);
        else merged.push(structuredClone(item));
      }
      return merged;
    }
  }
  return structuredClone(applied);
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function conflictError(conflicts: { manager: string; path: FieldPath }[], ref: { plural: string; group: string; name: string }): ApiError {
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), renderPath(c.path)]);
  const parts = [...byManager].map(([manager, paths]) =>
    paths.length === 1 ? `conflict with "${manager}": ${paths[0]}` : `conflicts with "${manager}":\n${paths.map((p) => `- ${p}`).join('\n')}`);
  const n = conflicts.length;
  const message = `Apply failed with ${n} conflict${n === 1 ? '' : 's'}: ${parts.join('\n')}`;
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with "${c.manager}"`, field: renderPath(c.path) }));
  return new ApiError(statusObject(409, 'Conflict', message, ref, causes));
}

export interface ApplyResult {
  object: JsonObject;
  ownership: Ownership;
}

/**
 * Applies `config` as `manager` onto `current` (undefined when creating). `ownership` is not
 * modified; the new ownership is returned with the merged object.
 */
export function serverSideApply(
  current: JsonObject | undefined, config: JsonObject, manager: string, force: boolean,
  ownership: Ownership, ref: { plural: string; group: string; name: string },
): ApplyResult {
  const paths = fieldPaths(config);
  const owned = new Set(paths.map(serialise));
  const next: Ownership = new Map([...ownership].map(([m, set]) => [m, new Set(set)]));
  next.delete(manager);
  if (!current) {
    next.set(manager, owned);
    return { object: structuredClone(config), ownership: next };
  }
  const conflicts: { manager: string; path: FieldPath }[] = [];
  for (const path of paths) {
    const key = serialise(path);
    for (const [other, set] of next) {
      if (set.has(key) && !sameJson(valueAt(current, path), valueAt(config, path))) conflicts.push({ manager: other, path });
    }
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts, ref);
  for (const c of conflicts) next.get(c.manager)?.delete(serialise(c.path));

  const object = structuredClone(current);
  const ownedByOthers = (key: string) => [...next.values()].some((set) => [...set].some((p) => p === key || p.startsWith(key.slice(0, -1) + ',')));
  const dropped = [...(ownership.get(manager) ?? [])].filter((p) => !owned.has(p) && !ownedByOthers(p));
  dropped.sort((a, b) => parse(b).length - parse(a).length);
  for (const key of dropped) removeAt(object, parse(key));

  next.set(manager, owned);
  return { object: mergeApplied(object, config, '') as JsonObject, ownership: next };
}

/** managedFields entries in kube-apiserver's FieldsV1 shape (`f:spec`, `k:{"name":"x"}`). */
export function renderManagedFields(ownership: Ownership, apiVersion: string, time: string, subresource?: string) {
  return [...ownership].filter(([, set]) => set.size > 0).map(([manager, set]) => {
    const fields: JsonObject = {};
    for (const key of set) {
      let node = fields;
      for (const s of parse(key)) {
        const name = typeof s === 'string' ? `f:${s}` : `k:${JSON.stringify({ [s.key]: s.value })}`;
        node = (node[name] ??= {}) as JsonObject;
      }
    }
    const entry: JsonObject = { manager, operation: 'Apply', apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: fields };
    if (subresource) entry.subresource = subresource;
    return entry;
  });
}
