// toOpenApi(): the CRD-ready structural schema compiled from zod.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { anyJson, cel, formatted, integer, intOrString, k8s, listMap, resource, withRules } from '../../src/api/kit.ts';
import { controlPlaneRef } from '../../src/api/common/konnect-entity.ts';
import { toOpenApi } from '../../src/validation/openapi.ts';
import { compileSchema } from '../../src/validation/structural.ts';
import { sharedPath, SHARED_MISSING } from '../support/shared.ts';

test('zod types, bounds, required and Kubernetes extensions become OpenAPI keywords', () => {
  const schema = withRules(
    z.object({
      name: z.string().min(1).max(63).regex(/^[a-z]+$/),
      port: integer('int32').min(1).max(65535).default(80),
      ratio: z.number().gt(0).lt(1).optional(),
      mode: z.enum(['a', 'b']).optional(),
      target: intOrString().optional(),
      created: formatted('date-time').optional(),
      items: listMap(z.object({ key: z.string() }), ['key']).min(1).max(5).optional(),
      labels: k8s(z.record(z.string(), z.string()), { openapi: { maxProperties: 3 } }).optional(),
      raw: anyJson().optional(),
      maybe: z.string().nullable().optional(),
      plain: z.int().optional(),
    }).describe('a widget'),
    cel('self.port > 0', 'port must be positive'),
  );
  assert.deepEqual(toOpenApi(schema), {
    description: 'a widget',
    properties: {
      created: { format: 'date-time', type: 'string' },
      items: {
        items: { properties: { key: { type: 'string' } }, required: ['key'], type: 'object' },
        maxItems: 5, minItems: 1, type: 'array', 'x-kubernetes-list-map-keys': ['key'], 'x-kubernetes-list-type': 'map',
      },
      labels: { additionalProperties: { type: 'string' }, maxProperties: 3, type: 'object' },
      maybe: { nullable: true, type: 'string' },
      mode: { enum: ['a', 'b'], type: 'string' },
      name: { maxLength: 63, minLength: 1, pattern: '^[a-z]+$', type: 'string' },
      plain: { type: 'integer' },
      port: { default: 80, format: 'int32', maximum: 65535, minimum: 1, type: 'integer' },
      ratio: { exclusiveMaximum: true, exclusiveMinimum: true, maximum: 1, minimum: 0, type: 'number' },
      raw: { 'x-kubernetes-preserve-unknown-fields': true },
      target: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
    },
    required: ['name'],
    type: 'object',
    'x-kubernetes-validations': [{ message: 'port must be positive', rule: 'self.port > 0' }],
  });
  // Keys are sorted at every level, so the output is byte-stable.
  assert.deepEqual(Object.keys(toOpenApi(schema)), ['description', 'properties', 'required', 'type', 'x-kubernetes-validations']);
  assert.equal(compileSchema(schema), compileSchema(schema), 'compiled trees are cached per schema');
});

test('resource(): metadata is a bare object, spec required only when asked', () => {
  const out = toOpenApi(resource({ spec: z.object({ a: z.string() }), required: ['spec'] }));
  assert.deepEqual(out.properties, {
    apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' },
    spec: { properties: { a: { type: 'string' } }, required: ['a'], type: 'object' },
  });
  assert.deepEqual(out.required, ['spec']);
});

test('patterns are printed as authored, without the `\\/` a JS regex source adds', () => {
  assert.deepEqual(toOpenApi(z.string().regex(/^[a-z\/]+\/v[0-9]$/)), { pattern: '^[a-z/]+/v[0-9]$', type: 'string' });
});

test('a zod type with no structural form is refused with its path', () => {
  assert.throws(() => toOpenApi(z.object({ when: z.date() })), /schema at \.when: zod type 'date' has no structural OpenAPI form/);
});

test('controlPlaneRef compiles to exactly the upstream KongService CRD node (descriptions aside)', (t) => {
  const file = sharedPath('reference', 'crds', 'kong', 'configuration.konghq.com_kongservices.yaml');
  if (!file) return t.skip(SHARED_MISSING);
  const crd = parse(readFileSync(file, 'utf8')) as { spec: { versions: Array<{ schema: { openAPIV3Schema: unknown } }> } };
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'description').map(([k, v]) => [k, strip(v)]));
    }
    return node;
  };
  const upstream = strip(crd.spec.versions[0]?.schema.openAPIV3Schema) as { properties: { spec: { properties: { controlPlaneRef: unknown } } } };
  assert.deepEqual(toOpenApi(controlPlaneRef), upstream.properties.spec.properties.controlPlaneRef);
});
