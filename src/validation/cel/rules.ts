// Compiles each `x-kubernetes-validations` rule once per schema node (lazily, cached), and
// evaluates it against typed `self`/`oldSelf` the way kube-apiserver reports the outcome.
// A rule with a pre-parsed syntax tree and a fast path runs without the CEL library; the library
// is loaded (once, synchronously) for any other rule, for a message expression, and the first time
// a fast path bails on a value.
import type { CelInput, CelResult } from '@bufbuild/cel';
import type { CelRule } from '../../api/kit.ts';
import type { SchemaNode } from '../schema-node.ts';
import { BAIL, compileFastPath } from './fast-path.ts';
import { celLibrary } from './library-loader.ts';
import { RuleCompileError } from './rule-compile-error.ts';
import { preParsedFastPathContext, preParsedRule } from './pre-parsed-rules.ts';

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

const compiledByNode = new WeakMap<SchemaNode, CompiledRule[]>();

function libraryProgram(expression: string): Program {
  return celLibrary().compileProgram(expression).program;
}

function compileExpression(expression: string, fastPath = false): Program {
  if (!fastPath) return libraryProgram(expression);
  const tree = preParsedRule(expression);
  let fast: ReturnType<typeof compileFastPath>;
  let library: Program | undefined;
  if (tree) {
    fast = compileFastPath(tree, preParsedFastPathContext);
  } else {
    const lib = celLibrary();
    const compiled = lib.compileProgram(expression);
    library = compiled.program;
    fast = compileFastPath(compiled.expr, lib.libraryFastPathContext);
  }
  if (!fast) return library ?? libraryProgram(expression);
  return (bindings) => {
    const result = fast(bindings.self as CelInput, bindings.oldSelf);
    if (result !== BAIL) return result;
    library ??= libraryProgram(expression);
    return library(bindings);
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

