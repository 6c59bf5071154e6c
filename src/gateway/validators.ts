// Kong's Gateway rules as admission validators, one per served Gateway/GatewayClass version,
// for the webhook's ValidatorRegistry and `kongward validate` alike. They run beside the
// engine validators (registerEngineValidators), which report the upstream Gateway API rules:
// an object those rules deny gets nothing more from here, as the apiserver would never call
// the webhook for it. On UPDATE, a Kong cause the old object already had is a warning, not a
// denial, so Gateways stored before kongward (or before a class became managed) can still be
// edited and finalized.
import { findVersion, isRegisteredKind, type RegisteredVersion } from '../api/registry.ts';
import type { GroupVersionKind } from '../api/types.ts';
import { validate } from '../validation/engine.ts';
import { formatFieldError, type FieldError } from '../validation/field-error.ts';
import { isPlainObject } from '../validation/values.ts';
import type { AdmissionRequest } from '../webhooks/admission/review.ts';
import type { AdmissionVerdict, Validator } from '../webhooks/admission/validators.ts';
import { validateRequest } from '../webhooks/admission/engine-validators.ts';
import { DEFAULT_CONTROLLER_NAME, type GatewayClassLookup } from './class-lookup.ts';
import { kongGatewayRules, type RuleResult } from './gateway-rules.ts';
import { kongGatewayClassRules } from './gatewayclass-rules.ts';

export interface GatewayValidatorOptions {
  /** spec.controllerName of the classes kongward enforces Kong's limits for. */
  controllerName?: string;
  classes: GatewayClassLookup;
}

export interface GvkValidator {
  gvk: GroupVersionKind;
  validator: Validator;
}

const GROUP = 'gateway.networking.k8s.io';
const VERSIONS = ['v1', 'v1beta1'];

type Json = Record<string, unknown>;
type Rules = (object: Json, controllerName: string, classes: GatewayClassLookup) => RuleResult & { notes: string[] };

/** Whether Kong's limits apply to a Gateway of class `name`, and a note when that cannot be known. */
export function resolveGatewayClass(name: unknown, classes: GatewayClassLookup, controllerName: string): { managed: boolean; note?: string } {
  if (typeof name !== 'string' || name === '') return { managed: false };
  const info = classes.get(name);
  if (info) return { managed: info.controllerName === controllerName };
  const why = classes.ready() ? 'is not known to kongward' : 'could not be looked up yet (the GatewayClass cache is not synced)';
  return {
    managed: false,
    note: `spec.gatewayClassName: GatewayClass ${JSON.stringify(name)} ${why}; only the upstream Gateway API rules were checked, not Kong's limits for classes of controller ${JSON.stringify(controllerName)}`,
  };
}

const gatewayRules: Rules = (gateway, controllerName, classes) => {
  const spec = isPlainObject(gateway.spec) ? gateway.spec : {};
  const resolved = resolveGatewayClass(spec.gatewayClassName, classes, controllerName);
  const notes = resolved.note ? [resolved.note] : [];
  if (!resolved.managed) return { errors: [], warnings: [], notes };
  return { ...kongGatewayRules(gateway), notes };
};

const gatewayClassRules: Rules = (gatewayClass, controllerName) => {
  const spec = isPlainObject(gatewayClass.spec) ? gatewayClass.spec : {};
  const errors = spec.controllerName === controllerName ? kongGatewayClassRules(gatewayClass) : [];
  return { errors, warnings: [], notes: [] };
};

/** The object with the CRD's defaults applied (what the apiserver hands a webhook). */
function defaulted(target: RegisteredVersion, object: Json): Json {
  return validate(target, { operation: 'CREATE', object }).object ?? object;
}

function ratchet(current: FieldError[], previous: FieldError[]): { errors: FieldError[]; warnings: string[] } {
  const before = new Set(previous.map(formatFieldError));
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  for (const error of current) {
    if (before.has(formatFieldError(error))) warnings.push(`${formatFieldError(error)} (already so before this update; Kong still cannot serve it)`);
    else errors.push(error);
  }
  return { errors, warnings };
}

function kongValidator(gvk: GroupVersionKind, rules: Rules, controllerName: string, classes: GatewayClassLookup): Validator {
  // Resolved on first use: the Gateway API schemas load only when a Gateway (class) is reviewed.
  let resolved: RegisteredVersion | undefined;
  const targetOf = (): RegisteredVersion => {
    resolved ??= findVersion(gvk);
    if (!resolved) throw new Error(`${gvk.kind} ${gvk.version} is not in the API registry`);
    return resolved;
  };
  return (request: AdmissionRequest): AdmissionVerdict => {
    if ((request.operation !== 'CREATE' && request.operation !== 'UPDATE') || !request.object) return {};
    const target = targetOf();
    const upstream = validateRequest(target, request);
    if (upstream.errors.length || !upstream.object) return {};
    const found = rules(upstream.object, controllerName, classes);
    let errors = found.errors;
    const warnings = [...found.notes, ...found.warnings];
    if (request.operation === 'UPDATE' && request.oldObject && errors.length) {
      const previous = rules(defaulted(target, request.oldObject), controllerName, classes);
      const ratcheted = ratchet(errors, previous.errors);
      errors = ratcheted.errors;
      warnings.push(...ratcheted.warnings);
    }
    const verdict: AdmissionVerdict = {};
    if (errors.length) verdict.errors = errors;
    if (warnings.length) verdict.warnings = warnings;
    return verdict;
  };
}

/** Validators for GatewayClass and Gateway, v1 and v1beta1. Register them beside the engine validators. */
export function gatewayValidators(options: GatewayValidatorOptions): GvkValidator[] {
  const controllerName = options.controllerName ?? DEFAULT_CONTROLLER_NAME;
  const out: GvkValidator[] = [];
  for (const [kind, rules] of [['GatewayClass', gatewayClassRules], ['Gateway', gatewayRules]] as const) {
    for (const version of VERSIONS) {
      const gvk = { group: GROUP, version, kind };
      if (!isRegisteredKind(GROUP, kind)) throw new Error(`${kind} is not in the API registry`);
      out.push({ gvk, validator: kongValidator(gvk, rules, controllerName, options.classes) });
    }
  }
  return out;
}

/** Convenience: registers every validator of `gatewayValidators(options)`. */
export function registerGatewayValidators<R extends { register(gvk: GroupVersionKind, validator: Validator): unknown }>(
  registry: R,
  options: GatewayValidatorOptions,
): R {
  for (const { gvk, validator } of gatewayValidators(options)) registry.register(gvk, validator);
  return registry;
}
