// CEL rules through validate(): typing of self, per-item and per-value rules, transition rules
// and their correlation, messageExpression, fieldPath, reason, runtime errors, checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { cel, integer, listMap, resource, withRules } from '../../src/api/kit.ts';
import { adoptOptions, controlPlaneRef } from '../../src/api/common/konnect-entity.ts';
import type { RegisteredVersion } from '../../src/api/registry.ts';
import type { ObjectCheck, Operation } from '../../src/api/types.ts';
import { validate } from '../../src/validation/engine.ts';
import { fieldErrors, formatFieldError } from '../../src/validation/field-error.ts';

function kind(schema: z.ZodType, checks?: ObjectCheck[]): RegisteredVersion {
  return {
    kind: { group: 'test.kongward.dev', kind: 'Gadget', plural: 'gadgets', singular: 'gadget', scope: 'Namespaced', versions: [] },
    version: { name: 'v1', served: true, storage: true, schema, ...(checks ? { checks } : {}) },
  };
}

function messages(target: RegisteredVersion, object: unknown, oldObject?: unknown, operation?: Operation): string[] {
  const op = operation ?? (oldObject ? 'UPDATE' : 'CREATE');
  return validate(target, { operation: op, object, oldObject }).errors.map(formatFieldError);
}

const immutable = (message: string) => cel('self == oldSelf', message);

const gadget = kind(resource({
  spec: withRules(
    z.object({
      replicas: withRules(integer('int32').optional(), cel('self % 2 == 1', 'replicas must be odd')),
      ratio: withRules(z.number().optional(), cel('self > 0.5', 'ratio must exceed 0.5')),
      name: withRules(z.string().optional(), immutable('name is immutable')),
      namespace: z.string().optional(),
      servers: withRules(z.array(withRules(z.object({ host: z.string(), port: z.int() }), cel('self.port != 22', 'no ssh')))
        .optional(), cel('self.all(s, s.port > 0)', 'ports must be positive')),
      routes: listMap(withRules(z.object({ name: z.string(), path: z.string() }), immutable('route path is immutable')), ['name']).optional(),
      plain: z.array(withRules(z.object({ v: z.string() }), immutable('plain items do not correlate'))).optional(),
      headers: z.record(z.string(), withRules(z.string(), cel("!self.startsWith('x-')", 'no x- values'), immutable('header values are immutable'))).optional(),
      endpoint: withRules(z.string().optional(),
        cel("isURL(self) ? url(self).getScheme() == 'https' : true", 'endpoint must be https'),
        cel("!self.contains('@') || self.split('@').size() == 2", 'one @ at most'),
        cel("!self.startsWith('/') || self.substring(1).size() > 0", 'path must not be empty')),
      hosts: withRules(z.array(z.string()).optional(), cel('self.all(h, !isIP(h))', 'hosts must not be IPs')),
      timeout: withRules(z.string().optional(), cel("duration(self) <= duration('60s')", 'timeout at most 60s')),
      controlPlaneRef: controlPlaneRef.optional(),
      adopt: adoptOptions.optional(),
    }),
    cel("!has(self.__namespace__) || self.__namespace__ != 'kube-system'", 'kube-system is reserved'),
    cel('!has(self.replicas) || self.replicas + 1 <= 10', 'replicas + 1 must not exceed 10'),
  ),
}));

const base = { apiVersion: 'test.kongward.dev/v1', kind: 'Gadget', metadata: { name: 'g' } };
const make = (spec: Record<string, unknown>) => ({ ...base, spec });

test('rules see self typed by the schema: integer is int, number is double, escaped names', () => {
  assert.deepEqual(messages(gadget, make({ replicas: 3, ratio: 0.75 })), []);
  assert.deepEqual(messages(gadget, make({ replicas: 2 })), ['spec.replicas: Invalid value: "integer": replicas must be odd']);
  assert.deepEqual(messages(gadget, make({ replicas: 11 })), ['spec: Invalid value: "object": replicas + 1 must not exceed 10']);
  assert.deepEqual(messages(gadget, make({ ratio: 0.25 })), ['spec.ratio: Invalid value: "number": ratio must exceed 0.5']);
  assert.deepEqual(messages(gadget, make({ namespace: 'kube-system' })), ['spec: Invalid value: "object": kube-system is reserved']);
});

test('rules on list items and map values run once per item, with the item path', () => {
  const object = make({ servers: [{ host: 'a', port: 22 }, { host: 'b', port: 80 }, { host: 'c', port: 22 }], headers: { a: 'ok', b: 'x-no' } });
  assert.deepEqual(messages(gadget, object), [
    'spec.servers[0]: Invalid value: "object": no ssh',
    'spec.servers[2]: Invalid value: "object": no ssh',
    'spec.headers[b]: Invalid value: "string": no x- values',
  ]);
  assert.deepEqual(messages(gadget, make({ servers: [{ host: 'a', port: -1 }] })), ['spec.servers: Invalid value: "array": ports must be positive']);
});

test('Kubernetes CEL library: url, isURL, split, substring, isIP, duration', () => {
  const cases: Array<[Record<string, unknown>, string[]]> = [
    [{ endpoint: 'https://example.com' }, []],
    [{ endpoint: 'http://example.com' }, ['spec.endpoint: Invalid value: "string": endpoint must be https']],
    [{ endpoint: 'not a url' }, []],
    [{ endpoint: 'a@b@c' }, ['spec.endpoint: Invalid value: "string": one @ at most']],
    [{ endpoint: '/' }, ['spec.endpoint: Invalid value: "string": endpoint must be https', 'spec.endpoint: Invalid value: "string": path must not be empty']],
    [{ hosts: ['example.com', '10.0.0.1'] }, ['spec.hosts: Invalid value: "array": hosts must not be IPs']],
    [{ hosts: ['example.com', '::1'] }, ['spec.hosts: Invalid value: "array": hosts must not be IPs']],
    [{ timeout: '30s' }, []],
    [{ timeout: '2m' }, ['spec.timeout: Invalid value: "string": timeout at most 60s']],
  ];
  for (const [spec, expected] of cases) assert.deepEqual(messages(gadget, make(spec)), expected, JSON.stringify(spec));
});

test('transition rules run on UPDATE only, where the old value exists', () => {
  // CREATE: no oldSelf, the rule is skipped.
  assert.deepEqual(messages(gadget, make({ name: 'a' })), []);
  // UPDATE changing the value.
  assert.deepEqual(messages(gadget, make({ name: 'b' }), make({ name: 'a' })), ['spec.name: Invalid value: "string": name is immutable']);
  // UPDATE where the old object had no value there: skipped.
  assert.deepEqual(messages(gadget, make({ name: 'b' }), make({})), []);
  // adopt: `self.from == oldSelf.from` etc. on the shared adopt block.
  const adopt = (id: string) => make({ adopt: { from: 'konnect', konnect: { id } } });
  assert.deepEqual(messages(gadget, adopt('2'), adopt('1')), ['spec.adopt: Invalid value: "object": konnect.id is immutable']);
  assert.deepEqual(messages(gadget, adopt('2')), []);
});

test('list-map items correlate by key, plain list items do not, map values by key', () => {
  const routes = (...r: Array<[string, string]>) => make({ routes: r.map(([name, path]) => ({ name, path })) });
  // Reordered and one path changed: correlated by name, not index.
  assert.deepEqual(messages(gadget, routes(['b', '/b'], ['a', '/changed']), routes(['a', '/a'], ['b', '/b'])), [
    'spec.routes[1]: Invalid value: "object": route path is immutable',
  ]);
  // A new key has no old value: no error.
  assert.deepEqual(messages(gadget, routes(['a', '/a'], ['c', '/c']), routes(['a', '/a'])), []);
  // Plain (atomic) list items never correlate.
  assert.deepEqual(messages(gadget, make({ plain: [{ v: '2' }] }), make({ plain: [{ v: '1' }] })), []);
  // Map values correlate by key.
  assert.deepEqual(messages(gadget, make({ headers: { a: '2', b: 'same' } }), make({ headers: { a: '1', b: 'same' } })), [
    'spec.headers[a]: Invalid value: "string": header values are immutable',
  ]);
});

test('ratcheting: errors on values unchanged since the old object are dropped on UPDATE', () => {
  // The stored object already violates a rule; an update elsewhere is allowed.
  const old = make({ replicas: 2, name: 'n' });
  assert.deepEqual(messages(gadget, make({ replicas: 2, name: 'n', ratio: 0.9 }), old), []);
  // Changing the offending value re-checks it.
  assert.deepEqual(messages(gadget, make({ replicas: 4, name: 'n' }), old), ['spec.replicas: Invalid value: "integer": replicas must be odd']);
  // The same object on CREATE is checked in full.
  assert.deepEqual(messages(gadget, old), ['spec.replicas: Invalid value: "integer": replicas must be odd']);
});

test('messageExpression, fieldPath, reason, and the default message', () => {
  const target = kind(resource({
    spec: withRules(
      z.object({ host: z.string().optional(), labels: z.record(z.string(), z.string()).optional(), size: z.int().optional() }),
      cel('self.size < 10', undefined, { messageExpression: "'size ' + string(self.size) + ' is too big'" }),
      cel("has(self.host)", 'host is required', { fieldPath: '.host', reason: 'FieldValueRequired' }),
      cel("!has(self.labels) || !('bad' in self.labels)", 'bad label', { fieldPath: ".labels['bad']" }),
      cel('self.size != 7'),
      cel("self.size != 8", 'eight', { reason: 'FieldValueForbidden' }),
      cel("self.size != 9", 'nine', { reason: 'FieldValueDuplicate' }),
      cel('self.size != 11', 'fallback message', { messageExpression: '1 + 1' }),
    ),
  }));
  assert.deepEqual(messages(target, make({ host: 'h', size: 12, labels: { bad: 'x' } })), [
    'spec: Invalid value: "object": size 12 is too big',
    'spec.labels[bad]: Invalid value: "object": bad label',
  ]);
  assert.deepEqual(messages(target, make({ size: 7 })), [
    'spec.host: Required value: host is required',
    'spec: Invalid value: "object": failed rule: self.size != 7',
  ]);
  assert.deepEqual(messages(target, make({ host: 'h', size: 8 })), ['spec: Forbidden: eight']);
  assert.deepEqual(messages(target, make({ host: 'h', size: 9 })), ['spec: Duplicate value: "object"']);
});

test('runtime errors are reported, never thrown', () => {
  const target = kind(resource({
    spec: withRules(z.object({ a: z.string().optional(), n: z.int().optional() }), cel("self.a == 'x'", 'a must be x'), cel('self.n / 0 == 1', 'divide')),
  }));
  assert.deepEqual(messages(target, make({ n: 1 })), [
    'spec: Invalid value: "object": no such key: a evaluating rule: a must be x',
    'spec: Invalid value: "object": division by zero evaluating rule: divide',
  ]);
});

test('a rule that does not compile becomes an internal error, not an exception', () => {
  const target = kind(resource({ spec: withRules(z.object({ a: z.string() }), cel('self.a ==', 'broken')) }));
  const out = messages(target, make({ a: 'x' }));
  assert.equal(out.length, 1);
  assert.match(out[0] as string, /^spec: Internal error: rule compile error: .*self\.a ==/);
});

test('checks run after CRD validation passes; a throwing check is an internal error', () => {
  const seen: Operation[] = [];
  const warn: ObjectCheck = ({ operation, object }) => {
    seen.push(operation);
    return (object.spec as { name?: string }).name === 'bad' ? { errors: [fieldErrors.invalid('spec.name', 'bad', 'not allowed')] } : { warnings: ['w1'] };
  };
  const boom: ObjectCheck = function explode() {
    throw new Error('kaboom');
  };
  const target = kind(resource({ spec: z.object({ name: z.string().min(2) }) }), [warn, boom]);
  const good = validate(target, { operation: 'CREATE', object: make({ name: 'ok' }) });
  assert.deepEqual(good.warnings, ['w1']);
  assert.deepEqual(good.errors.map(formatFieldError), ['<nil>: Internal error: check explode of Gadget failed: kaboom']);
  assert.deepEqual(messages(target, make({ name: 'bad' })), [
    'spec.name: Invalid value: "bad": not allowed',
    '<nil>: Internal error: check explode of Gadget failed: kaboom',
  ]);
  // CRD validation fails: checks do not run.
  const before = seen.length;
  assert.deepEqual(messages(target, make({ name: 'x' })), ['spec.name: Invalid value: "x": spec.name in body should be at least 2 chars long']);
  assert.equal(seen.length, before);
});
