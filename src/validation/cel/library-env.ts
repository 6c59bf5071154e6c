// The CEL library runtime: @bufbuild/cel with the Kubernetes functions. Loaded on first use
// through library-loader.ts, never imported statically by the engine: the fast path answers
// most rules from pre-parsed syntax trees, and loading the library costs ~100 ms of start-up
// that a `kongward validate` run on a small file should not pay.
import { celEnv, isCelError, parse, plan, type CelInput, type CelResult } from '@bufbuild/cel';
import { kubernetesLibrary } from './library.ts';
import { qualifiedNameBindings } from './bindings.ts';
import { cachedRe2 } from './regex-cache.ts';
import type { FastPathContext } from './fast-path.ts';
import { RuleCompileError } from './rule-compile-error.ts';

export type Program = (bindings: Record<string, CelInput>) => CelResult;
export type ParsedExpr = NonNullable<ReturnType<typeof parse>['expr']>;

/** The environment every rule is planned in. */
export const env = celEnv({ funcs: kubernetesLibrary, re2: cachedRe2 });

/** Fast-path context backed by the library's own environment. */
export const libraryFastPathContext: FastPathContext = {
  re2: cachedRe2,
  hasFunction: (name) => env.funcs.find(name) !== undefined,
};

/** Parses and plans an expression; throws RuleCompileError when it does not compile. */
export function compileProgram(expression: string): { program: Program; expr: ParsedExpr | undefined } {
  let parsed: ReturnType<typeof parse>;
  let program: Program;
  try {
    parsed = parse(expression);
    program = plan(env, parsed) as unknown as Program;
  } catch (error) {
    throw new RuleCompileError(expression, error);
  }
  const bind = qualifiedNameBindings(parsed.expr);
  return { program: bind ? (bindings) => program(bind(bindings)) : program, expr: parsed.expr };
}

export { isCelError, parse };
