// The reference checks as admission validators, one per served version of every kind that
// makes references (CREATE, UPDATE) or whose deletion is reviewed (DELETE). Fail-open: when
// the lookup is not synced or stale, the checks are skipped with a warning; the intrinsic rules
// (engine validators) run regardless. On UPDATE, a denial the old object already earned is a
// warning, so objects stored before kongward (or before their target changed) can still be
// edited and finalized. Objects being deleted are not checked.
import { findKind } from '../api/registry.ts';
import type { GroupVersionKind, Operation } from '../api/types.ts';
import type { KubeObject } from '../controller/runtime/types.ts';
import { formatFieldError } from '../validation/field-error.ts';
import { isPlainObject } from '../validation/values.ts';
import type { AdmissionRequest } from '../webhooks/admission/review.ts';
import type { AdmissionVerdict, Validator, ValidatorSource } from '../webhooks/admission/validators.ts';
import { checkDeletion, checkReferences, referencesOf } from './checks.ts';
import { deletionTargets, referencingKind, referencingKinds, type ReferencingKind } from './kinds.ts';
import type { DeletionTargetKind, ReferenceLookup } from './lookup.ts';
import { checksSkipped, unchangedDenial } from './messages.ts';
import { DEFAULT_NAMESPACE } from './offline-lookup.ts';
import { allCachedKinds } from './cached-kinds.ts';
import type { ResourceDescriptor } from '../controller/runtime/types.ts';

export interface GvkValidator {
  gvk: GroupVersionKind;
  validator: Validator;
}

function asObject(value: unknown, request: AdmissionRequest, namespaced: boolean): KubeObject | undefined {
  if (!isPlainObject(value)) return undefined;
  const metadata = isPlainObject(value.metadata) ? value.metadata : {};
  const namespace = namespaced ? (request.namespace || (typeof metadata.namespace === 'string' && metadata.namespace) || DEFAULT_NAMESPACE) : undefined;
  return { ...value, metadata: { ...metadata, ...(namespace ? { namespace } : {}) } } as KubeObject;
}

function reviewReferences(spec: ReferencingKind, request: AdmissionRequest, lookup: ReferenceLookup, namespaced: boolean): AdmissionVerdict {
  const object = asObject(request.object, request, namespaced);
  if (!object || object.metadata.deletionTimestamp) return {};
  if (referencesOf(spec, object, object.metadata.namespace ?? '').length === 0) return {};
  const state = lookup.state();
  if (state !== 'synced') return { warnings: [checksSkipped(state)] };
  const found = checkReferences(spec, object, lookup);
  const old = request.operation === 'UPDATE' ? asObject(request.oldObject, request, namespaced) : undefined;
  if (found.errors.length && old) {
    const before = new Set(checkReferences(spec, old, lookup).errors.map(formatFieldError));
    const kept = found.errors.filter((e) => !before.has(formatFieldError(e)));
    for (const e of found.errors) if (!kept.includes(e)) found.warnings.push(unchangedDenial(formatFieldError(e)));
    found.errors = kept;
  }
  return found;
}

function reviewDeletion(kind: DeletionTargetKind, request: AdmissionRequest, lookup: ReferenceLookup): AdmissionVerdict {
  const state = lookup.state();
  if (state !== 'synced') return { warnings: [checksSkipped(state)] };
  const namespace = request.namespace || DEFAULT_NAMESPACE;
  return checkDeletion(kind, namespace, request.name, lookup);
}

/**
 * Validators for every served version of the kinds with reference checks or reviewed deletions,
 * resolved per kind when first asked (a kind's definition loads then).
 */
export function referenceValidatorSource(lookup: ReferenceLookup): ValidatorSource {
  const kindNames = new Map<string, { group: string; kind: string }>();
  for (const k of [...referencingKinds, ...deletionTargets]) kindNames.set(`${k.group}/${k.kind}`, { group: k.group, kind: k.kind });
  const validatorsFor = (gvk: GroupVersionKind): Validator[] => {
    if (!kindNames.has(`${gvk.group}/${gvk.kind}`)) return [];
    const { group, kind } = gvk;
    const definition = findKind(group, kind);
    if (!definition?.versions.some((v) => v.served && v.name === gvk.version)) return [];
    const namespaced = definition.scope === 'Namespaced';
    const deletion = deletionTargets.find((t) => t.group === group && t.kind === kind);
    const spec = referencingKind(group, kind, gvk.version);
    return [(request) => {
      if ((request.operation === 'CREATE' || request.operation === 'UPDATE') && spec) return reviewReferences(spec, request, lookup, namespaced);
      if (request.operation === 'DELETE' && deletion) return reviewDeletion(deletion.kind, request, lookup);
      return {};
    }];
  };
  return {
    validatorsFor,
    kinds: () => [...kindNames.values()].flatMap(({ group, kind }) =>
      (findKind(group, kind)?.versions ?? []).filter((v) => v.served).map((v) => ({ group, version: v.name, kind }))),
  };
}

/** Every validator of referenceValidatorSource(lookup), with its GVK (loads every kind). */
export function referenceValidators(lookup: ReferenceLookup): GvkValidator[] {
  const source = referenceValidatorSource(lookup);
  return source.kinds().flatMap((gvk) => source.validatorsFor(gvk).map((validator) => ({ gvk, validator })));
}

export interface WebhookRuleNeed {
  group: string;
  kind: string;
  plural: string;
  versions: string[];
  operations: Operation[];
}

/** What the ValidatingWebhookConfiguration must send for the reference checks (DELETE included). */
export function referenceWebhookRules(): WebhookRuleNeed[] {
  const needs = new Map<string, WebhookRuleNeed>();
  const add = (group: string, kind: string, operations: Operation[]) => {
    const definition = findKind(group, kind);
    if (!definition) return;
    const key = `${group}/${kind}`;
    const need = needs.get(key) ?? { group, kind, plural: definition.plural, versions: definition.versions.filter((v) => v.served).map((v) => v.name), operations: [] };
    for (const op of operations) if (!need.operations.includes(op)) need.operations.push(op);
    needs.set(key, need);
  };
  for (const spec of referencingKinds) add(spec.group, spec.kind, ['CREATE', 'UPDATE']);
  for (const target of deletionTargets) add(target.group, target.kind, ['DELETE']);
  return [...needs.values()];
}

/** The kinds the cluster lookup lists and watches: read-only RBAC (get, list, watch) on exactly these. */
export function referenceCachedResources(): ResourceDescriptor[] {
  return allCachedKinds().map((c) => ({ ...c.resource }));
}
