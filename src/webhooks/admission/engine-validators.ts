// Registers the validation engine for every served version of every kind in the API
// registry. CREATE and UPDATE run the schema, CEL rules and Kong checks; DELETE and CONNECT
// carry nothing to validate intrinsically. Kinds are loaded when first asked for.
import { kindEntries, type RegisteredVersion } from '../../api/registry.ts';
import type { KindEntry } from '../../api/lazy-kind.ts';
import type { GroupVersionKind } from '../../api/types.ts';
import { validate, type ValidateOptions, type ValidateOutput } from '../../validation/engine.ts';
import type { AdmissionRequest } from './review.ts';
import { ValidatorRegistry, type AdmissionVerdict, type Validator, type ValidatorSource } from './validators.ts';

const results = new WeakMap<AdmissionRequest, Map<string, ValidateOutput>>();

/**
 * The engine's verdict on a CREATE or UPDATE request, computed once per request and options:
 * validators that need the defaulted object or the upstream verdict (Gateway rules) share it.
 */
export function validateRequest(target: RegisteredVersion, request: AdmissionRequest, options: ValidateOptions = {}): ValidateOutput {
  const key = options.unknownFields ?? 'prune';
  let byOptions = results.get(request);
  const cached = byOptions?.get(key);
  if (cached) return cached;
  const result = validate(target, {
    operation: request.operation,
    object: request.object ?? undefined,
    oldObject: request.oldObject ?? undefined,
  }, options);
  if (!byOptions) results.set(request, (byOptions = new Map()));
  byOptions.set(key, result);
  return result;
}

export function engineValidator(target: RegisteredVersion, options: ValidateOptions = {}): Validator {
  return (request: AdmissionRequest): AdmissionVerdict => {
    if (request.operation !== 'CREATE' && request.operation !== 'UPDATE') return {};
    const result = validateRequest(target, request, options);
    return { errors: result.errors, warnings: result.warnings };
  };
}

/** The engine's validator for every served version of the given kinds (all registered kinds by default). */
export function engineValidatorSource(from: readonly KindEntry[] = kindEntries, options: ValidateOptions = {}): ValidatorSource {
  const entries = new Map(from.map((entry) => [`${entry.group}/${entry.kind}`, entry]));
  return {
    validatorsFor(gvk: GroupVersionKind): Validator[] {
      const kind = entries.get(`${gvk.group}/${gvk.kind}`)?.load();
      const version = kind?.versions.find((v) => v.name === gvk.version && v.served);
      return kind && version ? [engineValidator({ kind, version }, options)] : [];
    },
    kinds(): GroupVersionKind[] {
      return [...entries.values()].flatMap((entry) => {
        const kind = entry.load();
        return kind.versions.filter((v) => v.served).map((v) => ({ group: kind.group, version: v.name, kind: kind.kind }));
      });
    },
  };
}

export function registerEngineValidators(
  registry: ValidatorRegistry,
  from: readonly KindEntry[] = kindEntries,
  options: ValidateOptions = {},
): ValidatorRegistry {
  return registry.registerSource(engineValidatorSource(from, options));
}
