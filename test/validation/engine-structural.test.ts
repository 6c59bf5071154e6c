// Schema validation, pruning and defaulting through validate(), with test-only kinds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { cel, formatted, intOrString, k8s, listMap, listSet, resource, withRules } from '../../src/api/kit.ts';
import { controlPlaneRef, kicNotSupportedRule, tags } from '../../src/api/common/konnect-entity.ts';
import type { RegisteredVersion } from '../../src/api/registry.ts';
import { validate, RULES_NOT_CHECKED, type ValidateOptions } from '../../src/validation/engine.ts';
import { formatFieldError } from '../../src/validation/field-error.ts';

const NOT_CHECKED = `<nil>: Invalid value: "null": ${RULES_NOT_CHECKED}`;

const spec = z.object({
  host: z.string().min(1).max(12).regex(/^[a-z.]+$/),
  port: z.int().min(1).max(65535).default(80),
  weight: z.number().gt(0).lt(1).optional(),
  protocol: z.enum(['http', 'https']).default('http'),
  tags: tags.optional(),
  url: formatted('uri').optional(),
  id: formatted('uuid').optional(),
  created: formatted('date-time').optional(),
  addresses: z.array(formatted('ipv4')).min(1).optional(),
  target: intOrString().optional(),
  labels: z.record(z.string(), z.string().max(3)).optional(),
  listeners: listMap(z.object({ name: z.string(), port: z.int(), tls: z.boolean().optional() }), ['name']).optional(),
  hosts: listSet(z.string()).optional(),
  nothing: z.string().nullable().optional(),
  options: k8s(z.object({ known: z.string().optional() }), { 'x-kubernetes-preserve-unknown-fields': true }).optional(),
  limits: k8s(z.record(z.string(), z.string()), { openapi: { maxProperties: 2 } }).optional(),
  controlPlaneRef: controlPlaneRef.optional(),
});

const target: RegisteredVersion = {
  kind: { group: 'test.kongward.dev', kind: 'Widget', plural: 'widgets', singular: 'widget', scope: 'Namespaced', versions: [] },
  version: { name: 'v1', served: true, storage: true, schema: resource({ spec, required: ['spec'] }) },
};

function run(object: unknown, options: ValidateOptions = {}) {
  const result = validate(target, { operation: 'CREATE', object }, options);
  return { ...result, messages: result.errors.map(formatFieldError) };
}

const ok = { apiVersion: 'test.kongward.dev/v1', kind: 'Widget', metadata: { name: 'w', labels: { a: 'b' } } };

test('schema errors render as kube-apiserver prints them', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['required', {}, ['spec.host: Required value', NOT_CHECKED]],
    ['enum', { host: 'a', protocol: 'tcp' }, ['spec.protocol: Unsupported value: "tcp": supported values: "http", "https"', NOT_CHECKED]],
    ['type', { host: 'a', port: 'eighty' }, ['spec.port: Invalid value: "string": spec.port in body must be of type integer: "string"', NOT_CHECKED]],
    ['integer given a fraction', { host: 'a', port: 1.5 }, ['spec.port: Invalid value: "number": spec.port in body must be of type integer: "number"', NOT_CHECKED]],
    ['pattern', { host: 'ABC' }, ["spec.host: Invalid value: \"ABC\": spec.host in body should match '^[a-z.]+$'"]],
    ['minLength', { host: '' }, [
      'spec.host: Invalid value: "": spec.host in body should be at least 1 chars long',
      "spec.host: Invalid value: \"\": spec.host in body should match '^[a-z.]+$'",
    ]],
    ['maxLength', { host: 'abcdefghijklm' }, ['spec.host: Too long: may not be more than 12 bytes', NOT_CHECKED]],
    ['maximum', { host: 'a', port: 70000 }, ['spec.port: Invalid value: 70000: spec.port in body should be less than or equal to 65535']],
    ['minimum', { host: 'a', port: 0 }, ['spec.port: Invalid value: 0: spec.port in body should be greater than or equal to 1']],
    ['exclusive bounds', { host: 'a', weight: 1 }, ['spec.weight: Invalid value: 1: spec.weight in body should be less than 1']],
    ['maxItems', { host: 'a', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, ['spec.tags: Too many: 21: must have at most 20 items', NOT_CHECKED]],
    ['minItems', { host: 'a', addresses: [] }, ['spec.addresses: Invalid value: 0: spec.addresses in body should have at least 1 items']],
    ['format uri', { host: 'a', url: 'not a url' }, ['spec.url: Invalid value: "not a url": spec.url in body must be of type uri: "not a url"', NOT_CHECKED]],
    ['format uuid', { host: 'a', id: 'x' }, ['spec.id: Invalid value: "x": spec.id in body must be of type uuid: "x"', NOT_CHECKED]],
    ['format date-time', { host: 'a', created: '2024-13-01T00:00:00Z' }, [
      'spec.created: Invalid value: "2024-13-01T00:00:00Z": spec.created in body must be of type date-time: "2024-13-01T00:00:00Z"', NOT_CHECKED,
    ]],
    ['format ipv4 in a list', { host: 'a', addresses: ['10.0.0.1', '10.0.0'] }, [
      'spec.addresses[1]: Invalid value: "10.0.0": spec.addresses[1] in body must be of type ipv4: "10.0.0"', NOT_CHECKED,
    ]],
    ['int-or-string', { host: 'a', target: true }, ['spec.target: Invalid value: "boolean": spec.target in body must be of type integer,string: "boolean"', NOT_CHECKED]],
    ['map values', { host: 'a', labels: { tier: 'gold' } }, ['spec.labels.tier: Too long: may not be more than 3 bytes', NOT_CHECKED]],
    ['maxProperties', { host: 'a', limits: { a: '1', b: '2', c: '3' } }, ['spec.limits: Too many: 3: must have at most 2 items', NOT_CHECKED]],
    ['list-map duplicate keys', { host: 'a', listeners: [{ name: 'x', port: 1 }, { name: 'x', port: 2 }] }, [
      'spec.listeners[1]: Duplicate value: map[string]interface {}{"name":"x"}',
    ]],
    ['list-set duplicates', { host: 'a', hosts: ['a', 'b', 'a'] }, ['spec.hosts[2]: Duplicate value: "a"']],
    ['nested item type', { host: 'a', listeners: [{ name: 'x', port: 1, tls: 'yes' }] }, [
      'spec.listeners[0].tls: Invalid value: "string": spec.listeners[0].tls in body must be of type boolean: "string"', NOT_CHECKED,
    ]],
    ['several errors at once', { port: 0, protocol: 'x' }, [
      'spec.host: Required value',
      'spec.port: Invalid value: 0: spec.port in body should be greater than or equal to 1',
      'spec.protocol: Unsupported value: "x": supported values: "http", "https"',
      NOT_CHECKED,
    ]],
  ];
  for (const [name, specValue, expected] of cases) {
    assert.deepEqual(run({ ...ok, spec: specValue }).messages, expected, name);
  }
});

test('a valid object passes, nullable accepts null, and values of the right type pass', () => {
  const result = run({ ...ok, spec: { host: 'a.b', nothing: null, target: 'http', weight: 0.5, id: '123e4567-e89b-12d3-a456-426614174000',
    url: 'https://example.com/x', created: '2024-01-02T03:04:05.5+01:00', addresses: ['10.0.0.1'] } });
  assert.deepEqual(result.messages, []);
});

test('defaults are applied recursively, before rules run', () => {
  const result = run({ ...ok, spec: { host: 'a', controlPlaneRef: {} } });
  assert.deepEqual(result.object?.spec, { host: 'a', controlPlaneRef: { type: 'kic' }, port: 80, protocol: 'http' });
  // A default on the node a rule reads makes the rule fire.
  const kicOnly: RegisteredVersion = {
    kind: target.kind,
    version: { ...target.version, schema: resource({ spec: withRules(z.object({ controlPlaneRef: controlPlaneRef.optional() }), kicNotSupportedRule) }) },
  };
  const out = validate(kicOnly, { operation: 'CREATE', object: { spec: { controlPlaneRef: {} } } });
  assert.deepEqual(out.errors.map(formatFieldError), ['spec: Invalid value: "object": KIC is not supported as control plane']);
});

test('defaults inside defaulted values and list items', () => {
  const item = z.object({ name: z.string(), weight: z.int().default(100) });
  const inner = z.object({ mode: z.string().default('fast'), items: z.array(item).default([{ name: 'first' }] as never) });
  const version: RegisteredVersion = {
    kind: target.kind,
    version: { ...target.version, schema: resource({ spec: z.object({ inner: inner.default({} as never), list: z.array(item).optional() }) }) },
  };
  const out = validate(version, { operation: 'CREATE', object: { spec: { list: [{ name: 'a' }, { name: 'b', weight: 5 }] } } });
  assert.deepEqual(out.object?.spec, {
    list: [{ name: 'a', weight: 100 }, { name: 'b', weight: 5 }],
    inner: { mode: 'fast', items: [{ name: 'first', weight: 100 }] },
  });
});

test('a null in a non-nullable field is dropped (then defaulted), as the apiserver does', () => {
  const result = run({ ...ok, spec: { host: 'a', port: null, url: null } });
  assert.deepEqual(result.messages, []);
  assert.deepEqual(result.object?.spec, { host: 'a', port: 80, protocol: 'http' });
});

test('unknown fields are pruned by default and reported in strict mode; metadata and preserved fields stay', () => {
  const input = { ...ok, spec: { host: 'a', notAField: 1, listeners: [{ name: 'x', port: 1, extra: true }], options: { known: 'k', free: { any: 1 } } }, extra: 1 };
  const pruned = run(input);
  assert.deepEqual(pruned.messages, []);
  assert.equal('notAField' in (pruned.object?.spec as object), false);
  assert.deepEqual((pruned.object?.spec as { listeners: unknown }).listeners, [{ name: 'x', port: 1 }]);
  assert.deepEqual((pruned.object?.spec as { options: unknown }).options, { known: 'k', free: { any: 1 } });
  assert.deepEqual(pruned.object?.metadata, ok.metadata);
  const strict = run(input, { unknownFields: 'error' });
  assert.deepEqual(strict.messages, [
    'spec.notAField: Forbidden: unknown field "spec.notAField"',
    'spec.listeners[0].extra: Forbidden: unknown field "spec.listeners[0].extra"',
    'extra: Forbidden: unknown field "extra"',
  ]);
  assert.equal((input.spec as Record<string, unknown>).notAField, 1, 'the input is not mutated');
});

test('no object (DELETE) validates to nothing; a non-object is a type error', () => {
  assert.deepEqual(validate(target, { operation: 'DELETE', oldObject: { spec: {} } }), { errors: [], warnings: [], object: undefined });
  assert.deepEqual(run('text').messages, ['<nil>: Invalid value: "string": body must be of type object']);
});

test('cel helper, kit exports and a rule on the root', () => {
  const version: RegisteredVersion = {
    kind: target.kind,
    version: { ...target.version, schema: resource({ spec: z.object({ a: z.int() }), rules: [cel('self.spec.a > 1', 'a must exceed 1')] }) },
  };
  const out = validate(version, { operation: 'CREATE', object: { spec: { a: 1 } } });
  assert.deepEqual(out.errors.map(formatFieldError), ['<nil>: Invalid value: "object": a must exceed 1']);
});

test('a small object under a wide schema reports errors in declared order, whatever its key order', () => {
  const wide = z.object(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, z.string().max(2).optional()])));
  const inherited = z.object({ constructor: z.string().optional(), toString: z.int().optional(), a: z.string().max(1).optional() });
  const widget: RegisteredVersion = { ...target, version: { ...target.version, schema: resource({ spec: z.object({ wide: wide.optional(), inherited: inherited.optional() }) }) } };
  const check = (object: unknown) => validate(widget, { operation: 'CREATE', object }).errors.map(formatFieldError);
  const tooLong = (i: number) => `spec.wide.f${i}: Too long: may not be more than 2 bytes`;
  const spec = { wide: { f9: 'xxx', f1: 'xxx', f5: 'ok' } };
  assert.deepEqual(check({ apiVersion: 'test.kongward.dev/v1', kind: 'Widget', metadata: { name: 'w' }, spec }), [tooLong(1), tooLong(9)]);
  // A null-prototype object is read the same way.
  const bare = Object.assign(Object.create(null) as object, { f11: 'xxx', f0: 'xxx' });
  assert.deepEqual(check({ apiVersion: 'test.kongward.dev/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { wide: bare } }), [tooLong(0), tooLong(11)]);
  // Property names that are Object.prototype members keep the full walk (the inherited
  // `constructor`/`toString` of a plain object are functions, reported as such).
  assert.deepEqual(check({ apiVersion: 'test.kongward.dev/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { inherited: { a: 'xx' } } }), [
    'spec.inherited.constructor: Invalid value: "object": spec.inherited.constructor in body must be of type string: "object"',
    'spec.inherited.toString: Invalid value: "object": spec.inherited.toString in body must be of type integer: "object"',
    'spec.inherited.a: Too long: may not be more than 1 bytes',
  ]);
});
