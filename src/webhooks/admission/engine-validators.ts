// Registers the validation engine for every served version of every kind in the API
// registry. CREATE and UPDATE run the schema, CEL rules and Kong checks; DELETE and CONNECT
// carry nothing to validate intrinsically.
import { kinds, type RegisteredVersion } from '../../api/registry.ts';
import type { KindDefinition } from '../../api/types.ts';
import { validate, type ValidateOptions, type ValidateOutput } from '../../validation/engine.ts';
import type { AdmissionRequest } from './review.ts';
import { ValidatorRegistry, type AdmissionVerdict, type Validator } from './validators.ts';

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

export function registerEngineValidators(
  registry: ValidatorRegistry,
  from: readonly KindDefinition[] = kinds,
  options: ValidateOptions = {},
): ValidatorRegistry {
  for (const kind of from) {
    for (const version of kind.versions) {
      if (!version.served) continue;
      registry.register({ group: kind.group, version: version.name, kind: kind.kind }, engineValidator({ kind, version }, options));
    }
  }
  return registry;
}
