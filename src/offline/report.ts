// Renders offline validation results: compiler-style text, one JSON report, or GitHub
// workflow annotations.
import type { DocumentResult } from './check-documents.ts';

export interface FileProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface Summary {
  documents: number;
  valid: number;
  invalid: number;
  skipped: number;
  warnings: number;
  problems: number;
}

export function summarize(results: DocumentResult[], problems: FileProblem[]): Summary {
  const count = (status: DocumentResult['status']) => results.filter((r) => r.status === status).length;
  return {
    documents: results.length,
    valid: count('valid'),
    invalid: count('invalid'),
    skipped: count('skipped'),
    warnings: results.reduce((n, r) => n + r.warnings.length, 0),
    problems: problems.length,
  };
}

function subject(result: DocumentResult): string {
  const name = result.namespace ? `${result.namespace}/${result.name ?? ''}` : (result.name ?? '');
  return result.kind ? `${result.kind} ${name}`.trimEnd() : `document ${result.index + 1}`;
}

export interface Colors {
  error: (s: string) => string;
  warning: (s: string) => string;
  dim: (s: string) => string;
}

export const noColors: Colors = { error: (s) => s, warning: (s) => s, dim: (s) => s };
export const ansiColors: Colors = {
  error: (s) => `\u001b[31m${s}\u001b[39m`,
  warning: (s) => `\u001b[33m${s}\u001b[39m`,
  dim: (s) => `\u001b[2m${s}\u001b[22m`,
};

export function renderText(results: DocumentResult[], problems: FileProblem[], colors: Colors = noColors): string {
  const lines: string[] = [];
  for (const problem of problems) {
    const where = problem.line ? `${problem.file}:${problem.line}:${problem.column ?? 1}` : problem.file;
    lines.push(`${where}: ${colors.error('error:')} ${problem.message}`);
  }
  for (const result of results) {
    for (const error of result.errors) {
      lines.push(`${result.file}:${error.position.line}:${error.position.column}: ${subject(result)}: ${colors.error(error.message)}`);
    }
    for (const warning of result.warnings) {
      lines.push(`${result.file}:${warning.position.line}:${warning.position.column}: ${colors.warning('warning:')} ${subject(result)}: ${warning.message}`);
    }
  }
  const s = summarize(results, problems);
  const tail = [s.problems ? `${s.problems} file errors` : '', s.warnings ? `${s.warnings} warnings` : ''].filter(Boolean);
  lines.push(colors.dim(`${s.documents} documents: ${s.valid} valid, ${s.invalid} invalid, ${s.skipped} skipped${tail.length ? `; ${tail.join(', ')}` : ''}`));
  return `${lines.join('\n')}\n`;
}

export function renderJson(results: DocumentResult[], problems: FileProblem[]): string {
  return `${JSON.stringify({ summary: summarize(results, problems), problems, documents: results }, null, 2)}\n`;
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands (`::error file=...,line=...::message`). */
export function renderGithub(results: DocumentResult[], problems: FileProblem[]): string {
  const lines: string[] = [];
  const annotate = (level: 'error' | 'warning', file: string, line: number | undefined, col: number | undefined, title: string, message: string) => {
    const props = [`file=${escapeProperty(file)}`, line ? `line=${line}` : '', col ? `col=${col}` : '', `title=${escapeProperty(title)}`].filter(Boolean).join(',');
    lines.push(`::${level} ${props}::${escapeData(message)}`);
  };
  for (const p of problems) annotate('error', p.file, p.line, p.column, 'kongward', p.message);
  for (const r of results) {
    for (const e of r.errors) annotate('error', r.file, e.position.line, e.position.column, subject(r), e.message);
    for (const w of r.warnings) annotate('warning', r.file, w.position.line, w.position.column, subject(r), w.message);
  }
  const s = summarize(results, problems);
  lines.push(`${s.documents} documents: ${s.valid} valid, ${s.invalid} invalid, ${s.skipped} skipped`);
  return `${lines.join('\n')}\n`;
}
