// Differential test of the pre-resolved qualified names (cel/bindings.ts): every expression
// evaluates to the same value (the same wrapper object) or the same error text with and without
// the getters, on generated objects where fields are present, absent, null, lists or scalars.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { celEnv, isCelError, parse, plan, type CelInput } from '@bufbuild/cel';
import { qualifiedNameBindings } from '../../src/validation/cel/bindings.ts';
import { kubernetesLibrary } from '../../src/validation/cel/library.ts';
import { toCelValue, type CelValueCache } from '../../src/validation/cel/values.ts';

const env = celEnv({ funcs: kubernetesLibrary });

const EXPRESSIONS = [
  'self.a',
  'self.a.b',
  'self.a.b.c',
  'self.a.b == oldSelf.a.b',
  'has(self.a.b)',
  'has(self.a.b.c)',
  '!has(self.a) ? true : self.a.b.c == 1',
  'self.a.b.size()',
  'self.a.b[0]',
  'self.a[0].b',
  'self.a.b.exists(x, x == 1)',
  'self.a.all(k, has(self.a.b) && k != "")',
  'self.__namespace__.a',
  'self.a.__namespace__ == oldSelf.a.__namespace__',
  'oldSelf.a.b.c',
  'has(oldSelf.a) && oldSelf.a.b != self.a.b',
  "self.c.a + 'x'",
  'self.b.c.a > 0',
];

/** Expressions the getters must leave alone. */
const UNSAFE = ["self['a'].b", "self.a['b.c']", 'self.a.exists(self, self.b == 1)'];

const KEYS = ['a', 'b', 'c', 'namespace', 'b.c'];
const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, 1, 0, 'x', '', true),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

function outcome(result: unknown): unknown {
  return isCelError(result) ? `error: ${(result as Error).message}` : result;
}

test('qualified-name getters give the same results and errors as plain resolution', () => {
  const programs = EXPRESSIONS.map((expression) => {
    const parsed = parse(expression);
    const bind = qualifiedNameBindings(parsed.expr);
    assert.ok(bind, `getters expected for ${expression}`);
    return { expression, program: plan(env, parsed), bind };
  });
  let compared = 0;
  fc.assert(fc.property(json, fc.option(json, { nil: undefined }), (self, old) => {
    const cache: CelValueCache = new Map();
    const oldCache: CelValueCache = new Map();
    const bindings: Record<string, CelInput> = { self: toCelValue(undefined, self, cache) };
    if (old !== undefined) bindings.oldSelf = toCelValue(undefined, old, oldCache);
    for (const { expression, program, bind } of programs) {
      const plain = outcome(program(bindings));
      const fast = outcome(program(bind(bindings)));
      assert.equal(fast, plain, `${expression} on self=${JSON.stringify(self)} oldSelf=${JSON.stringify(old)}`);
      compared++;
    }
  }), { numRuns: 400, seed: 3 });
  assert.ok(compared > 5000);
});

test('expressions a getter could misread get none', () => {
  for (const expression of UNSAFE) assert.equal(qualifiedNameBindings(parse(expression).expr), undefined, expression);
  assert.equal(qualifiedNameBindings(parse('size(self) > 0').expr), undefined);
});

test('getters answer present chains directly and nothing else', () => {
  const bind = qualifiedNameBindings(parse('self.a.b').expr);
  assert.ok(bind);
  const cache: CelValueCache = new Map();
  const bound = bind({ self: toCelValue(undefined, { a: { b: 'x' } }, cache) });
  assert.equal(bound['self.a.b'], 'x');
  const absent = bind({ self: toCelValue(undefined, { a: [1] }, cache) });
  assert.equal(absent['self.a.b'], undefined);
  assert.equal(absent['self.x'], undefined);
  assert.equal(Object.getPrototypeOf(Object.getPrototypeOf(bound)), Object.prototype);
});
