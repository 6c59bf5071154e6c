// Evaluates every CEL rule at every schema node of an object, pre-order like kube-apiserver:
// a node's rules, then its properties, list items and map values. Transition rules (those that
// read `oldSelf`) run only when the old object has a correlated value at the same place:
// objects by property, list-map items by their keys, map values by key.
import type { CelInput } from '@bufbuild/cel';
import { fieldErrors, type FieldError } from '../field-error.ts';
import { typeLabel, walkOf, type SchemaNode } from '../schema-node.ts';
import { isPlainObject, listMapKey } from '../values.ts';
import { rulesOf, type CompiledRule } from './rules.ts';
import { isLibraryError } from './library-loader.ts';
import { toCelValue, type CelValueCache } from './values.ts';

export interface CelPass {
  errors: FieldError[];
  /** CEL values of the new object, by JSON object. */
  cache: CelValueCache;
  /** CEL values of the old object (distinct objects, distinct cache). */
  oldCache: CelValueCache;
  /** Ratcheting: skip nodes whose value equals the correlated old value. */
  unchanged?: (value: unknown, old: unknown) => boolean;
}

const NO_OLD: unique symbol = Symbol('noOld');
type Old = unknown | typeof NO_OLD;

const join = (path: string, name: string): string => (path ? `${path}.${name}` : name);

export function evaluateRules(node: SchemaNode, value: unknown, old: Old, path: string, pass: CelPass): void {
  if (!node.subtreeHasRules || value === null || value === undefined) return;
  if (old !== NO_OLD && pass.unchanged?.(value, old)) return;
  if (node.rules?.length) evaluateNodeRules(node, value, old, path, pass);
  if (Array.isArray(value)) {
    const items = node.items;
    if (!items?.subtreeHasRules) return;
    const oldItems = correlateListItems(node, old);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const oldItem = oldItems && node.listMapKeys ? oldItems.get(listMapKey(item, node.listMapKeys) ?? '') ?? NO_OLD : NO_OLD;
      evaluateRules(items, item, oldItem, `${path}[${i}]`, pass);
    }
    return;
  }
  if (!isPlainObject(value) || node.isMetadata) return;
  const oldObject = old !== NO_OLD && isPlainObject(old) ? old : undefined;
  if (node.properties) {
    for (const [name, child] of walkOf(node).withRules) {
      const v = value[name];
      if (v === undefined) continue;
      const o = oldObject && Object.hasOwn(oldObject, name) ? oldObject[name] : NO_OLD;
      evaluateRules(child, v, o, join(path, name), pass);
    }
  }
  const additional = node.additionalProperties;
  if (additional?.subtreeHasRules) {
    for (const key of Object.keys(value)) {
      const o = oldObject && Object.hasOwn(oldObject, key) ? oldObject[key] : NO_OLD;
      evaluateRules(additional, value[key], o, `${path}[${key}]`, pass);
    }
  }
}

export function evaluateRoot(node: SchemaNode, value: unknown, old: unknown, pass: CelPass): void {
  evaluateRules(node, value, old === undefined ? NO_OLD : old, '', pass);
}

function correlateListItems(node: SchemaNode, old: Old): Map<string, unknown> | undefined {
  if (node.listType !== 'map' || !node.listMapKeys || !Array.isArray(old)) return undefined;
  const byKey = new Map<string, unknown>();
  for (const item of old) {
    const key = listMapKey(item, node.listMapKeys);
    if (key !== undefined) byKey.set(key, item);
  }
  return byKey;
}

function evaluateNodeRules(node: SchemaNode, value: unknown, old: Old, path: string, pass: CelPass): void {
  let self: CelInput | undefined;
  let oldSelf: CelInput | undefined;
  let compiled: CompiledRule[];
  try {
    compiled = rulesOf(node);
  } catch (error) {
    pass.errors.push(fieldErrors.internal(path, error instanceof Error ? error.message : String(error)));
    return;
  }
  for (const rule of compiled) {
    const hasOld = old !== NO_OLD;
    if (rule.isTransition && !hasOld && !rule.rule.optionalOldSelf) continue;
    self ??= toCelValue(node, value, pass.cache);
    const bindings: Record<string, CelInput> = { self };
    if (rule.isTransition) {
      if (hasOld) oldSelf ??= toCelValue(node, old, pass.oldCache);
      bindings.oldSelf = hasOld ? (oldSelf as CelInput) : null;
    }
    let result: unknown;
    try {
      result = rule.program(bindings);
    } catch (error) {
      result = error instanceof Error ? error : new Error(String(error));
    }
    if (result === true) continue;
    const target = rule.fieldPathSuffix ? `${path}${rule.fieldPathSuffix}`.replace(/^\./, '') : path;
    if (result instanceof Error || isLibraryError(result)) {
      pass.errors.push(fieldErrors.invalid(path, typeLabel(node), evaluationErrorText(result as Error, rule)));
      continue;
    }
    if (result !== false) {
      pass.errors.push(fieldErrors.invalid(path, typeLabel(node), `rule did not evaluate to a bool: ${ruleText(rule)}`));
      continue;
    }
    pass.errors.push(failure(target, typeLabel(node), messageOf(rule, bindings), rule));
  }
}

function ruleText(rule: CompiledRule): string {
  return (rule.rule.message ?? '').trim() || rule.rule.rule.trim();
}

/** @bufbuild/cel's runtime error texts, reworded as cel-go (and so kube-apiserver) prints them. */
function celGoErrorText(text: string): string {
  if (/no (matching|such) overload/.test(text)) return 'no such overload';
  const missing = /^field not found: (.*)$/.exec(text);
  if (missing) return `no such key: ${missing[1]}`;
  if (/divide by zero/.test(text)) return 'division by zero';
  if (/modulus by zero|modulo by zero/.test(text)) return 'modulus by zero';
  return text;
}

function evaluationErrorText(error: Error, rule: CompiledRule): string {
  const text = celGoErrorText(error.message);
  if (text === 'no such overload') {
    return `'${text}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleText(rule)}`;
  }
  return `${text} evaluating rule: ${ruleText(rule)}`;
}

function messageOf(rule: CompiledRule, bindings: Record<string, CelInput>): string {
  if (rule.messageProgram) {
    try {
      const out = rule.messageProgram(bindings);
      if (typeof out === 'string' && out.trim() !== '' && !out.includes('\n')) return out;
    } catch {
      // kube logs a failing messageExpression and falls back to the static message
    }
  }
  const message = rule.rule.message?.trim();
  return message ? message : `failed rule: ${rule.rule.rule.trim()}`;
}

function failure(path: string, type: string, detail: string, rule: CompiledRule): FieldError {
  switch (rule.rule.reason) {
    case 'FieldValueForbidden':
      return fieldErrors.forbidden(path, detail);
    case 'FieldValueRequired':
      return fieldErrors.required(path, detail);
    case 'FieldValueDuplicate':
      return fieldErrors.duplicate(path, type);
    default:
      return fieldErrors.invalid(path, type, detail);
  }
}
