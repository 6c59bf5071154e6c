// Part of `npm run generate`: rewrites src/validation/cel/pre-parsed-rules.json from the registry.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allKinds } from '../src/api/registry.ts';
import { buildPreParsedRuleTable, PRE_PARSED_RULES_FILE, renderPreParsedRuleTable } from '../src/validation/cel/pre-parsed-rules-build.ts';

const kinds = allKinds();

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const table = buildPreParsedRuleTable(kinds);
writeFileSync(path.join(repoRoot, PRE_PARSED_RULES_FILE), renderPreParsedRuleTable(table));
console.log(`${PRE_PARSED_RULES_FILE}: ${Object.keys(table.rules).length} rules`);
