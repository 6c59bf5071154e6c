// A compact, JSON-safe encoding of @bufbuild/cel's parsed syntax trees (cel.expr.Expr, macros
// already expanded), so rules can be pre-parsed at generate time and their trees rebuilt at run
// time without loading the CEL library. Decoding gives plain objects with the fields the fast path
// and the bindings read; node ids are not kept (nothing reads them).
//   ["k", constantCase, value]     constant (int64/uint64 as decimal strings, bytes as base64)
//   ["i", name]                    identifier
//   ["s", operand, field, 0|1]     selection (1: has() test)
//   ["c", function, target|0, ...args]
//   ["l", [elements], [optionalIndices]]
//   ["t", messageName, [[0, field, value, optional] | [1, keyExpr, value, optional]]]
//   ["x", iterVar, iterVar2, iterRange, accuVar, accuInit, loopCondition, loopStep, result]
import type { parse } from '@bufbuild/cel';

export type Expr = NonNullable<ReturnType<typeof parse>['expr']>;
export type EncodedExpr = [string, ...unknown[]];

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function encodeExpr(expr: Expr): EncodedExpr {
  const kind = expr.exprKind as Loose;
  const v = kind.value as Loose;
  switch (kind.case) {
    case 'constExpr': {
      const c = v.constantKind as Loose;
      let value = c.value;
      if (typeof value === 'bigint') value = value.toString();
      else if (value instanceof Uint8Array) value = Buffer.from(value).toString('base64');
      else if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`constant ${value} has no JSON form`);
      return ['k', c.case, value ?? null];
    }
    case 'identExpr':
      return ['i', v.name];
    case 'selectExpr':
      return ['s', encodeExpr(v.operand), v.field, v.testOnly ? 1 : 0];
    case 'callExpr':
      return ['c', v.function, v.target ? encodeExpr(v.target) : 0, ...v.args.map(encodeExpr)];
    case 'listExpr':
      return ['l', v.elements.map(encodeExpr), [...v.optionalIndices]];
    case 'structExpr':
      return ['t', v.messageName, v.entries.map((e: Loose) => e.keyKind.case === 'fieldKey'
        ? [0, e.keyKind.value, encodeExpr(e.value), e.optionalEntry ? 1 : 0]
        : [1, encodeExpr(e.keyKind.value), encodeExpr(e.value), e.optionalEntry ? 1 : 0])];
    case 'comprehensionExpr':
      return ['x', v.iterVar, v.iterVar2, encodeExpr(v.iterRange), v.accuVar, encodeExpr(v.accuInit),
        encodeExpr(v.loopCondition), encodeExpr(v.loopStep), encodeExpr(v.result)];
    default:
      throw new Error(`expression kind ${String(kind.case)} has no encoding`);
  }
}

const node = (exprCase: string, value: Loose): Expr => ({ exprKind: { case: exprCase, value } }) as unknown as Expr;

export function decodeExpr(encoded: EncodedExpr): Expr {
  const [tag, ...rest] = encoded as [string, ...any[]]; // eslint-disable-line @typescript-eslint/no-explicit-any
  switch (tag) {
    case 'k': {
      const [constantCase, raw] = rest;
      let value = raw;
      if (constantCase === 'int64Value' || constantCase === 'uint64Value') value = BigInt(raw);
      else if (constantCase === 'bytesValue') value = new Uint8Array(Buffer.from(raw, 'base64'));
      else if (constantCase === 'nullValue') value = 0;
      return node('constExpr', { constantKind: { case: constantCase, value } });
    }
    case 'i':
      return node('identExpr', { name: rest[0] });
    case 's':
      return node('selectExpr', { operand: decodeExpr(rest[0]), field: rest[1], testOnly: rest[2] === 1 });
    case 'c': {
      const [fn, target, ...args] = rest;
      return node('callExpr', { function: fn, target: target === 0 ? undefined : decodeExpr(target), args: args.map(decodeExpr) });
    }
    case 'l':
      return node('listExpr', { elements: rest[0].map(decodeExpr), optionalIndices: rest[1] });
    case 't':
      return node('structExpr', {
        messageName: rest[0],
        entries: rest[1].map(([isMap, key, value, optional]: [number, unknown, EncodedExpr, number]) => ({
          keyKind: isMap ? { case: 'mapKey', value: decodeExpr(key as EncodedExpr) } : { case: 'fieldKey', value: key },
          value: decodeExpr(value),
          optionalEntry: optional === 1,
        })),
      });
    case 'x': {
      const [iterVar, iterVar2, iterRange, accuVar, accuInit, loopCondition, loopStep, result] = rest;
      return node('comprehensionExpr', {
        iterVar, iterVar2, iterRange: decodeExpr(iterRange), accuVar, accuInit: decodeExpr(accuInit),
        loopCondition: decodeExpr(loopCondition), loopStep: decodeExpr(loopStep), result: decodeExpr(result),
      });
    }
    default:
      throw new Error(`unknown syntax tree tag ${JSON.stringify(tag)}`);
  }
}
