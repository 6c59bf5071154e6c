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

/**
 * Validators for kinds resolved on demand: the engine and reference checks answer for many kinds
 * but load a kind's definition only when a request (or document) of that kind arrives.
 */
export interface ValidatorSource {
  /** The validators for one (group, version, kind); asked once per GVK, the registry caches. */
  validatorsFor(gvk: GroupVersionKind): Validator[];
  /** Every GVK it has validators for (loads every kind: for generators and start-up logs). */
  kinds(): GroupVersionKind[];
}

/** Validators registered one GVK at a time, kept as one source. */
class FixedValidators implements ValidatorSource {
  readonly byGvk = new Map<string, { gvk: GroupVersionKind; validators: Validator[] }>();

  add(gvk: GroupVersionKind, validator: Validator): void {
    const key = gvkKey(gvk);
    const entry = this.byGvk.get(key);
    if (entry) entry.validators.push(validator);
    else this.byGvk.set(key, { gvk, validators: [validator] });
  }

  validatorsFor(gvk: GroupVersionKind): Validator[] {
    return this.byGvk.get(gvkKey(gvk))?.validators ?? [];
  }

  kinds(): GroupVersionKind[] {
    return [...this.byGvk.values()].map((entry) => entry.gvk);
  }
}

/** Validators of one GVK run in registration order, whether registered alone or by a source. */
export class ValidatorRegistry {
  readonly #sources: ValidatorSource[] = [];
  readonly #resolved = new Map<string, readonly Validator[]>();

  register(gvk: GroupVersionKind, validator: Validator): this {
    const last = this.#sources.at(-1);
    const fixed = last instanceof FixedValidators ? last : new FixedValidators();
    if (fixed !== last) this.#sources.push(fixed);
    fixed.add(gvk, validator);
    this.#resolved.clear();
    return this;
  }

  registerSource(source: ValidatorSource): this {
    this.#sources.push(source);
    this.#resolved.clear();
    return this;
  }

  lookup(gvk: GroupVersionKind): readonly Validator[] {
    const key = gvkKey(gvk);
    let validators = this.#resolved.get(key);
    if (!validators) {
      validators = this.#sources.flatMap((source) => source.validatorsFor(gvk));
      // Unknown kinds are not cached: requests can name any GVK, and resolving none is cheap.
      if (validators.length) this.#resolved.set(key, validators);
    }
    return validators;
  }

  /** Every (group, version, kind) with at least one validator. */
  kinds(): GroupVersionKind[] {
    const seen = new Map<string, GroupVersionKind>();
    for (const source of this.#sources) for (const gvk of source.kinds()) if (!seen.has(gvkKey(gvk))) seen.set(gvkKey(gvk), gvk);
    return [...seen.values()];
  }
}
