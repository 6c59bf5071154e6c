// The validator registry: the one place that decides which checks run for a (group, version,
// kind). Kinds with no validator are allowed. Later capabilities (reference checks, Gateway
// rules) register more validators for the same kinds; all of their results are folded.
import type { GroupVersionKind } from '../../api/types.ts';
import type { FieldError } from '../../validation/field-error.ts';
import type { AdmissionRequest } from './review.ts';

export interface AdmissionVerdict {
  errors?: FieldError[];
  warnings?: string[];
}

export type Validator = (request: AdmissionRequest) => AdmissionVerdict | Promise<AdmissionVerdict>;

export function gvkKey(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

export class ValidatorRegistry {
  readonly #byGvk = new Map<string, { gvk: GroupVersionKind; validators: Validator[] }>();

  register(gvk: GroupVersionKind, validator: Validator): this {
    const key = gvkKey(gvk);
    const entry = this.#byGvk.get(key);
    if (entry) entry.validators.push(validator);
    else this.#byGvk.set(key, { gvk, validators: [validator] });
    return this;
  }

  lookup(gvk: GroupVersionKind): readonly Validator[] {
    return this.#byGvk.get(gvkKey(gvk))?.validators ?? [];
  }

  /** Every (group, version, kind) with at least one validator. */
  kinds(): GroupVersionKind[] {
    return [...this.#byGvk.values()].map((entry) => entry.gvk);
  }
}
