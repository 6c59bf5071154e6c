// Pre-resolved qualified names for `self` and `oldSelf`. Without a type checker, @bufbuild/cel
// resolves `self.a.b` by trying the longest qualified name first: the variable `self.a.b`, then
// `self.a` + `.b`, then `self` + `.a.b`; every miss also searches the protobuf registry for a
// type of that name. Rules are long select chains, so most of a rule's time went to misses.
// Here each such name is a getter on the bindings object that walks the chain itself, so the
// first candidate hits. A getter answers only where the library's own walk would succeed with
// the same value (every step a map field that is present) and says "no such variable" otherwise,
// which hands resolution back to the library's fallback: results, errors included, are unchanged.
import type { CelInput } from '@bufbuild/cel';
import type { parse } from '@bufbuild/cel';
import { celMapField } from './values.ts';

type Expr = NonNullable<ReturnType<typeof parse>['expr']>;
type Bindings = Record<string, CelInput>;

/** The variables kongward binds; only chains rooted at these get getters. */
const VARIABLES = new Set(['self', 'oldSelf']);
/** Index operators: with a constant string key the library adds a qualified-name candidate
 *  (`self['a.b']` tries `self.a.b`), which a getter for `self.a` + `.b` must not answer. */
const INDEX_OPERATORS = new Set(['_[_]', '_[?_]', '_?._']);

interface Scan {
  /** Qualified name -> its root variable and field names. */
  names: Map<string, { root: string; fields: string[] }>;
  safe: boolean;
}

/** `self.a.b` (plain selects down to a variable) as root + fields, else undefined. */
function selectChain(expr: Expr): { root: string; fields: string[] } | undefined {
  const fields: string[] = [];
  let current: Expr | undefined = expr;
  while (current?.exprKind.case === 'selectExpr') {
    const { testOnly, field, operand }: { testOnly: boolean; field: string; operand?: Expr } = current.exprKind.value;
    if (testOnly) return undefined;
    fields.unshift(field);
    current = operand;
  }
  if (current?.exprKind.case !== 'identExpr' || !VARIABLES.has(current.exprKind.value.name)) return undefined;
  return { root: current.exprKind.value.name, fields };
}

function scan(expr: Expr | undefined, out: Scan): void {
  if (!expr || !out.safe) return;
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'selectExpr': {
      const chain = kind.value.testOnly ? undefined : selectChain(expr);
      if (chain) out.names.set(`${chain.root}.${chain.fields.join('.')}`, chain);
      scan(kind.value.operand, out);
      return;
    }
    case 'callExpr': {
      const call = kind.value;
      if (INDEX_OPERATORS.has(call.function) && call.args.some((a) => a.exprKind.case === 'constExpr' && a.exprKind.value.constantKind.case === 'stringValue')) {
        out.safe = false;
        return;
      }
      scan(call.target, out);
      for (const arg of call.args) scan(arg, out);
      return;
    }
    case 'comprehensionExpr': {
      const c = kind.value;
      // A comprehension variable named like a binding would shadow it inside the loop.
      if (VARIABLES.has(c.iterVar) || VARIABLES.has(c.iterVar2) || VARIABLES.has(c.accuVar)) {
        out.safe = false;
        return;
      }
      for (const part of [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result]) scan(part, out);
      return;
    }
    case 'listExpr':
      for (const element of kind.value.elements) scan(element, out);
      return;
    case 'structExpr':
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === 'mapKey') scan(entry.keyKind.value, out);
        scan(entry.value, out);
      }
      return;
    default:
      return;
  }
}

/**
 * A function that turns `{self, oldSelf}` into bindings with a getter per qualified name the
 * expression uses, or undefined when the expression has none (or could be ambiguous).
 */
export function qualifiedNameBindings(expr: Expr | undefined): ((bindings: Bindings) => Bindings) | undefined {
  const found: Scan = { names: new Map(), safe: true };
  scan(expr, found);
  if (!found.safe || found.names.size === 0) return undefined;
  const descriptors: PropertyDescriptorMap = {};
  for (const [name, { root, fields }] of found.names) {
    descriptors[name] = {
      enumerable: false,
      get(this: Bindings): CelInput | undefined {
        let value: unknown = this[root];
        for (const field of fields) {
          value = celMapField(value, field);
          if (value === undefined) return undefined;
        }
        return value as CelInput;
      },
    };
  }
  // Object.prototype stays the prototype's prototype, as for the plain bindings object.
  const proto = Object.create(Object.prototype, descriptors) as Bindings;
  return (bindings) => {
    const out = Object.create(proto) as Bindings;
    for (const key of Object.keys(bindings)) out[key] = bindings[key] as CelInput;
    return out;
  };
}
