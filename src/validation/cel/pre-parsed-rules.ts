// Syntax trees of every registered kind's CEL rules, parsed by @bufbuild/cel when
// `npm run generate` last ran (pre-parsed-rules.json), so the fast path compiles them without
// loading the CEL library. A rule missing from the table (edited since, or not a registry rule)
// is parsed by the library as before; test/validation/pre-parsed-rules.test.ts fails when the
// table is stale.
import table from './pre-parsed-rules.json' with { type: 'json' };
import type { FastPathContext } from './fast-path.ts';
import { cachedRe2 } from './regex-cache.ts';
import { decodeExpr, type EncodedExpr, type Expr } from './syntax-tree.ts';

export interface PreParsedRuleTable {
  /** Namespaced function names the fast path asked about that the library's environment has. */
  functions: string[];
  rules: Record<string, EncodedExpr>;
}

const rules = (table as unknown as PreParsedRuleTable).rules;
const functions = new Set((table as unknown as PreParsedRuleTable).functions);

/** The rule's syntax tree from the table (decoded on each call; callers cache compiled rules). */
export function preParsedRule(expression: string): Expr | undefined {
  const encoded = Object.hasOwn(rules, expression) ? rules[expression] : undefined;
  return encoded ? decodeExpr(encoded) : undefined;
}

/** Fast-path context for table trees: answers `hasFunction` from the table, not the library. */
export const preParsedFastPathContext: FastPathContext = {
  re2: cachedRe2,
  hasFunction: (name) => functions.has(name),
};
