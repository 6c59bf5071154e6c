// Differential test of the CEL fast path (cel/fast-path.ts): wherever it answers, its answer is
// the library's, for every rule of every registered kind on values generated from the rule's
// own schema node (plus mutations: absent fields, nulls, wrong types, empty strings, long lists),
// and for hand-written expressions on untyped values of mixed types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isCelError, parse, plan, type CelInput } from '@bufbuild/cel';
import { allKinds } from '../../src/api/registry.ts';
import { compileSchema } from '../../src/validation/structural.ts';
import type { SchemaNode } from '../../src/validation/schema-node.ts';
import { BAIL, compileFastPath } from '../../src/validation/cel/fast-path.ts';
import { env, libraryFastPathContext as fastPathContext } from '../../src/validation/cel/library-env.ts';
import { toCelValue, type CelValueCache } from '../../src/validation/cel/values.ts';
import { arbitraryFromSchema } from '../support/arbitrary/schema.ts';

const kinds = allKinds();

interface Both {
  expression: string;
  fast: NonNullable<ReturnType<typeof compileFastPath>>;
  library: (bindings: Record<string, CelInput>) => unknown;
}

function both(expression: string): Both | undefined {
  const parsed = parse(expression);
  const fast = compileFastPath(parsed.expr, fastPathContext);
  if (!fast) return undefined;
  const program = plan(env, parsed) as unknown as Both['library'];
  return { expression, fast, library: program };
}

const outcome = (v: unknown): unknown => (isCelError(v) ? `error: ${(v as Error).message}` : v);

/** Compares on one (self, oldSelf); true when the fast path answered. */
function compare(rule: Both, self: CelInput, oldSelf: CelInput | undefined, describe: () => string): boolean {
  const fast = rule.fast(self, oldSelf);
  if (fast === BAIL) return false;
  const bindings: Record<string, CelInput> = { self };
  if (oldSelf !== undefined) bindings.oldSelf = oldSelf;
  assert.equal(fast, outcome(rule.library(bindings)), `${rule.expression} on ${describe()}`);
  return true;
}

const MUTATIONS: unknown[] = [undefined, null, '', 'x', 'Programmed', 'True', 'kic', 0, -1, 2.5, 70000, true, false, [], ['', 'a'], {}, { name: 'n', type: 'x' }, 'a'.repeat(200)];

/** Copies `value` with one random path deleted or replaced. */
function mutate(value: unknown, pick: (n: number) => number): unknown {
  const copy = structuredClone(value);
  const paths: Array<Array<string | number>> = [];
  const walk = (v: unknown, p: Array<string | number>): void => {
    if (p.length) paths.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...p, k]);
  };
  walk(copy, []);
  if (!paths.length) return structuredClone(MUTATIONS[pick(MUTATIONS.length)]);
  const path = paths[pick(paths.length)] as Array<string | number>;
  let parent = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  const replacement = structuredClone(MUTATIONS[pick(MUTATIONS.length)]);
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1); else delete parent[key];
  } else {
    parent[key] = replacement;
  }
  return copy;
}

function rulesOfRegistry(): Array<{ node: SchemaNode; where: string; expressions: string[] }> {
  const out: Array<{ node: SchemaNode; where: string; expressions: string[] }> = [];
  const seen = new Set<SchemaNode>();
  const visit = (node: SchemaNode, where: string): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.rules?.length) out.push({ node, where, expressions: node.rules.map((r) => r.rule) });
    for (const [name, child] of node.properties ?? []) if (child.subtreeHasRules) visit(child, `${where}.${name}`);
    if (node.items?.subtreeHasRules) visit(node.items, `${where}[]`);
    if (node.additionalProperties?.subtreeHasRules) visit(node.additionalProperties, `${where}{}`);
  };
  for (const kind of kinds) for (const version of kind.versions) visit(compileSchema(version.schema), `${kind.kind}.${version.name}`);
  return out;
}

test('fast path answers equal the library on every registered rule', () => {
  let rules = 0;
  let covered = 0;
  let answered = 0;
  let falses = 0;
  let seed = 11;
  const pick = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  for (const { node, where, expressions } of rulesOfRegistry()) {
    const compiled = expressions.map(both);
    rules += expressions.length;
    const active = compiled.filter((c): c is Both => c !== undefined);
    covered += active.length;
    if (!active.length) continue;
    const samples = fc.sample(arbitraryFromSchema(node, { optionalProbability: 0.6, maxDepth: 5 }), { numRuns: 12, seed: 5 });
    const values: unknown[] = [];
    for (const s of samples) values.push(s, mutate(s, pick), mutate(mutate(s, pick), pick));
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === undefined) continue;
      const old = i % 4 === 3 ? undefined : values[(i * 7 + 1) % values.length] ?? null;
      const cache: CelValueCache = new Map();
      const oldCache: CelValueCache = new Map();
      const self = toCelValue(node, value, cache);
      const oldSelf = old === undefined ? undefined : toCelValue(node, old, oldCache);
      for (const rule of active) {
        if (compare(rule, self, oldSelf, () => `${where} self=${JSON.stringify(value)} oldSelf=${JSON.stringify(old)}`)) {
          answered++;
          if (rule.fast(self, oldSelf) === false) falses++;
        }
      }
    }
  }
  // The fast path must be worth having: most rules compile to it and it answers often, both ways.
  assert.ok(covered > rules * 0.6, `${covered} of ${rules} rules have a fast path`);
  assert.ok(answered > 5000 && falses > 500, `answered ${answered}, false ${falses}`);
});

const EXPRESSIONS = [
  'self.a == self.b', 'self.a != self.b', 'self.a < self.b', 'self.a <= self.b', 'self.a > self.b', 'self.a >= self.b',
  'has(self.a) && self.a == 1', 'has(self.a) || self.b == "x"', '!has(self.a) ? true : self.a.size() > 0',
  'self.a && self.b', 'self.a || self.b', '!self.a', 'self.a ? self.b : self.c', 'self.a == null',
  'size(self.a) <= 2', 'self.a.size() == 1', "self.a.startsWith('x')", "self.a.endsWith(self.b)", "self.a.contains('')",
  "self.a.matches('^[a-z]+$')", 'self.a.matches(self.b)', 'self.a[0] == self.b', "self.a['b'] == 1", 'self.a[self.b] == 1',
  'self.a.all(x, x == 1)', 'self.a.exists(x, x == "x")', 'self.a.all(k, self.a[k] != null)', "['a', 'b'].exists(v, v == self.a)",
  'self.a.all(self, self.b == 1)', 'self.a.exists(x, self.b.all(y, x == y))', 'oldSelf.a == self.a', 'has(oldSelf.a) == has(self.a)',
  '[self.a, self.b].size() == 2', 'self.a', 'self.a == 1.5', 'self.a.b.c == self.c.b.a', "self.a.all(x, x.matches('['))",
  "self.a + 'x' == 'y'", 'self.a + self.b == self.c', 'self.a + self.b > 0', '9223372036854775807 + self.a > 0', 'self.a + 9223372036854775807 >= 1',
  'self.a in self.b', "self.a in ['x', 'ab']", "self.a in [1, 'x']", 'self.a in [true]', 'self.a.exists_one(x, x == 1)',
  'self.a.all(x, self.a.exists_one(y, x == y))', "self.a.all(x, x in ['x', ''] ? self.b.exists_one(y, y == x) : true)",
];

const KEYS = ['a', 'b', 'c', 'x'];
const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, 1, 0, -2, 1.5, 'x', '', 'ab', 'é', '\u{1F600}', true, false, '^x$', '['),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

test('fast path answers equal the library on mixed-type values, errors included', () => {
  const compiled = EXPRESSIONS.map((expression) => {
    const b = both(expression);
    assert.ok(b, `fast path expected for ${expression}`);
    return b;
  });
  let answered = 0;
  fc.assert(fc.property(json, fc.option(json, { nil: undefined }), (self, old) => {
    const cache: CelValueCache = new Map();
    const selfValue = toCelValue(undefined, self, cache);
    const oldValue = old === undefined ? undefined : toCelValue(undefined, old, new Map());
    for (const rule of compiled) if (compare(rule, selfValue, oldValue, () => `self=${JSON.stringify(self)} oldSelf=${JSON.stringify(old)}`)) answered++;
  }), { numRuns: 1500, seed: 9 });
  assert.ok(answered > 1500, `answered ${answered}`);
});

test('expressions outside the fast path get none', () => {
  for (const expression of ['self.a - 1 == 0', "self.a.split('/')[0] == 'x'", 'int(self.a) == 1', 'google.protobuf.x == 1', 'self.a in {}', "strings.quote('a') == 'a'"]) {
    assert.equal(compileFastPath(parse(expression).expr, fastPathContext), undefined, expression);
  }
});

test('map has() agrees with get(), items()/keyList() with the iterators, on typed and untyped values', () => {
  const typed = rulesOfRegistry().map((r) => r.node).filter((n) => n.type === 'object').slice(0, 40);
  const names = ['a', 'b', 'namespace', '__namespace__', 'name', 'generateName', 'x-y', 'x__dash__y', 'a.b', 'a__dot__b', 'toString', 'type'];
  fc.assert(fc.property(json, fc.nat(typed.length), (value, which) => {
    const node = typed[which];
    const cel = toCelValue(node, value, new Map()) as unknown;
    if (cel && typeof cel === 'object' && 'keyList' in cel) {
      const map = cel as { has(k: string): boolean; get(k: string): unknown; keyList(): readonly string[]; keys(): Iterable<string> };
      for (const key of [...names, ...map.keyList()]) assert.equal(map.has(key), map.get(key) !== undefined, key);
      assert.deepEqual([...map.keyList()], Array.from(map.keys()));
    }
    if (cel && typeof cel === 'object' && 'items' in cel) {
      const list = cel as { items(): unknown[] } & Iterable<unknown>;
      assert.deepEqual(list.items(), Array.from(list));
    }
  }), { numRuns: 500, seed: 4 });
});
