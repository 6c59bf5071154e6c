// The pre-parsed rule table (src/validation/cel/pre-parsed-rules.json) is what the library parses
// today: regenerated from the registry it is byte-identical to the committed file, and every tree
// decodes to exactly the library's own parse (node ids aside).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allKinds } from '../../src/api/registry.ts';
import { buildPreParsedRuleTable, PRE_PARSED_RULES_FILE, renderPreParsedRuleTable } from '../../src/validation/cel/pre-parsed-rules-build.ts';
import { preParsedRule } from '../../src/validation/cel/pre-parsed-rules.ts';
import { parse } from '../../src/validation/cel/library-env.ts';
import { decodeExpr, encodeExpr } from '../../src/validation/cel/syntax-tree.ts';
import { compileRule } from '../../src/validation/cel/rules.ts';
import { toCelValue } from '../../src/validation/cel/values.ts';
import { repoRoot } from '../support/shared.ts';

const kinds = allKinds();

/** A syntax tree as plain data: protobuf type names and node ids dropped, bigints and bytes tagged. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return [...value];
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (key !== '$typeName' && key !== 'id' && v !== undefined) out[key] = plain(v);
    return out;
  }
  return value;
}

test('the committed table is what `npm run generate` writes today', () => {
  const committed = readFileSync(path.join(repoRoot, PRE_PARSED_RULES_FILE), 'utf8');
  const fresh = renderPreParsedRuleTable(buildPreParsedRuleTable(kinds));
  assert.ok(Object.keys(JSON.parse(committed).rules).length > 150, 'the table holds the registry rules');
  assert.equal(committed, fresh, 'pre-parsed-rules.json is stale: run `npm run generate`');
});

test('every table tree decodes to the library parse of its rule', () => {
  const { rules } = JSON.parse(readFileSync(path.join(repoRoot, PRE_PARSED_RULES_FILE), 'utf8')) as { rules: Record<string, unknown> };
  for (const rule of Object.keys(rules)) {
    assert.deepEqual(plain(preParsedRule(rule)), plain(parse(rule).expr), rule);
  }
});

test('every expression kind and constant survives encode/decode', () => {
  const expressions = [
    "null == self.x && b'ab' != self.y && 1u < 2u && -3 < 2 && 2.5 > 1.0 && 'a\\n' != \"b\" && true",
    "{'a': 1, 'b': 2}.size() == 2 && [1, 2, 3].exists(x, x > 2) && self.all(k, k != '')",
    'has(self.a.b) ? self.a.b.startsWith("x") : self.c[0] in ["p", "q"]',
    'self.list.map(x, x * 2).filter(y, y > 2).exists_one(z, z == 4) && self.m.exists(k, v, v > 0)',
  ];
  for (const expression of expressions) {
    const tree = parse(expression).expr;
    assert.ok(tree);
    const roundTripped = decodeExpr(JSON.parse(JSON.stringify(encodeExpr(tree))));
    assert.deepEqual(plain(roundTripped), plain(tree), expression);
  }
});

test('a rule not in the table is parsed by the library and still compiled and checked', () => {
  const rule = 'self.notInTheTable == 1';
  assert.equal(preParsedRule(rule), undefined);
  const compiled = compileRule({ rule, message: 'm' });
  const run = (value: unknown) => compiled.program({ self: toCelValue(undefined, value, new Map()) });
  assert.equal(run({ notInTheTable: 1 }), true);
  assert.equal(run({ notInTheTable: 2 }), false);
  assert.throws(() => compileRule({ rule: 'self.x ==' }), /rule compile error/);
});
