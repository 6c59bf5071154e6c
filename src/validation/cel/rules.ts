// Compiles each `x-kubernetes-validations` rule once per schema node (lazily, cached), and
// evaluates it against typed `self`/`oldSelf` the way kube-apiserver reports the outcome.
import { celEnv, isCelError, parse, plan, type CelInput, type CelResult } from '@bufbuild/cel';
import type { CelRule } from '../../api/kit.ts';
import type { SchemaNode } from '../schema-node.ts';
import { RE2JS } from '@bufbuild/re2';
import { kubernetesLibrary } from './library.ts';
import { qualifiedNameBindings } from './bindings.ts';
import { BAIL, compileFastPath } from './fast-path.ts';

type Program = (bindings: Record<string, CelInput>) => CelResult;

export interface CompiledRule {
  rule: CelRule;
  program: Program;
  messageProgram?: Program;
  /** References `oldSelf`: runs only on UPDATE where the old value correlates. */
  isTransition: boolean;
  /** `fieldPath` rendered as a field-path suffix (`.spec.host` -> `.spec.host`, `['a']` -> `[a]`). */
  fieldPathSuffix?: string;
}

// `matches()` compiles its pattern on every call by default; rules use a handful of constant
// patterns, so keep the compiled RE2 programs (and their DFA caches) around.
// (@bufbuild/re2 is @bufbuild/cel's own, exactly pinned, regex engine.)
const regexCache = new Map<string, RE2JS>();
const cachedRe2 = {
  compile(pattern: string): RE2JS {
    let compiled = regexCache.get(pattern);
    if (!compiled) {
      compiled = RE2JS.compile(pattern);
      if (regexCache.size >= 1000) regexCache.clear();
      regexCache.set(pattern, compiled);
    }
    return compiled;
  },
};

/** The environment every rule is planned in (exported for the fast path's differential test). */
export const env = celEnv({ funcs: kubernetesLibrary, re2: cachedRe2 });
const compiledByNode = new WeakMap<SchemaNode, CompiledRule[]>();

/** Thrown when a rule cannot be compiled; carries the rule text. */
export class RuleCompileError extends Error {
  readonly rule: string;
  constructor(rule: string, cause: unknown) {
    super(`rule compile error: ${cause instanceof Error ? cause.message : String(cause)}: ${rule}`);
    this.rule = rule;
  }
}

export const fastPathContext = { re2: cachedRe2, hasFunction: (name: string) => env.funcs.find(name) !== undefined };

function compileExpression(expression: string, fastPath = false): Program {
  let parsed: ReturnType<typeof parse>;
  let program: Program;
  try {
    parsed = parse(expression);
    program = plan(env, parsed) as unknown as Program;
  } catch (error) {
    throw new RuleCompileError(expression, error);
  }
  const bind = qualifiedNameBindings(parsed.expr);
  const library = bind ? (bindings: Record<string, CelInput>) => program(bind(bindings)) : program;
  const fast = fastPath ? compileFastPath(parsed.expr, fastPathContext) : undefined;
  if (!fast) return library;
  return (bindings) => {
    const result = fast(bindings.self as CelInput, bindings.oldSelf);
    return result === BAIL ? library(bindings) : result;
  };
}

/** Strips string literals so `'oldSelf'` in a message-like literal is not a reference. */
function referencesOldSelf(expression: string): boolean {
  const code = expression.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  return /(^|[^A-Za-z0-9_.])oldSelf\b/.test(code);
}

/** Parses a rule's `fieldPath` (`.a.b`, `.a['b.c']`, `.a[0]`) into a field-path suffix. */
export function fieldPathSuffix(fieldPath: string): string {
  let out = '';
  const re = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*(\d+)\s*\]/y;
  let match: RegExpExecArray | null;
  re.lastIndex = 0;
  while (re.lastIndex < fieldPath.length && (match = re.exec(fieldPath))) {
    if (match[1] !== undefined) out += `.${match[1]}`;
    else if (match[2] !== undefined) out += `[${match[2]}]`;
    else if (match[3] !== undefined) out += `[${match[3]}]`;
    else out += `[${match[4]}]`;
  }
  if (re.lastIndex !== fieldPath.length) {
    throw new RuleCompileError(fieldPath, new Error(`invalid fieldPath ${JSON.stringify(fieldPath)}`));
  }
  return out;
}

export function compileRule(rule: CelRule): CompiledRule {
  const compiled: CompiledRule = {
    rule,
    program: compileExpression(rule.rule, true),
    isTransition: referencesOldSelf(rule.rule),
  };
  if (rule.messageExpression) compiled.messageProgram = compileExpression(rule.messageExpression);
  if (rule.fieldPath) compiled.fieldPathSuffix = fieldPathSuffix(rule.fieldPath);
  return compiled;
}

/** The compiled rules of one node (compiled on first use, then cached). */
export function rulesOf(node: SchemaNode): CompiledRule[] {
  let compiled = compiledByNode.get(node);
  if (!compiled) {
    compiled = (node.rules ?? []).map(compileRule);
    compiledByNode.set(node, compiled);
  }
  return compiled;
}

export { isCelError };
