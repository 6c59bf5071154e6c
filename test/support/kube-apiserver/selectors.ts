// Label selectors (equality and set-based, as `kubectl -l` writes them) and the field
// selectors every kind supports (`metadata.name`, `metadata.namespace`).
import { badRequest } from './status.ts';

type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

export type Matcher = (obj: KubeObject) => boolean;

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Splits on commas outside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter((t) => t.length > 0);
}

function parseRequirement(term: string, selector: string): Requirement {
  const set = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (set) {
    const values = set[3]!.split(',').map((v) => v.trim()).filter((v) => v.length > 0);
    return { key: set[1]!, op: set[2] as 'in' | 'notin', values };
  }
  const eq = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(term);
  if (eq) return { key: eq[1]!, op: eq[2] === '!=' ? 'notin' : 'in', values: [eq[3]!] };
  const exists = /^(!?)\s*([^\s!=(),]+)$/.exec(term);
  if (exists) return { key: exists[2]!, op: exists[1] ? '!exists' : 'exists' };
  throw badRequest(`unable to parse requirement: found '${term}' in label selector "${selector}"`);
}

export function parseLabelSelector(selector: string | null): Matcher {
  if (!selector) return () => true;
  const requirements = splitTerms(selector).map((term) => parseRequirement(term, selector));
  return (obj) => {
    const labels = obj.metadata.labels ?? {};
    return requirements.every((r) => {
      const has = Object.hasOwn(labels, r.key);
      switch (r.op) {
        case 'exists': return has;
        case '!exists': return !has;
        case 'in': return has && r.values.includes(labels[r.key]!);
        case 'notin': return !has || !r.values.includes(labels[r.key]!);
      }
    });
  };
}

const supportedFields = ['metadata.name', 'metadata.namespace'];

export function parseFieldSelector(selector: string | null): Matcher {
  if (!selector) return () => true;
  const checks = splitTerms(selector).map((term) => {
    const m = /^([^\s!=]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    if (!supportedFields.includes(field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    const read = (obj: KubeObject) => (field === 'metadata.name' ? obj.metadata.name : obj.metadata.namespace) ?? '';
    return op === '!=' ? (obj: KubeObject) => read(obj) !== value : (obj: KubeObject) => read(obj) === value;
  });
  return (obj) => checks.every((check) => check(obj));
}
