// Builds pre-parsed-rules.json: every `rule` of every registered kind, parsed and planned by the
// library (a rule that does not compile is left out, so it still fails where it is compiled).
import type { KindDefinition } from '../../api/types.ts';
import type { SchemaNode } from '../schema-node.ts';
import { compileSchema } from '../structural.ts';
import { compileFastPath } from './fast-path.ts';
import { compileProgram, env } from './library-env.ts';
import { cachedRe2 } from './regex-cache.ts';
import type { PreParsedRuleTable } from './pre-parsed-rules.ts';
import { encodeExpr } from './syntax-tree.ts';

export const PRE_PARSED_RULES_FILE = 'src/validation/cel/pre-parsed-rules.json';

function registryRules(kinds: readonly KindDefinition[]): string[] {
  const found = new Set<string>();
  const seen = new Set<SchemaNode>();
  const visit = (node: SchemaNode): void => {
    if (seen.has(node)) return;
    seen.add(node);
    for (const rule of node.rules ?? []) found.add(rule.rule);
    for (const child of node.properties?.values() ?? []) visit(child);
    if (node.items) visit(node.items);
    if (node.additionalProperties) visit(node.additionalProperties);
  };
  for (const kind of kinds) for (const version of kind.versions) visit(compileSchema(version.schema));
  return [...found].sort();
}

export function buildPreParsedRuleTable(kinds: readonly KindDefinition[]): PreParsedRuleTable {
  const functions = new Set<string>();
  const recording = { re2: cachedRe2, hasFunction: (name: string) => {
    const has = env.funcs.find(name) !== undefined;
    if (has) functions.add(name);
    return has;
  } };
  const rules: PreParsedRuleTable['rules'] = {};
  for (const rule of registryRules(kinds)) {
    let expr;
    try {
      expr = compileProgram(rule).expr;
    } catch {
      continue;
    }
    if (!expr) continue;
    compileFastPath(expr, recording);
    rules[rule] = encodeExpr(expr);
  }
  return { functions: [...functions].sort(), rules };
}

/** One rule per line, so a changed rule is a one-line diff. */
export function renderPreParsedRuleTable(table: PreParsedRuleTable): string {
  const entries = Object.entries(table.rules).map(([rule, tree]) => `    ${JSON.stringify(rule)}: ${JSON.stringify(tree)}`);
  return [
    '{',
    `  "functions": ${JSON.stringify(table.functions)},`,
    '  "rules": {',
    entries.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}
