// The validation engine: what kube-apiserver does to a custom resource before a validating
// webhook sees it, then kongward's own checks. Order (apiserver-behaviour.md §7):
//   1. prune unknown fields (or report them, for strict offline validation) and apply defaults,
//      to the object and the old object;
//   2. OpenAPI schema validation, collecting every error;
//   3. CEL rules at every node, unless step 2 found a blocking error (then one extra error says
//      the rules were skipped, exactly as the apiserver prints it);
//   4. the version's Kong-specific checks, only when 2 and 3 found nothing.
// validate() never throws: a broken rule or check becomes an InternalError field error.
import type { Operation } from '../api/types.ts';
import type { RegisteredVersion } from '../api/registry.ts';
import { fieldErrors, ROOT_FIELD, type FieldError } from './field-error.ts';
import { compileSchema } from './structural.ts';
import { pruneAndDefault, type PruneSink } from './prune-default.ts';
import { validateSchema } from './schema-validate.ts';
import { evaluateRoot, type CelPass } from './cel/evaluate.ts';
import { rulesOf } from './cel/rules.ts';
import type { SchemaNode } from './schema-node.ts';
import { deepEqual, isPlainObject } from './values.ts';

export interface ValidateInput {
  operation: Operation;
  object?: unknown;
  oldObject?: unknown;
}

export interface ValidateOptions {
  /** 'prune' (default): drop unknown fields silently, as the apiserver does before a webhook.
   *  'error': report them, as kubectl's strict field validation does (offline validation):
   *  `spec.notAField: Forbidden: unknown field "spec.notAField"`. */
  unknownFields?: 'prune' | 'error';
  /** Drop errors on values unchanged from oldObject on UPDATE (kube 1.30+ ratcheting). Default true. */
  ratcheting?: boolean;
}

export interface ValidateOutput {
  errors: FieldError[];
  warnings: string[];
  /** The object after defaults and pruning (undefined when there was none, e.g. DELETE). */
  object: Record<string, unknown> | undefined;
}

/** The error kube-apiserver adds when schema errors stop the CEL rules from running. */
export const RULES_NOT_CHECKED = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

/** Schema error types that keep the apiserver from evaluating CEL rules. */
const BLOCKING = new Set<FieldError['type']>([
  'FieldValueNotSupported', 'FieldValueRequired', 'FieldValueTooLong', 'FieldValueTooMany', 'FieldValueTypeInvalid',
]);

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function validate(target: RegisteredVersion, input: ValidateInput, options: ValidateOptions = {}): ValidateOutput {
  let root: SchemaNode;
  try {
    root = compileSchema(target.version.schema);
  } catch (error) {
    return { errors: [fieldErrors.internal(ROOT_FIELD, `schema of ${target.kind.kind} ${target.version.name}: ${describe(error)}`)], warnings: [], object: undefined };
  }
  if (input.object === undefined || input.object === null) return { errors: [], warnings: [], object: undefined };
  if (!isPlainObject(input.object)) {
    return { errors: [fieldErrors.typeInvalid(ROOT_FIELD, typeof input.object, 'body must be of type object')], warnings: [], object: undefined };
  }

  const errors: FieldError[] = [];
  const sink: PruneSink = options.unknownFields === 'error' ? { unknown: [] } : {};
  const object = pruneAndDefault(root, input.object, '', sink) as Record<string, unknown>;
  for (const field of sink.unknown ?? []) errors.push(fieldErrors.forbidden(field, `unknown field ${JSON.stringify(field)}`));
  const isUpdate = input.operation === 'UPDATE' && isPlainObject(input.oldObject);
  const oldObject = isUpdate ? (pruneAndDefault(root, input.oldObject, '', {}) as Record<string, unknown>) : undefined;
  const ratchet = isUpdate && options.ratcheting !== false;

  const schemaErrors: FieldError[] = [];
  validateSchema(root, object, '', schemaErrors);
  for (const error of schemaErrors) {
    if (error.field === '') error.field = ROOT_FIELD;
  }
  const kept = ratchet ? ratchetSchemaErrors(schemaErrors, object, oldObject) : schemaErrors;
  errors.push(...kept);

  if (root.subtreeHasRules) {
    if (kept.some((e) => BLOCKING.has(e.type))) {
      errors.push(fieldErrors.invalid(ROOT_FIELD, null, RULES_NOT_CHECKED));
    } else {
      const pass: CelPass = { errors: [], cache: new Map(), oldCache: new Map() };
      if (ratchet) pass.unchanged = deepEqual;
      try {
        evaluateRoot(root, object, oldObject, pass);
      } catch (error) {
        pass.errors.push(fieldErrors.internal(ROOT_FIELD, `evaluating validation rules: ${describe(error)}`));
      }
      for (const error of pass.errors) if (error.field === '') error.field = ROOT_FIELD;
      errors.push(...pass.errors);
    }
  }

  const warnings: string[] = [];
  if (errors.length === 0) runChecks(target, input.operation, object, oldObject, errors, warnings);
  return { errors, warnings, object };
}

function runChecks(
  target: RegisteredVersion,
  operation: Operation,
  object: Record<string, unknown>,
  oldObject: Record<string, unknown> | undefined,
  errors: FieldError[],
  warnings: string[],
): void {
  for (const check of target.version.checks ?? []) {
    try {
      const result = check(oldObject ? { operation, object, oldObject } : { operation, object });
      if (result.errors) errors.push(...result.errors);
      if (result.warnings) warnings.push(...result.warnings);
    } catch (error) {
      const name = check.name || 'anonymous';
      errors.push(fieldErrors.internal(ROOT_FIELD, `check ${name} of ${target.kind.kind} failed: ${describe(error)}`));
    }
  }
}

/**
 * Ratcheting for schema errors: an error whose field holds the same value as in the old object
 * (or sits under such a value) is dropped, so objects stored before a schema tightened can still
 * be updated elsewhere.
 */
function ratchetSchemaErrors(errors: FieldError[], object: unknown, oldObject: unknown): FieldError[] {
  if (errors.length === 0) return errors;
  return errors.filter((error) => !unchangedAt(error.field, object, oldObject));
}

function unchangedAt(field: string, object: unknown, oldObject: unknown): boolean {
  if (field === ROOT_FIELD) return false;
  const segments = field.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  // Required errors are about the parent: compare the parent value.
  let a: unknown = object;
  let b: unknown = oldObject;
  for (const segment of segments) {
    if (deepEqual(a, b) && a !== undefined) return true;
    const index = /^\[(\d+)\]$/.exec(segment);
    const key = index ? Number(index[1]) : segment;
    a = stepInto(a, key);
    b = stepInto(b, key);
  }
  return a !== undefined && deepEqual(a, b);
}

function stepInto(value: unknown, key: string | number): unknown {
  if (typeof key === 'number') return Array.isArray(value) ? value[key] : undefined;
  return isPlainObject(value) ? value[key] : undefined;
}

/** Compiles every CEL rule of a version's schema; throws one error listing each rule that fails. */
export function compileAllRules(target: RegisteredVersion): number {
  const root = compileSchema(target.version.schema);
  const failures: string[] = [];
  let count = 0;
  const visit = (node: SchemaNode, path: string): void => {
    if (node.rules?.length) {
      for (const rule of node.rules) {
        try {
          rulesOf({ rules: [rule] });
          count++;
        } catch (error) {
          failures.push(`${path || '<root>'}: ${describe(error)}`);
        }
      }
      if (failures.length === 0) rulesOf(node);
    }
    for (const [name, child] of node.properties ?? []) if (child.subtreeHasRules) visit(child, `${path}.${name}`);
    if (node.items?.subtreeHasRules) visit(node.items, `${path}[]`);
    if (node.additionalProperties?.subtreeHasRules) visit(node.additionalProperties, `${path}{*}`);
  };
  visit(root, '');
  if (failures.length) {
    throw new Error(`${target.kind.kind} ${target.version.name}: ${failures.length} rule(s) do not compile:\n${failures.join('\n')}`);
  }
  return count;
}
