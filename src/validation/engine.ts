// PLACEHOLDER: the validation engine is being written (issue "Validation of every Kong CRD").
// The signature below is the contract the webhook, CLI and tests code against.
import type { Operation } from '../api/types.ts';
import type { RegisteredVersion } from '../api/registry.ts';
import type { FieldError } from './field-error.ts';

export interface ValidateInput {
  operation: Operation;
  object?: unknown;
  oldObject?: unknown;
}

export interface ValidateOptions {
  /** 'prune' (default): drop unknown fields silently, as the apiserver does before a webhook.
   *  'error': report them, as kubectl's strict field validation does (offline validation). */
  unknownFields?: 'prune' | 'error';
}

export interface ValidateOutput {
  errors: FieldError[];
  warnings: string[];
  /** The object after defaults and pruning (undefined when there was none, e.g. DELETE). */
  object: Record<string, unknown> | undefined;
}

export function validate(_target: RegisteredVersion, _input: ValidateInput, _options: ValidateOptions = {}): ValidateOutput {
  throw new Error('validation engine not implemented yet');
}
