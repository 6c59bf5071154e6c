// fast-check arbitraries driven by the engine's compiled schema (SchemaNode): objects honour
// required, enums, lengths, bounds, patterns, formats, int-or-string, list-map key uniqueness and
// map sizes, so generated objects pass the structural part of validation. CEL rules are not
// solved: callers bias the generator toward valid objects with per-path overrides and presence
// probabilities, and filter with the engine. Objects stay small: optional fields appear with
// ~30% probability (fewer in wide objects), arrays and maps hold at most 3 entries, and below
// `maxDepth` only required fields are generated.
import fc from 'fast-check';
import type { SchemaNode } from '../../../src/validation/schema-node.ts';
import { metadataArbitrary } from './metadata.ts';

export interface SchemaArbitraryOptions {
  /** Object nesting depth below which only required fields are generated. Default 9. */
  maxDepth?: number;
  /** Probability of each optional field (capped so that wide objects get ~2). Default 0.3. */
  optionalProbability?: number;
  /** Most items of an array / entries of a map. Default 3. */
  maxItems?: number;
  /** Most characters of a free string. Default 12. */
  maxStringLength?: number;
  /** Replace generation at a path (`spec.containers[].env[].name`, map values `spec.labels{}`, map keys
   *  `spec.labels{key}`) with this arbitrary; an overridden optional field is always present. */
  overrides?: Record<string, fc.Arbitrary<unknown>>;
  /** Probability that the optional field at a path is present (overrides the default). */
  presence?: Record<string, number>;
}

const ABSENT = Symbol('absent');
const FREE_CHARS = [...'abcdefghijklmnopqrstuvwxyz0123456789-._'];
const KEY_CHARS = [...'abcdefghijklmnopqrstuvwxyz0123456789-./'];

interface Context {
  options: Required<Omit<SchemaArbitraryOptions, 'overrides' | 'presence'>> & Pick<SchemaArbitraryOptions, 'overrides' | 'presence'>;
}

/** Builds its arbitrary on first use: the deep optional parts of a schema (pod specs) are rarely reached. */
class Deferred<T> extends fc.Arbitrary<T> {
  private readonly make: () => fc.Arbitrary<T>;
  private built: fc.Arbitrary<T> | undefined;
  constructor(make: () => fc.Arbitrary<T>) {
    super();
    this.make = make;
  }
  private get arbitrary(): fc.Arbitrary<T> {
    return (this.built ??= this.make());
  }
  generate(random: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    return this.arbitrary.generate(random, biasFactor);
  }
  canShrinkWithoutContext(value: unknown): value is T {
    return this.arbitrary.canShrinkWithoutContext(value);
  }
  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.arbitrary.shrink(value, context);
  }
}

function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function freeString(min: number, max: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...FREE_CHARS), minLength: min, maxLength: Math.max(min, max) });
}

function lengthOk(node: SchemaNode) {
  return (s: string): boolean => [...s].length >= (node.minLength ?? 0) && (node.maxLength === undefined || [...s].length <= node.maxLength);
}

/** RFC 3339 with second precision, as Kubernetes writes metav1.Time. */
export const dateTimeArbitrary = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'));

const FORMATS: Record<string, fc.Arbitrary<string>> = {
  'date-time': dateTimeArbitrary,
  datetime: dateTimeArbitrary,
  date: dateTimeArbitrary.map((s) => s.slice(0, 10)),
  uuid: fc.uuid(),
  ipv4: fc.ipV4(),
  ipv6: fc.ipV6(),
  uri: fc.webUrl(),
  hostname: fc.domain(),
  email: fc.emailAddress(),
  byte: fc.base64String({ maxLength: 16 }),
};

const matchingCache = new Map<string, fc.Arbitrary<string>>();

/**
 * Strings matching `regex`: fast-check's stringMatching, built once per pattern; Unicode
 * classes (\p{L}) make it slow to build, and our free characters match them, so those filter.
 */
function matchingArbitrary(regex: RegExp, min: number, max: number): fc.Arbitrary<string> {
  if (regex.source.includes('\\p{')) return freeString(min, max);
  const key = `${regex.source}/${regex.flags}`;
  let arbitrary = matchingCache.get(key);
  if (!arbitrary) {
    try {
      arbitrary = fc.stringMatching(regex, { size: 'xsmall' });
    } catch {
      return freeString(min, max); // syntax fast-check does not know: filter free strings
    }
    matchingCache.set(key, arbitrary);
  }
  return arbitrary;
}

function stringArbitrary(node: SchemaNode, ctx: Context): fc.Arbitrary<string> {
  const min = node.minLength ?? 0;
  const max = Math.min(node.maxLength ?? Infinity, min + ctx.options.maxStringLength);
  const format = node.format ? FORMATS[node.format] : undefined;
  if (format) return format.filter(lengthOk(node));
  if (node.patternRegExp) {
    const regex = node.patternRegExp;
    return matchingArbitrary(regex, min, max).filter((s) => regex.test(s) && lengthOk(node)(s));
  }
  return freeString(min, max);
}

function integerArbitrary(node: SchemaNode): fc.Arbitrary<number> {
  let min = node.minimum ?? 0;
  let max = node.maximum ?? min + 65535;
  if (node.exclusiveMinimum) min += 1;
  if (node.exclusiveMaximum) max -= 1;
  // Mostly small, sometimes anywhere in range (bounds included).
  const small = fc.integer({ min, max: Math.min(max, min + 100) });
  return fc.oneof({ arbitrary: small, weight: 4 }, { arbitrary: fc.integer({ min, max }), weight: 1 });
}

function numberArbitrary(node: SchemaNode): fc.Arbitrary<number> {
  // Quarter steps: exact in JSON, never -0.
  return integerArbitrary({ ...node, minimum: (node.minimum ?? 0) * 4, maximum: (node.maximum ?? 1000) * 4 }).map((n) => (n === 0 ? 0 : n / 4));
}

function anyJsonArbitrary(ctx: Context): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(freeString(0, 6), fc.integer({ min: 0, max: 100 }), fc.boolean());
  return fc.oneof(leaf, fc.dictionary(freeString(1, 6), leaf, { maxKeys: Math.min(2, ctx.options.maxItems) }));
}

function arrayArbitrary(node: SchemaNode, path: string, depth: number, ctx: Context): fc.Arbitrary<unknown[]> {
  const items = node.items ? build(node.items, `${path}[]`, depth + 1, ctx) : anyJsonArbitrary(ctx);
  const minLength = node.minItems ?? 0;
  const maxLength = Math.max(minLength, Math.min(node.maxItems ?? Infinity, ctx.options.maxItems));
  if (node.listType === 'map' && node.listMapKeys?.length) {
    const keys = node.listMapKeys;
    return fc.uniqueArray(items, { minLength, maxLength, selector: (item) => JSON.stringify(keys.map((k) => (item as Record<string, unknown>)?.[k])) });
  }
  if (node.listType === 'set') return fc.uniqueArray(items, { minLength, maxLength, selector: (item) => JSON.stringify(item) });
  return fc.array(items, { minLength, maxLength });
}

function mapArbitrary(node: SchemaNode, path: string, depth: number, ctx: Context): fc.Arbitrary<Record<string, unknown>> {
  const values = build(node.additionalProperties as SchemaNode, `${path}{}`, depth + 1, ctx);
  const minKeys = node.minProperties ?? 0;
  const maxKeys = Math.max(minKeys, Math.min(node.maxProperties ?? Infinity, ctx.options.maxItems));
  const key = ctx.options.overrides?.[`${path}{key}`] as fc.Arbitrary<string> | undefined;
  return fc.dictionary(key ?? fc.string({ unit: fc.constantFrom(...KEY_CHARS), minLength: 1, maxLength: 10 }), values, { minKeys, maxKeys, noNullPrototype: true });
}

function objectArbitrary(node: SchemaNode, path: string, depth: number, ctx: Context): fc.Arbitrary<Record<string, unknown>> {
  const properties = [...(node.properties ?? new Map<string, SchemaNode>())];
  const required = new Set(node.required ?? []);
  const optionalCount = properties.filter(([name]) => !required.has(name)).length;
  const base = Math.min(ctx.options.optionalProbability, optionalCount ? 2 / optionalCount : 1);
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, childNode] of properties) {
    const childPath = child(path, name);
    if (required.has(name)) {
      shape[name] = build(childNode, childPath, depth + 1, ctx);
      continue;
    }
    // An overridden optional field is always generated unless a presence says otherwise.
    const overridden = ctx.options.overrides?.[childPath] !== undefined;
    const presence = ctx.options.presence?.[childPath] ?? (overridden ? 1 : depth >= ctx.options.maxDepth ? 0 : base);
    if (presence <= 0) continue;
    const value = new Deferred(() => build(childNode, childPath, depth + 1, ctx));
    shape[name] = presence >= 1 ? value : fc.oneof(
      { arbitrary: fc.constant(ABSENT), weight: Math.round((1 - presence) * 100) },
      { arbitrary: value, weight: Math.round(presence * 100) },
    );
  }
  const record = fc.record(shape).map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (v !== ABSENT) out[k] = v;
    return out;
  });
  if (!node.preserveUnknownFields || node.properties?.size) return record;
  return fc.oneof(record, anyJsonArbitrary(ctx) as fc.Arbitrary<Record<string, unknown>>);
}

function build(node: SchemaNode, path: string, depth: number, ctx: Context): fc.Arbitrary<unknown> {
  const override = ctx.options.overrides?.[path];
  if (override) return override;
  if (depth > 40) throw new Error(`schema at ${path}: deeper than 40 levels (recursive schema?)`);
  if (node.isMetadata) return metadataArbitrary;
  if (node.enum?.length) return fc.constantFrom(...node.enum);
  if (node.intOrString) {
    const asString = node.patternRegExp ? stringArbitrary(node, ctx) : fc.oneof(freeString(1, 6), fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`));
    return fc.oneof(integerArbitrary(node), asString);
  }
  switch (node.type) {
    case 'string': return stringArbitrary(node, ctx);
    case 'integer': return integerArbitrary(node);
    case 'number': return numberArbitrary(node);
    case 'boolean': return fc.boolean();
    case 'array': return arrayArbitrary(node, path, depth, ctx);
    case 'object':
      return node.additionalProperties && !node.properties ? mapArbitrary(node, path, depth, ctx) : objectArbitrary(node, path, depth, ctx);
    default:
      return node.properties ? objectArbitrary(node, path, depth, ctx) : anyJsonArbitrary(ctx);
  }
}

/** An arbitrary of JSON values valid under `node`'s structural schema (not its CEL rules). */
export function arbitraryFromSchema(node: SchemaNode, options: SchemaArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const ctx: Context = {
    options: {
      maxDepth: options.maxDepth ?? 9,
      optionalProbability: options.optionalProbability ?? 0.3,
      maxItems: options.maxItems ?? 3,
      maxStringLength: options.maxStringLength ?? 12,
      overrides: options.overrides,
      presence: options.presence,
    },
  };
  return build(node, '', 0, ctx);
}
