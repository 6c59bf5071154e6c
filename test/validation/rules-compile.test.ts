// Every CEL rule of every registered kind compiles; and the engine's CEL environment parses
// every rule of the upstream CRDs (reference material), so no rule a kind copies can surprise it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { cel, resource, withRules } from '../../src/api/kit.ts';
import { allKinds, type RegisteredVersion } from '../../src/api/registry.ts';
import { compileAllRules } from '../../src/validation/engine.ts';
import { compileRule } from '../../src/validation/cel/rules.ts';
import { sharedPath, SHARED_MISSING } from '../support/shared.ts';

const kinds = allKinds();

test('every rule of every registered kind and version compiles', () => {
  for (const kind of kinds) {
    for (const version of kind.versions) {
      assert.doesNotThrow(() => compileAllRules({ kind, version }), `${kind.kind} ${version.name}`);
    }
  }
});

test('compileAllRules fails on a rule that does not compile, naming where it is', () => {
  const target: RegisteredVersion = {
    kind: { group: 'test.kongward.dev', kind: 'Broken', plural: 'brokens', singular: 'broken', scope: 'Namespaced', versions: [] },
    version: {
      name: 'v1', served: true, storage: true,
      schema: resource({ spec: z.object({ items: z.array(withRules(z.object({ a: z.string() }), cel('self.a == ', 'oops'), cel('has(self.a)'))) }) }),
    },
  };
  assert.throws(() => compileAllRules(target), /Broken v1: 1 rule\(s\) do not compile:\n\.spec\.items\[\]: rule compile error: .*self\.a ==/);
  const good: RegisteredVersion = { ...target, version: { ...target.version, schema: resource({ spec: withRules(z.object({}), cel('true')) }) } };
  assert.equal(compileAllRules(good), 1);
});

/**
 * The `rule:` and `messageExpression:` values of a CRD file. Parsing 12 MB of CRD YAML whole is
 * slow, so each entry (the key line plus its more-indented continuation) is parsed alone.
 */
function extractExpressions(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^(\s*)(?:- )?(rule|messageExpression): (.*)$/.exec(lines[i] as string);
    if (!match) continue;
    const keyColumn = (lines[i] as string).indexOf(match[2] as string);
    const snippet = [`${match[2]}: ${match[3]}`];
    for (;;) {
      const next = lines[i + 1];
      if (next === undefined) break;
      const column = next.search(/\S/);
      const continues = column < 0 || column > keyColumn || (column === keyColumn && !/^\s*(- |[\w-]+:(\s|$))/.test(next));
      if (!continues) break;
      snippet.push(column < 0 ? '' : next.slice(keyColumn));
      i++;
    }
    const value = (parse(snippet.join('\n')) as Record<string, unknown>)[match[2] as string];
    if (typeof value === 'string') out.push(value);
  }
  return out;
}

test('every x-kubernetes-validations rule in the upstream CRDs compiles', (t) => {
  const root = sharedPath('reference', 'crds');
  if (!root) return t.skip(SHARED_MISSING);
  const expressions = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml')) for (const e of extractExpressions(readFileSync(full, 'utf8'))) expressions.add(e);
    }
  };
  walk(root);
  assert.ok(expressions.size >= 264, `found ${expressions.size} distinct expressions`);
  const failures: string[] = [];
  for (const rule of expressions) {
    try {
      compileRule({ rule });
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  assert.deepEqual(failures, []);
});
