// Compiles a zod schema into the structural OpenAPI v3 tree a CRD's openAPIV3Schema holds.
// zod gives types, required, enums, defaults, bounds and patterns; the Kubernetes extensions
// come from the metadata `k8s()` attaches (on the schema itself or on its wrappers).
import { z } from 'zod';
import type { CelRule, KubernetesExtensions } from '../api/kit.ts';
import type { SchemaNode } from './schema-node.ts';
import { copyJson } from './prune-default.ts';

/** zod 4 internals we read (`schema._zod.def`), typed loosely on purpose. */
interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: z.ZodType[];
  checks?: Array<{ _zod: { def: CheckDef } }>;
  format?: string;
  pattern?: RegExp;
  in?: z.ZodType;
  getter?: () => z.ZodType;
}

interface CheckDef {
  check: string;
  value?: number | bigint;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  length?: number;
  format?: string;
  pattern?: RegExp;
}

const defOf = (schema: z.ZodType): ZodDef => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
const optinOf = (schema: z.ZodType): string | undefined => (schema as unknown as { _zod: { optin?: string } })._zod.optin;

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'nonoptional', 'catch']);

/** zod string formats that map onto an OpenAPI format the apiserver knows. */
const ZOD_FORMATS: Record<string, string> = {
  uuid: 'uuid', guid: 'uuid', email: 'email', url: 'uri', datetime: 'date-time', date: 'date',
  ipv4: 'ipv4', ipv6: 'ipv6', cidrv4: 'cidr', cidrv6: 'cidr', base64: 'byte', duration: 'duration',
  hostname: 'hostname',
};

const compiled = new WeakMap<z.ZodType, SchemaNode>();

/** The compiled structural tree of a zod schema (cached per schema object). */
export function compileSchema(schema: z.ZodType): SchemaNode {
  let node = compiled.get(schema);
  if (!node) {
    node = compileNode(schema, '', true);
    compiled.set(schema, node);
  }
  return node;
}

function compileNode(schema: z.ZodType, path: string, isRoot = false): SchemaNode {
  const node: SchemaNode = {};
  const metas: KubernetesExtensions[] = [];
  let current = schema;
  // Unwrap optional/default/nullable...; the outermost default wins, as zod applies it first.
  for (;;) {
    metas.push(metaOf(current));
    const def = defOf(current);
    if (def.type === 'pipe' && def.in) { current = def.in; continue; }
    if (def.type === 'lazy' && def.getter) { current = def.getter(); continue; }
    if (!WRAPPERS.has(def.type) || !def.innerType) break;
    if ((def.type === 'default' || def.type === 'prefault') && !node.hasDefault) {
      node.hasDefault = true;
      node.default = copyJson(def.defaultValue);
    }
    if (def.type === 'nullable') node.nullable = true;
    current = def.innerType;
  }
  const def = defOf(current);
  switch (def.type) {
    case 'object': {
      node.type = 'object';
      const properties = new Map<string, SchemaNode>();
      const required: string[] = [];
      for (const [name, child] of Object.entries(def.shape ?? {})) {
        const childNode = compileNode(child, `${path}.${name}`);
        if (isRoot && name === 'metadata') {
          childNode.isMetadata = true;
          delete childNode.preserveUnknownFields;
        }
        properties.set(name, childNode);
        const optin = optinOf(child);
        if (optin !== 'optional' && optin !== 'defaulted') required.push(name);
      }
      node.properties = properties;
      if (required.length) node.required = required;
      const catchall = def.catchall ? defOf(def.catchall).type : undefined;
      if (catchall === 'unknown' || catchall === 'any') node.preserveUnknownFields = true;
      break;
    }
    case 'record':
      node.type = 'object';
      node.additionalProperties = compileNode(def.valueType as z.ZodType, `${path}[*]`);
      break;
    case 'array':
      node.type = 'array';
      node.items = compileNode(def.element as z.ZodType, `${path}[]`);
      break;
    case 'string':
      node.type = 'string';
      if (def.format && ZOD_FORMATS[def.format]) node.format = ZOD_FORMATS[def.format];
      break;
    case 'number':
      node.type = def.format === 'safeint' || def.format === 'int32' || def.format === 'int64' ? 'integer' : 'number';
      break;
    case 'bigint':
      node.type = 'integer';
      break;
    case 'boolean':
      node.type = 'boolean';
      break;
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      node.type = values.every((v) => typeof v === 'number') ? (values.every(Number.isInteger) ? 'integer' : 'number') : 'string';
      node.enum = values;
      break;
    }
    case 'literal': {
      const values = def.values ?? [];
      node.type = typeof values[0] === 'number' ? 'integer' : typeof values[0] === 'boolean' ? 'boolean' : 'string';
      node.enum = [...values];
      break;
    }
    case 'union':
      compileUnion(node, def.options ?? [], metas, path);
      break;
    case 'unknown':
    case 'any':
      break;
    default:
      throw new Error(`schema at ${path || '<root>'}: zod type '${def.type}' has no structural OpenAPI form`);
  }
  applyChecks(node, def.checks ?? []);
  applyMeta(node, metas);
  node.subtreeHasRules = Boolean(node.rules?.length) || childNodes(node).some((c) => c.subtreeHasRules);
  node.subtreeHasDefaults = Boolean(node.hasDefault) || childNodes(node).some((c) => c.subtreeHasDefaults);
  return node;
}

function childNodes(node: SchemaNode): SchemaNode[] {
  const out: SchemaNode[] = node.properties ? [...node.properties.values()] : [];
  if (node.items) out.push(node.items);
  if (node.additionalProperties) out.push(node.additionalProperties);
  return out;
}

function compileUnion(node: SchemaNode, options: z.ZodType[], metas: KubernetesExtensions[], path: string): void {
  if (metas.some((m) => m['x-kubernetes-int-or-string'])) return;
  const values: unknown[] = [];
  for (const option of options) {
    const d = defOf(option);
    if (d.type === 'literal') values.push(...(d.values ?? []));
    else if (d.type === 'enum') values.push(...Object.values(d.entries ?? {}));
    else throw new Error(`schema at ${path || '<root>'}: a union is structural only as int-or-string or a union of literals`);
  }
  node.type = values.every((v) => typeof v === 'string') ? 'string' : undefined;
  node.enum = values;
}

function applyChecks(node: SchemaNode, checks: Array<{ _zod: { def: CheckDef } }>): void {
  for (const { _zod } of checks) {
    const c = _zod.def;
    const isArray = node.type === 'array';
    const isObject = node.type === 'object';
    switch (c.check) {
      case 'greater_than':
        node.minimum = Number(c.value);
        if (!c.inclusive) node.exclusiveMinimum = true;
        break;
      case 'less_than':
        node.maximum = Number(c.value);
        if (!c.inclusive) node.exclusiveMaximum = true;
        break;
      case 'min_length':
        if (isArray) node.minItems = c.minimum; else node.minLength = c.minimum;
        break;
      case 'max_length':
        if (isArray) node.maxItems = c.maximum; else node.maxLength = c.maximum;
        break;
      case 'length_equals':
        if (isArray) node.minItems = node.maxItems = c.length; else node.minLength = node.maxLength = c.length;
        break;
      case 'min_size':
        if (isObject) node.minProperties = c.minimum;
        break;
      case 'max_size':
        if (isObject) node.maxProperties = c.maximum;
        break;
      case 'string_format':
        if (c.format === 'regex' && c.pattern) {
          node.pattern = patternText(c.pattern);
          node.patternRegExp = new RegExp(c.pattern.source, c.pattern.flags.replace(/[gy]/g, ''));
        } else if (c.format && ZOD_FORMATS[c.format]) {
          node.format = ZOD_FORMATS[c.format];
        }
        break;
      default:
        break;
    }
  }
}

/** A JS regex's pattern as authored: `.source` escapes `/` (`\/`), which CRDs and kube do not. */
export function patternText(regex: RegExp): string {
  let out = '';
  const source = regex.source;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[i + 1] as string;
      out += next === '/' ? '/' : ch + next;
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

function metaOf(schema: z.ZodType): KubernetesExtensions {
  return (z.globalRegistry.get(schema) ?? {}) as KubernetesExtensions;
}

/** Inner schema metadata first, wrappers (outer) override; CEL rules accumulate inner → outer. */
function applyMeta(node: SchemaNode, outerToInner: KubernetesExtensions[]): void {
  const rules: CelRule[] = [];
  const seen = new Set<CelRule>();
  for (let i = outerToInner.length - 1; i >= 0; i--) {
    const m = outerToInner[i] as KubernetesExtensions;
    for (const rule of m['x-kubernetes-validations'] ?? []) {
      if (!seen.has(rule)) { seen.add(rule); rules.push(rule); }
    }
    if (m.description !== undefined) node.description = m.description;
    if (m.format !== undefined) node.format = m.format;
    if (m['x-kubernetes-preserve-unknown-fields'] !== undefined) node.preserveUnknownFields = m['x-kubernetes-preserve-unknown-fields'];
    if (m['x-kubernetes-int-or-string']) { node.intOrString = true; delete node.type; }
    if (m['x-kubernetes-embedded-resource'] !== undefined) node.embeddedResource = m['x-kubernetes-embedded-resource'];
    if (m['x-kubernetes-list-type'] !== undefined) node.listType = m['x-kubernetes-list-type'];
    if (m['x-kubernetes-list-map-keys'] !== undefined) node.listMapKeys = m['x-kubernetes-list-map-keys'];
    if (m['x-kubernetes-map-type'] !== undefined) node.mapType = m['x-kubernetes-map-type'];
    if (m.openapi) {
      node.openapi = { ...node.openapi, ...m.openapi };
      applyOpenApiExtras(node, m.openapi);
    }
  }
  if (rules.length) node.rules = rules;
}

/** `openapi` extras that the engine also enforces (the rest only reach the CRD). */
function applyOpenApiExtras(node: SchemaNode, extra: Record<string, unknown>): void {
  const num = (key: string): number | undefined => (typeof extra[key] === 'number' ? (extra[key] as number) : undefined);
  node.minProperties = num('minProperties') ?? node.minProperties;
  node.maxProperties = num('maxProperties') ?? node.maxProperties;
  node.minItems = num('minItems') ?? node.minItems;
  node.maxItems = num('maxItems') ?? node.maxItems;
  node.minLength = num('minLength') ?? node.minLength;
  node.maxLength = num('maxLength') ?? node.maxLength;
  node.minimum = num('minimum') ?? node.minimum;
  node.maximum = num('maximum') ?? node.maximum;
  if (typeof extra.pattern === 'string') {
    node.pattern = extra.pattern;
    node.patternRegExp = new RegExp(extra.pattern);
  }
  if (extra.nullable === true) node.nullable = true;
  if (Array.isArray(extra.enum)) node.enum = extra.enum;
}
