// The three classic PATCH flavours: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and a
// strategic merge patch that knows the list merge keys of the core kinds the controller uses.
import { badRequest, ApiError, statusObject } from './status.ts';

type Json = unknown;
type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`invalid JSON pointer "${path}"`);
  return path.slice(1).split('/').map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
}

const patchFailed = (message: string) => new ApiError(statusObject(422, 'Invalid', message));

function parentOf(doc: Json, tokens: string[], path: string): { parent: JsonObject | unknown[]; key: string } {
  let node: Json = doc;
  for (const token of tokens.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(token)] : isObject(node) ? node[token] : undefined;
    if (node === undefined) throw patchFailed(`the server rejected our request due to an error in our request: doc is missing path: "${path}"`);
  }
  if (!isObject(node) && !Array.isArray(node)) throw patchFailed(`doc is missing path: "${path}"`);
  return { parent: node, key: tokens[tokens.length - 1]! };
}

function getAt(doc: Json, path: string): Json {
  let node: Json = doc;
  for (const token of pointer(path)) {
    node = Array.isArray(node) ? node[Number(token)] : isObject(node) ? node[token] : undefined;
    if (node === undefined) throw patchFailed(`doc is missing path: "${path}"`);
  }
  return node;
}

function addAt(doc: Json, path: string, value: unknown): Json {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) throw patchFailed(`index out of range in "${path}"`);
    parent.splice(index, 0, value);
  } else {
    parent[key] = value;
  }
  return doc;
}

function removeAt(doc: Json, path: string): Json {
  const tokens = pointer(path);
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const index = Number(key);
    if (!(index >= 0 && index < parent.length)) throw patchFailed(`index out of range in "${path}"`);
    parent.splice(index, 1);
  } else {
    if (!Object.hasOwn(parent, key)) throw patchFailed(`Unable to remove nonexistent key: ${key}: missing value`);
    delete parent[key];
  }
  return doc;
}

export function jsonPatch(target: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw badRequest('json patch must be an array of operations');
  let doc = structuredClone(target);
  for (const raw of ops as JsonPatchOp[]) {
    switch (raw.op) {
      case 'add': doc = addAt(doc, raw.path, structuredClone(raw.value)); break;
      case 'remove': doc = removeAt(doc, raw.path); break;
      case 'replace': getAt(doc, raw.path); doc = removeAt(doc, raw.path); doc = addAt(doc, raw.path, structuredClone(raw.value)); break;
      case 'move': { const v = getAt(doc, raw.from ?? ''); doc = removeAt(doc, raw.from ?? ''); doc = addAt(doc, raw.path, v); break; }
      case 'copy': doc = addAt(doc, raw.path, structuredClone(getAt(doc, raw.from ?? ''))); break;
      case 'test':
        if (JSON.stringify(getAt(doc, raw.path)) !== JSON.stringify(raw.value)) {
          throw patchFailed(`the server rejected our request due to an error in our request: testing value ${raw.path} failed`);
        }
        break;
      default: throw badRequest(`Unexpected kind: ${String((raw as { op?: unknown }).op)}`);
    }
  }
  return doc;
}

/**
 * The list merge keys strategic merge patch uses for the fields the controller touches
 * (PodSpec, Container, ServiceSpec, ObjectMeta). Other lists are replaced atomically.
 */
const listMergeKeys: Record<string, (items: JsonObject[]) => string> = {
  containers: () => 'name',
  initContainers: () => 'name',
  env: () => 'name',
  volumes: () => 'name',
  volumeMounts: () => 'mountPath',
  imagePullSecrets: () => 'name',
  ownerReferences: () => 'uid',
  // Container ports merge by containerPort, Service ports by port.
  ports: (items) => (items.some((i) => 'containerPort' in i) ? 'containerPort' : 'port'),
};
const primitiveSetLists = new Set(['finalizers']);

export function mergeKeyFor(field: string, items: JsonObject[]): string | undefined {
  return listMergeKeys[field]?.(items);
}

export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return structuredClone(rest);
  }
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) {
      delete result[key];
    } else if (Array.isArray(value)) {
      result[key] = mergeList(key, result[key], value);
    } else {
      result[key] = strategicMergePatch(result[key], value);
    }
  }
  return result;
}

function mergeList(field: string, current: unknown, patch: unknown[]): unknown[] {
  const existing = Array.isArray(current) ? current : [];
  if (primitiveSetLists.has(field)) return [...new Set([...existing, ...patch])];
  const objects = patch.filter(isObject);
  const key = objects.length === patch.length ? mergeKeyFor(field, [...objects, ...existing.filter(isObject)]) : undefined;
  if (!key) return structuredClone(patch);
  const merged = existing.map((item) => structuredClone(item));
  for (const item of objects) {
    const index = merged.findIndex((m) => isObject(m) && m[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index >= 0) merged.splice(index, 1);
    } else if (index >= 0) {
      merged[index] = strategicMergePatch(merged[index], item);
    } else {
      merged.push(strategicMergePatch({}, item));
    }
  }
  return merged;
}
