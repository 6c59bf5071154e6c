// OpenAPI schema validation of a (pruned, defaulted) object, with kube-apiserver's messages:
// kube-openapi's validators (`<path> in body should match '<re>'`) converted to field errors the
// way apiextensions-apiserver does (Required, Unsupported value, Too long, Too many, Invalid).
// Field paths follow kube-openapi: list items `a[0]`, map values `a.key` (dotted).
import { fieldErrors, type FieldError } from './field-error.ts';
import { matchesFormat } from './formats.ts';
import { walkOf, type SchemaNode } from './schema-node.ts';
import { deepEqual, isPlainObject, listMapKey } from './values.ts';

export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'boolean': return 'boolean';
    case 'number': return Number.isInteger(value) ? 'integer' : 'number';
    case 'bigint': return 'integer';
    case 'string': return 'string';
    default: return Array.isArray(value) ? 'array' : 'object';
  }
}

function typeMatches(node: SchemaNode, actual: JsonType): boolean {
  if (node.intOrString) return actual === 'integer' || actual === 'string';
  if (!node.type) return true;
  if (node.type === 'number') return actual === 'number' || actual === 'integer';
  return node.type === actual;
}

/** Number of Unicode code points (kube-openapi counts runes). */
function runeLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) { n--; i++; }
  }
  return n;
}

const join = (path: string, name: string): string => (path ? `${path}.${name}` : name);
const label = (path: string): string => path || 'body';

/** A child's field path: a property or map key is dotted, a list index bracketed. The walk
 *  passes (parent, key) and builds the string only where it is needed: at an error, or once
 *  per object or list it descends into (most values are valid leaves). */
function pathOf(parent: string, key: string | number | undefined): string {
  if (key === undefined) return parent;
  return typeof key === 'number' ? `${parent}[${key}]` : join(parent, key);
}

/** Validates `value` against `node`, appending field errors in kube-openapi's visiting order. */
export function validateSchema(node: SchemaNode, value: unknown, path: string, errors: FieldError[]): void {
  validateAt(node, value, path, undefined, errors);
}

function validateAt(node: SchemaNode, value: unknown, parent: string, key: string | number | undefined, errors: FieldError[]): void {
  const actual = jsonTypeOf(value);
  if (actual === 'null') {
    if (node.nullable || (!node.type && !node.intOrString)) return;
    const expected = node.intOrString ? 'integer,string' : (node.type as string);
    const path = pathOf(parent, key);
    errors.push(fieldErrors.typeInvalid(path, 'null', `${label(path)} in body must be of type ${expected}: "null"`));
    return;
  }
  if (!typeMatches(node, actual)) {
    const expected = node.intOrString ? 'integer,string' : (node.type as string);
    const path = pathOf(parent, key);
    errors.push(fieldErrors.typeInvalid(path, actual, `${label(path)} in body must be of type ${expected}: "${actual}"`));
    return;
  }
  if (node.enum && !node.enum.some((allowed) => deepEqual(allowed, value))) {
    const supported = node.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    errors.push(fieldErrors.notSupported(pathOf(parent, key), value, supported));
  }
  switch (actual) {
    case 'string':
      validateString(node, value as string, parent, key, errors);
      return;
    case 'integer':
    case 'number':
      validateNumber(node, value as number, parent, key, errors);
      return;
    case 'array':
      validateArray(node, value as unknown[], pathOf(parent, key), errors);
      return;
    case 'object':
      validateObject(node, value as Record<string, unknown>, pathOf(parent, key), errors);
      return;
    default:
      return;
  }
}

function validateString(node: SchemaNode, value: string, parent: string, key: string | number | undefined, errors: FieldError[]): void {
  if (node.maxLength !== undefined && runeLength(value) > node.maxLength) {
    errors.push(fieldErrors.tooLong(pathOf(parent, key), node.maxLength));
  }
  if (node.minLength !== undefined && runeLength(value) < node.minLength) {
    const path = pathOf(parent, key);
    errors.push(fieldErrors.invalid(path, value, `${label(path)} in body should be at least ${node.minLength} chars long`));
  }
  if (node.patternRegExp && !node.patternRegExp.test(value)) {
    const path = pathOf(parent, key);
    errors.push(fieldErrors.invalid(path, value, `${label(path)} in body should match '${node.pattern}'`));
  }
  if (node.format && !matchesFormat(node.format, value)) {
    const path = pathOf(parent, key);
    errors.push(fieldErrors.typeInvalid(path, value, `${label(path)} in body must be of type ${node.format}: ${JSON.stringify(value)}`));
  }
}

function validateNumber(node: SchemaNode, value: number, parent: string, key: string | number | undefined, errors: FieldError[]): void {
  if (node.maximum !== undefined) {
    if (node.exclusiveMaximum ? value >= node.maximum : value > node.maximum) {
      const relation = node.exclusiveMaximum ? 'less than' : 'less than or equal to';
      const path = pathOf(parent, key);
      errors.push(fieldErrors.invalid(path, value, `${label(path)} in body should be ${relation} ${node.maximum}`));
    }
  }
  if (node.minimum !== undefined) {
    if (node.exclusiveMinimum ? value <= node.minimum : value < node.minimum) {
      const relation = node.exclusiveMinimum ? 'greater than' : 'greater than or equal to';
      const path = pathOf(parent, key);
      errors.push(fieldErrors.invalid(path, value, `${label(path)} in body should be ${relation} ${node.minimum}`));
    }
  }
}

function validateArray(node: SchemaNode, value: unknown[], path: string, errors: FieldError[]): void {
  if (node.minItems !== undefined && value.length < node.minItems) {
    errors.push(fieldErrors.invalid(path, value.length, `${label(path)} in body should have at least ${node.minItems} items`));
  }
  if (node.maxItems !== undefined && value.length > node.maxItems) {
    errors.push(fieldErrors.tooMany(path, value.length, node.maxItems));
  }
  const items = node.items;
  if (items) for (let i = 0; i < value.length; i++) validateAt(items, value[i], path, i, errors);
  if (node.listType === 'set' || node.listType === 'map') validateListUniqueness(node, value, path, errors);
}

/** `x-kubernetes-list-type: set|map`: later duplicates are reported by index, as the apiserver does. */
function validateListUniqueness(node: SchemaNode, value: unknown[], path: string, errors: FieldError[]): void {
  if (value.length < 2) return;
  const keys = node.listType === 'map' ? node.listMapKeys ?? [] : undefined;
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    const identity = keys ? listMapKey(item, keys) : JSON.stringify(item);
    if (identity === undefined) continue;
    if (seen.has(identity)) {
      let bad: unknown = item;
      if (keys && isPlainObject(item)) {
        const picked: Record<string, unknown> = {};
        for (const k of keys) if (item[k] !== undefined) picked[k] = item[k];
        bad = picked;
      }
      errors.push(fieldErrors.duplicate(`${path}[${i}]`, bad));
    } else {
      seen.add(identity);
    }
  }
}

function validateObject(node: SchemaNode, value: Record<string, unknown>, path: string, errors: FieldError[]): void {
  if (node.isMetadata) return;
  if (node.maxProperties !== undefined || node.minProperties !== undefined) {
    const count = Object.keys(value).length;
    if (node.maxProperties !== undefined && count > node.maxProperties) {
      errors.push({ type: 'FieldValueTooMany', field: path, badValue: count, detail: `must have at most ${node.maxProperties} items` });
    }
    if (node.minProperties !== undefined && count < node.minProperties) {
      errors.push(fieldErrors.invalid(path, count, `${label(path)} in body should have at least ${node.minProperties} properties`));
    }
  }
  if (node.required) {
    for (const name of node.required) if (value[name] === undefined) errors.push(fieldErrors.required(join(path, name)));
  }
  if (node.properties) validateProperties(node, node.properties, value, path, errors);
  const additional = node.additionalProperties;
  if (additional) for (const key of Object.keys(value)) validateAt(additional, value[key], path, key, errors);
}

/** Present properties in declared order. A small object under a wide schema (a container, a
 *  pod spec) visits its own keys, put in declared order, instead of every declared property. */
function validateProperties(node: SchemaNode, properties: Map<string, SchemaNode>, value: Record<string, unknown>, path: string, errors: FieldError[]): void {
  const keys = Object.keys(value);
  const walk = walkOf(node);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (keys.length * 2 > properties.size || walk.inheritedNames || (proto !== Object.prototype && proto !== null)) {
    for (const [name, child] of properties) {
      const v = value[name];
      if (v !== undefined) validateAt(child, v, path, name, errors);
    }
    return;
  }
  const present: number[] = [];
  for (const key of keys) {
    const position = walk.position.get(key);
    if (position !== undefined && value[key] !== undefined) present.push(position);
  }
  present.sort((a, b) => a - b);
  const entries = walk.entries ??= [...properties];
  for (const position of present) {
    const [name, child] = entries[position] as [string, SchemaNode];
    validateAt(child, value[name], path, name, errors);
  }
}
