// Compares a generated CRD with an upstream reference CRD and lists every difference that
// matters to the apiserver: names, scope, versions (served/storage/deprecation), printer
// columns, subresources and, per schema node, every keyword except descriptions (properties
// recursively, types, formats, enums, required, defaults, bounds, patterns, list/map types,
// preserve-unknown-fields, int-or-string, CEL rules with their messages).
import { isDeepStrictEqual } from 'node:util';

export interface Difference {
  /** `<crd name> <version>` or `<crd name>`. */
  where: string;
  /** Schema path (`spec.controlPlaneRef.type`, `[*]` items, `{*}` map values) or a CRD field. */
  path: string;
  key: string;
  ours: unknown;
  reference: unknown;
}

export function formatDifference(d: Difference): string {
  const show = (value: unknown) => (value === undefined ? '<absent>' : JSON.stringify(value));
  return `${d.where} ${d.path || '<root>'}: ${d.key}: generated ${show(d.ours)}, reference ${show(d.reference)}`;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Keywords walked structurally (not compared as values) or deliberately not compared. */
const STRUCTURAL = new Set(['properties', 'items', 'additionalProperties', 'x-kubernetes-validations', 'required']);
const IGNORED = new Set(['description']);

function ruleKey(rule: Json): string {
  const sorted: Json = {};
  for (const key of Object.keys(rule).sort()) sorted[key] = rule[key];
  return JSON.stringify(sorted);
}

export function compareSchemas(ours: unknown, reference: unknown, where: string, path = '', out: Difference[] = []): Difference[] {
  const add = (key: string, a: unknown, b: unknown) => out.push({ where, path, key, ours: a, reference: b });
  if (!isObject(ours) || !isObject(reference)) {
    if (!isDeepStrictEqual(ours, reference)) add('schema', ours, reference);
    return out;
  }
  const keys = new Set([...Object.keys(ours), ...Object.keys(reference)]);
  for (const key of [...keys].sort()) {
    if (IGNORED.has(key) || STRUCTURAL.has(key)) continue;
    if (!isDeepStrictEqual(ours[key], reference[key])) add(key, ours[key], reference[key]);
  }

  const ourRequired = [...((ours.required as string[] | undefined) ?? [])].sort();
  const refRequired = [...((reference.required as string[] | undefined) ?? [])].sort();
  if (!isDeepStrictEqual(ourRequired, refRequired)) add('required', ours.required, reference.required);

  const ourRules = ((ours['x-kubernetes-validations'] as Json[] | undefined) ?? []).map(ruleKey);
  const refRules = ((reference['x-kubernetes-validations'] as Json[] | undefined) ?? []).map(ruleKey);
  for (const rule of ourRules.filter((r) => !refRules.includes(r))) add('x-kubernetes-validations (extra rule)', JSON.parse(rule), undefined);
  for (const rule of refRules.filter((r) => !ourRules.includes(r))) add('x-kubernetes-validations (missing rule)', undefined, JSON.parse(rule));

  for (const key of ['properties', 'items', 'additionalProperties'] as const) {
    const a = ours[key];
    const b = reference[key];
    if ((a === undefined) !== (b === undefined)) {
      add(key, summarize(a), summarize(b));
      continue;
    }
    if (a === undefined) continue;
    if (key === 'properties' && isObject(a) && isObject(b)) {
      const names = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const name of [...names].sort()) {
        const child = path ? `${path}.${name}` : name;
        if (!(name in a)) out.push({ where, path: child, key: 'property', ours: undefined, reference: 'present' });
        else if (!(name in b)) out.push({ where, path: child, key: 'property', ours: 'present', reference: undefined });
        else compareSchemas(a[name], b[name], where, child, out);
      }
    } else {
      compareSchemas(a, b, where, `${path}${key === 'items' ? '[*]' : '{*}'}`, out);
    }
  }
  return out;
}

/** Short form for a subtree present on one side only (the whole subtree would flood the report). */
function summarize(value: unknown): unknown {
  if (!isObject(value)) return value;
  if (Object.keys(value).length === 0) return {};
  return isObject(value.properties) ? { type: value.type, properties: Object.keys(value.properties) } : { type: value.type };
}

function columns(version: Json): Json[] {
  return ((version.additionalPrinterColumns as Json[] | undefined) ?? []).map((c) => ({ ...c }));
}

/** Compares one version of two CRDs (names and scope are compared by `compareCrdHeader`). */
export function compareVersion(ours: Json, reference: Json, where: string): Difference[] {
  const out: Difference[] = [];
  const add = (key: string, a: unknown, b: unknown) => out.push({ where, path: '', key, ours: a, reference: b });
  for (const key of ['served', 'storage', 'deprecated', 'deprecationWarning'] as const) {
    const a = key === 'deprecated' ? ours[key] === true : ours[key];
    const b = key === 'deprecated' ? reference[key] === true : reference[key];
    if (!isDeepStrictEqual(a, b)) add(key, a, b);
  }
  if (!isDeepStrictEqual(columns(ours), columns(reference))) add('additionalPrinterColumns', columns(ours), columns(reference));
  if (!isDeepStrictEqual(ours.subresources ?? {}, reference.subresources ?? {})) add('subresources', ours.subresources, reference.subresources);
  const schema = (v: Json) => (v.schema as Json | undefined)?.openAPIV3Schema;
  compareSchemas(schema(ours), schema(reference), where, '', out);
  return out;
}

export function compareCrdHeader(ours: Json, reference: Json, where: string): Difference[] {
  const out: Difference[] = [];
  const spec = (crd: Json) => crd.spec as Json;
  const names = (crd: Json) => spec(crd).names as Json;
  for (const key of ['kind', 'listKind', 'plural', 'singular', 'shortNames', 'categories']) {
    const a = names(ours)[key];
    const b = names(reference)[key];
    if (!isDeepStrictEqual(a, b)) out.push({ where, path: 'spec.names', key, ours: a, reference: b });
  }
  for (const key of ['group', 'scope']) {
    if (spec(ours)[key] !== spec(reference)[key]) out.push({ where, path: 'spec', key, ours: spec(ours)[key], reference: spec(reference)[key] });
  }
  return out;
}
