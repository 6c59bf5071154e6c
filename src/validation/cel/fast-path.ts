// A fast path for the common rule shapes: a parsed rule compiled to plain JS closures that
// either give the rule's boolean result or BAIL, and then the rule runs on @bufbuild/cel as
// before. It covers has(), field selection, &&, ||, !, ?:, ==/!= and ordering of same-typed
// scalars, `+` on ints and strings, `in` over lists of same-typed scalars, size(),
// startsWith/endsWith/contains/matches, indexing, and comprehensions (all/exists/exists_one);
// an expression using anything else gets no fast path.
// It never produces an error or a non-boolean result: wherever the library would answer with
// an error (absent field, wrong type, bad regex...) or might recover from one (`false && err`),
// the fast path bails and the library decides. Each case it does answer mirrors the library's
// own evaluation (planner.js, std/logic.js, field.js); test/validation/cel-fast-path.test.ts
// compares both on every registered rule and generated values.
import type { CelInput, parse } from '@bufbuild/cel';
import { LazyList, LazyMap } from './values.ts';

type Expr = NonNullable<ReturnType<typeof parse>['expr']>;
/** Evaluation frame: slot 0 self, slot 1 oldSelf, then comprehension variables. */
type Frame = unknown[];
type Eval = (frame: Frame) => unknown;

export const BAIL: unique symbol = Symbol('bail');

export interface FastPathContext {
  /** Compiles a `matches` pattern exactly as the library's environment does. */
  re2: { compile(pattern: string): { test(text: string): boolean } };
  /** True when the environment has a function of this (qualified) name. */
  hasFunction(name: string): boolean;
}

/** Thrown at compile time for anything the fast path does not cover. */
class Unsupported extends Error {}

type Scope = Map<string, number>;

const isString = (v: unknown): v is string => typeof v === 'string';
const MIN_INT = -(2n ** 63n);
const MAX_INT = 2n ** 63n - 1n;

/** The rule as a function of (self, oldSelf) returning true, false or BAIL; undefined when not covered. */
export function compileFastPath(expr: Expr | undefined, context: FastPathContext): ((self: CelInput, oldSelf: CelInput | undefined) => boolean | typeof BAIL) | undefined {
  if (!expr) return undefined;
  let evaluate: Eval;
  let slots = 2;
  const compile = (e: Expr, scope: Scope): Eval => {
    const kind = e.exprKind;
    switch (kind.case) {
      case 'constExpr': {
        const c = kind.value.constantKind;
        if (c.case === 'stringValue' || c.case === 'int64Value' || c.case === 'boolValue' || c.case === 'doubleValue') {
          const value = c.value;
          return () => value;
        }
        if (c.case === 'nullValue') return () => null;
        throw new Unsupported();
      }
      case 'identExpr': {
        // The only names the registry could resolve first are google.protobuf types.
        if (kind.value.name === 'google') throw new Unsupported();
        const slot = scope.get(kind.value.name);
        if (slot === undefined) throw new Unsupported();
        // An unbound variable (oldSelf on CREATE) is the library's error to report.
        return (frame) => (frame[slot] === undefined ? BAIL : frame[slot]);
      }
      case 'selectExpr': {
        const { operand, field, testOnly } = kind.value;
        if (!operand) throw new Unsupported();
        const of = compile(operand, scope);
        if (testOnly) return (frame) => { const v = of(frame); return v instanceof LazyMap ? v.has(field) : BAIL; };
        return (frame) => {
          const v = of(frame);
          if (!(v instanceof LazyMap)) return BAIL;
          const out = v.get(field);
          return out === undefined ? BAIL : out;
        };
      }
      case 'listExpr': {
        if (kind.value.optionalIndices.length) throw new Unsupported();
        const elements = kind.value.elements.map((x) => compile(x, scope));
        return (frame) => {
          const out: unknown[] = [];
          for (const element of elements) {
            const v = element(frame);
            if (v === BAIL) return BAIL;
            out.push(v);
          }
          return out;
        };
      }
      case 'callExpr':
        return compileCall(kind.value, scope);
      case 'comprehensionExpr': {
        const c = kind.value;
        if (c.iterVar2 || !c.iterRange || !c.accuInit || !c.loopCondition || !c.loopStep || !c.result) throw new Unsupported();
        const accuSlot = slots++;
        const iterSlot = slots++;
        const range = compile(c.iterRange, scope);
        const init = compile(c.accuInit, scope);
        const withAccu = new Map(scope).set(c.accuVar, accuSlot);
        const inLoop = new Map(withAccu).set(c.iterVar, iterSlot);
        const condition = compile(c.loopCondition, inLoop);
        const step = compile(c.loopStep, inLoop);
        const result = compile(c.result, withAccu);
        return (frame) => {
          const accu = init(frame);
          if (accu === BAIL) return BAIL;
          frame[accuSlot] = accu;
          const items = iterationItems(range(frame));
          if (items === BAIL) return BAIL;
          for (const item of items) {
            frame[iterSlot] = item;
            const go = condition(frame);
            if (go === BAIL) return BAIL;
            if (go !== true) break;
            const next = step(frame);
            if (next === BAIL) return BAIL;
            frame[accuSlot] = next;
          }
          frame[iterSlot] = undefined;
          return result(frame);
        };
      }
      default:
        throw new Unsupported();
    }
  };

  const compileCall = (call: Extract<Expr['exprKind'], { case: 'callExpr' }>['value'], scope: Scope): Eval => {
    // `a.b.f(...)` may name a namespaced function `a.b.f`; leave those to the library.
    if (call.target) {
      const qualified = qualifiedName(call.target);
      if (qualified !== undefined && context.hasFunction(`${qualified}.${call.function}`)) throw new Unsupported();
    }
    const args = call.args.map((a) => compile(a, scope));
    const target = call.target ? compile(call.target, scope) : undefined;
    const [a, b, c] = args;
    switch (call.function) {
      case '_&&_':
      case '_||_': {
        const stopOn = call.function === '_||_';
        return (frame) => {
          for (const arg of args) {
            const v = arg(frame);
            if (typeof v !== 'boolean') return BAIL;
            if (v === stopOn) return stopOn;
          }
          return !stopOn;
        };
      }
      case '_?_:_':
        if (!a || !b || !c) throw new Unsupported();
        return (frame) => {
          const condition = a(frame);
          if (condition === true) return b(frame);
          if (condition === false) return c(frame);
          return BAIL;
        };
      case '@not_strictly_false':
      case '__not_strictly_false__':
        if (!a) throw new Unsupported();
        return (frame) => { const v = a(frame); return v === BAIL ? BAIL : v !== false; };
      case '!_':
        if (!a) throw new Unsupported();
        return (frame) => { const v = a(frame); return typeof v === 'boolean' ? !v : BAIL; };
      case '_==_':
      case '_!=_': {
        if (!a || !b || target) throw new Unsupported();
        const negate = call.function === '_!=_';
        return (frame) => {
          const l = a(frame);
          if (l === BAIL) return BAIL;
          const r = b(frame);
          if (r === BAIL) return BAIL;
          // Same-typed scalars: the library's equals() is strict equality for these.
          if ((l === null && r === null) || (typeof l === typeof r && (typeof l === 'string' || typeof l === 'bigint' || typeof l === 'boolean'))) {
            return (l === r) !== negate;
          }
          return BAIL;
        };
      }
      case '_<_':
      case '_<=_':
      case '_>_':
      case '_>=_': {
        if (!a || !b || target) throw new Unsupported();
        const op = call.function;
        return (frame) => {
          const l = a(frame);
          const r = b(frame);
          if (l === BAIL || r === BAIL) return BAIL;
          const t = typeof l;
          if (t !== typeof r || (t !== 'string' && t !== 'bigint' && t !== 'number')) return BAIL;
          const x = l as string | bigint | number;
          const y = r as string | bigint | number;
          return op === '_<_' ? x < y : op === '_<=_' ? x <= y : op === '_>_' ? x > y : x >= y;
        };
      }
      case '_[_]': {
        if (!a || !b || target) throw new Unsupported();
        return (frame) => {
          const on = a(frame);
          if (on === BAIL) return BAIL;
          const key = b(frame);
          let out: unknown;
          if (on instanceof LazyList && typeof key === 'bigint') out = on.get(Number(key));
          else if (on instanceof LazyMap && typeof key === 'string') out = on.get(key);
          return out === undefined ? BAIL : out;
        };
      }
      case '_+_': {
        if (!a || !b || target) throw new Unsupported();
        return (frame) => {
          const l = a(frame);
          const r = b(frame);
          if (typeof l === 'bigint' && typeof r === 'bigint') {
            const sum = l + r;
            return sum >= MIN_INT && sum <= MAX_INT ? sum : BAIL;
          }
          return isString(l) && isString(r) ? l + r : BAIL;
        };
      }
      case '@in': {
        if (!a || !b || target) throw new Unsupported();
        return (frame) => {
          const v = a(frame);
          const t = typeof v;
          if (t !== 'string' && t !== 'bigint' && t !== 'boolean') return BAIL;
          const list = b(frame);
          const items = list instanceof LazyList ? list.items() : Array.isArray(list) ? list : undefined;
          if (!items) return BAIL;
          // Same-typed scalars only: anything else is the library's equals() to decide.
          let found = false;
          for (const item of items) {
            if (typeof item !== t) return BAIL;
            if (item === v) found = true;
          }
          return found;
        };
      }
      case 'size': {
        const of = target ?? a;
        if (!of || args.length !== (target ? 0 : 1)) throw new Unsupported();
        return (frame) => {
          const v = of(frame);
          if (typeof v === 'string') return BigInt([...v].length);
          if (v instanceof LazyList || v instanceof LazyMap) return BigInt(v.size);
          if (Array.isArray(v)) return BigInt(v.length);
          return BAIL;
        };
      }
      case 'startsWith':
      case 'endsWith':
      case 'contains': {
        if (!target || !a || args.length !== 1) throw new Unsupported();
        const method = call.function === 'contains' ? String.prototype.includes : call.function === 'startsWith' ? String.prototype.startsWith : String.prototype.endsWith;
        return (frame) => {
          const s = target(frame);
          const x = a(frame);
          return isString(s) && isString(x) ? method.call(s, x) : BAIL;
        };
      }
      case 'matches': {
        if (!target || !a || args.length !== 1) throw new Unsupported();
        return (frame) => {
          const s = target(frame);
          const pattern = a(frame);
          if (!isString(s) || !isString(pattern)) return BAIL;
          try {
            return context.re2.compile(pattern).test(s);
          } catch {
            return BAIL;
          }
        };
      }
      default:
        throw new Unsupported();
    }
  };

  try {
    evaluate = compile(expr, new Map([['self', 0], ['oldSelf', 1]]));
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const size = slots;
  return (self, oldSelf) => {
    const frame: Frame = new Array(size);
    frame[0] = self;
    frame[1] = oldSelf;
    let out: unknown;
    try {
      out = evaluate(frame);
    } catch {
      return BAIL;
    }
    return typeof out === 'boolean' ? out : BAIL;
  };
}

/** What a comprehension iterates: a map's keys, a list's items (as the library does). */
function iterationItems(range: unknown): readonly unknown[] | typeof BAIL {
  if (range instanceof LazyMap) return range.keyList();
  if (range instanceof LazyList) return range.items();
  if (Array.isArray(range)) return range;
  return BAIL;
}

function qualifiedName(expr: Expr): string | undefined {
  const kind = expr.exprKind;
  if (kind.case === 'identExpr') return kind.value.name;
  if (kind.case === 'selectExpr' && !kind.value.testOnly && kind.value.operand) {
    const parent = qualifiedName(kind.value.operand);
    return parent === undefined ? undefined : `${parent}.${kind.value.field}`;
  }
  return undefined;
}
