// Renders a compiled schema tree as the JSON a CRD's openAPIV3Schema holds. Keys are sorted
// alphabetically at every level (as controller-gen's YAML is), so output is deterministic.
import type { z } from 'zod';
import type { SchemaNode } from './schema-node.ts';
import { compileSchema } from './structural.ts';

/** CRD-ready `openAPIV3Schema` for a zod schema. */
export function toOpenApi(schema: z.ZodType): Record<string, unknown> {
  return nodeToOpenApi(compileSchema(schema));
}

export function nodeToOpenApi(node: SchemaNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) out[key] = value;
  };
  set('type', node.type);
  set('description', node.description);
  set('format', node.format);
  set('enum', node.enum ? [...node.enum] : undefined);
  if (node.hasDefault) set('default', structuredClone(node.default));
  set('nullable', node.nullable || undefined);
  set('minimum', node.minimum);
  set('exclusiveMinimum', node.exclusiveMinimum);
  set('maximum', node.maximum);
  set('exclusiveMaximum', node.exclusiveMaximum);
  set('minLength', node.minLength);
  set('maxLength', node.maxLength);
  set('pattern', node.pattern);
  set('minItems', node.minItems);
  set('maxItems', node.maxItems);
  set('minProperties', node.minProperties);
  set('maxProperties', node.maxProperties);
  if (node.properties?.size) {
    const props: Record<string, unknown> = {};
    for (const [name, child] of node.properties) props[name] = nodeToOpenApi(child);
    out.properties = sortKeys(props);
  }
  if (node.required?.length) out.required = [...node.required];
  if (node.additionalProperties) {
    const values = nodeToOpenApi(node.additionalProperties);
    // A free-form object (record of anything + preserve-unknown-fields) says nothing about its
    // values; the CRD form is just `type: object` with the extension.
    if (!(node.preserveUnknownFields && Object.keys(values).length === 0)) out.additionalProperties = values;
  }
  if (node.items) out.items = nodeToOpenApi(node.items);
  if (node.intOrString) out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  set('x-kubernetes-int-or-string', node.intOrString || undefined);
  set('x-kubernetes-preserve-unknown-fields', node.preserveUnknownFields || undefined);
  set('x-kubernetes-embedded-resource', node.embeddedResource || undefined);
  set('x-kubernetes-list-type', node.listType);
  set('x-kubernetes-list-map-keys', node.listMapKeys ? [...node.listMapKeys] : undefined);
  set('x-kubernetes-map-type', node.mapType);
  if (node.rules?.length) {
    out['x-kubernetes-validations'] = node.rules.map((rule) => sortKeys({ ...rule }));
  }
  if (node.openapi) Object.assign(out, structuredClone(node.openapi));
  return sortKeys(out);
}

function sortKeys<T extends Record<string, unknown>>(record: T): T {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key];
  return sorted as T;
}
