// JSON values as CEL sees them, typed by the schema like the apiserver does: `integer` is CEL
// int (bigint), `number` is double, objects are maps whose property names are escaped
// (`namespace` -> `__namespace__`), absent fields stay absent so `has()` works.
// Objects and lists are wrapped lazily: a rule that reads two fields converts two fields, not
// the whole subtree. The wrappers implement @bufbuild/cel's CelMap/CelList contracts (the
// library recognises them by their registered symbols).
import type { CelInput, CelValue } from '@bufbuild/cel';
import type { SchemaNode } from '../schema-node.ts';
import { isPlainObject } from '../values.ts';

const CEL_MAP = Symbol.for('@bufbuild/cel/map');
const CEL_LIST = Symbol.for('@bufbuild/cel/list');

const RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);
const ESCAPABLE = /^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/;
const escapeCache = new Map<string, string | undefined>();

/** Kubernetes' CEL property name escaping; undefined when the name is not accessible. */
export function escapePropertyName(name: string): string | undefined {
  const hit = escapeCache.get(name);
  if (hit !== undefined || escapeCache.has(name)) return hit;
  let out: string | undefined;
  if (RESERVED.has(name)) out = `__${name}__`;
  else if (ESCAPABLE.test(name)) {
    out = name.replace(/__/g, '__underscores__').replace(/\./g, '__dot__').replace(/-/g, '__dash__').replace(/\//g, '__slash__');
  }
  if (escapeCache.size < 10000) escapeCache.set(name, out);
  return out;
}

/** Escaped CEL name -> property name, per schema node with properties (memoised on the node). */
function celNames(node: SchemaNode): Map<string, string> {
  let names = node.celNames;
  if (!names) {
    names = new Map();
    for (const name of node.properties?.keys() ?? []) {
      const escaped = escapePropertyName(name);
      if (escaped !== undefined) names.set(escaped, name);
    }
    node.celNames = names;
  }
  return names;
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
  if (Array.isArray(value)) out = new LazyList(node?.items, value, cache) as unknown as CelInput;
  else if (isPlainObject(value)) out = new LazyMap(node, value, cache) as unknown as CelInput;
  else out = null;
  cache.set(value as object, out);
  return out;
}

/** A field of a CEL map value as the library's select reads it; undefined for anything else. */
export function celMapField(value: unknown, field: string): CelValue | undefined {
  return value instanceof LazyMap ? value.get(field) : undefined;
}

export class LazyList {
  readonly [CEL_LIST] = {};
  readonly #items: SchemaNode | undefined;
  readonly #array: unknown[];
  readonly #cache: CelValueCache;
  constructor(items: SchemaNode | undefined, array: unknown[], cache: CelValueCache) {
    this.#items = items;
    this.#array = array;
    this.#cache = cache;
  }
  get size(): number {
    return this.#array.length;
  }
  get(index: number): CelValue | undefined {
    if (index < 0 || index >= this.#array.length) return undefined;
    return toCelValue(this.#items, this.#array[index], this.#cache) as CelValue;
  }
  *values(): IterableIterator<CelValue> {
    for (let i = 0; i < this.#array.length; i++) yield this.get(i) as CelValue;
  }
  /** The items as an array (what `Array.from(list)` gives, without the generator). */
  items(): CelValue[] {
    const out = new Array<CelValue>(this.#array.length);
    for (let i = 0; i < out.length; i++) out[i] = this.get(i) as CelValue;
    return out;
  }
  [Symbol.iterator](): IterableIterator<CelValue> {
    return this.values();
  }
}

type Key = string | bigint | boolean | number | object;

export class LazyMap {
  readonly [CEL_MAP] = {};
  readonly #node: SchemaNode | undefined;
  readonly #object: Record<string, unknown>;
  readonly #cache: CelValueCache;
  #keys: string[] | undefined;
  constructor(node: SchemaNode | undefined, object: Record<string, unknown>, cache: CelValueCache) {
    this.#node = node;
    this.#object = object;
    this.#cache = cache;
  }

  /** The JSON property behind a CEL key, or undefined when CEL cannot see one. */
  #property(key: Key): string | undefined {
    if (typeof key !== 'string') return undefined;
    const node = this.#node;
    if (node?.isMetadata) return key === 'name' || key === 'generateName' ? key : undefined;
    if (node?.properties) {
      const name = celNames(node).get(key);
      if (name !== undefined) return name;
      if (!node.preserveUnknownFields && !node.additionalProperties) return undefined;
    }
    if (node?.additionalProperties && !node.properties) return Object.hasOwn(this.#object, key) ? key : undefined;
    // Untyped or preserve-unknown-fields objects: escaped names of whatever keys exist.
    for (const name of Object.keys(this.#object)) if (escapePropertyName(name) === key) return name;
    return undefined;
  }

  #childNode(name: string): SchemaNode | undefined {
    const node = this.#node;
    return node?.properties?.get(name) ?? node?.additionalProperties;
  }

  /** CEL keys of the present fields. */
  #celKeys(): string[] {
    if (this.#keys) return this.#keys;
    const node = this.#node;
    const keys: string[] = [];
    for (const name of Object.keys(this.#object)) {
      if (this.#object[name] === undefined) continue;
      if (node?.isMetadata) {
        if (name === 'name' || name === 'generateName') keys.push(name);
      } else if (node?.additionalProperties && !node.properties) {
        keys.push(name);
      } else {
        const escaped = escapePropertyName(name);
        if (escaped !== undefined) keys.push(escaped);
      }
    }
    this.#keys = keys;
    return keys;
  }

  get size(): number {
    return this.#celKeys().length;
  }
  get(key: Key): CelValue | undefined {
    const name = this.#property(key);
    if (name === undefined) return undefined;
    const raw = this.#object[name];
    if (raw === undefined) return undefined;
    return toCelValue(this.#childNode(name), raw, this.#cache) as CelValue;
  }
  has(key: Key): boolean {
    // get() is undefined exactly when there is no visible, present field (toCelValue never is).
    const name = this.#property(key);
    return name !== undefined && this.#object[name] !== undefined;
  }
  keys(): IterableIterator<string> {
    return this.#celKeys()[Symbol.iterator]();
  }
  /** The CEL keys as a shared, read-only array (what `Array.from(map.keys())` gives). */
  keyList(): readonly string[] {
    return this.#celKeys();
  }
  *values(): IterableIterator<CelValue> {
    for (const key of this.#celKeys()) yield this.get(key) as CelValue;
  }
  *entries(): IterableIterator<[string, CelValue]> {
    for (const key of this.#celKeys()) yield [key, this.get(key) as CelValue];
  }
  forEach(callback: (value: CelValue, key: string, map: this) => void): void {
    for (const key of this.#celKeys()) callback(this.get(key) as CelValue, key, this);
  }
  [Symbol.iterator](): IterableIterator<[string, CelValue]> {
    return this.entries();
  }
}
