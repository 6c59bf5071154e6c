// The reference checks: pure functions of an object (or a DELETE) and a ReferenceLookup.
// A reference to an object that exists and can never work is denied; a missing target, a
// target being deleted or a cross-namespace reference without a KongReferenceGrant is a
// warning. The lookup's state is the caller's business (validators.ts).
import type { KubeObject } from '../controller/runtime/types.ts';
import type { FieldError } from '../validation/field-error.ts';
import { isPlainObject } from '../validation/values.ts';
import {
  CLUSTER_TYPE_DEFAULT,
  getPath,
  groupOf,
  isClusterScoped,
  readControlPlaneRef,
  referencingSpecsOf,
  type ControlPlaneRefSpec,
  type ParentRefSpec,
  type ReferencingKind,
} from './kinds.ts';
import type { DeletionTargetKind, ObjectId, ReferenceLookup } from './lookup.ts';
import * as say from './messages.ts';

export interface ReferenceFindings {
  errors: FieldError[];
  warnings: string[];
}

/** One reference an object makes, resolved to the target's identity. */
export interface ResolvedReference {
  field: string;
  target: ObjectId;
  controlPlane?: ControlPlaneRefSpec;
  parent?: ParentRefSpec;
}

const CONTROL_PLANE = 'KonnectGatewayControlPlane';

/** The references an object makes, per the kind's table entry. `namespace` is the object's ('' when cluster-scoped). */
export function referencesOf(spec: ReferencingKind, object: unknown, namespace: string): ResolvedReference[] {
  const found: ResolvedReference[] = [];
  const resolve = (kind: string, refNamespace: string | undefined, name: string): ObjectId => {
    if (isClusterScoped(kind)) return { kind, name };
    const targetNamespace = refNamespace ?? namespace;
    return targetNamespace ? { kind, namespace: targetNamespace, name } : { kind, name };
  };
  if (spec.controlPlaneRef) {
    const ref = readControlPlaneRef(getPath(object, spec.controlPlaneRef.path), spec.controlPlaneRef.defaultType);
    if (ref) found.push({ field: spec.controlPlaneRef.path.join('.'), target: resolve(CONTROL_PLANE, ref.namespace, ref.name), controlPlane: spec.controlPlaneRef });
  }
  for (const parent of spec.parents ?? []) {
    const ref = parent.read(getPath(object, parent.path));
    if (ref) found.push({ field: parent.path.join('.'), target: resolve(parent.kind, ref.namespace, ref.name), parent });
  }
  return found;
}

/** The cluster type a control plane has; undefined for a mirror whose type is not observed yet. */
export function clusterTypeOf(controlPlane: KubeObject): string | undefined {
  const declared = getPath(controlPlane, ['spec', 'cluster_type']) ?? getPath(controlPlane, ['spec', 'createControlPlaneRequest', 'cluster_type']);
  if (typeof declared === 'string' && declared) return declared;
  const observed = getPath(controlPlane, ['status', 'clusterType']);
  if (typeof observed === 'string' && observed) return observed;
  return getPath(controlPlane, ['spec', 'source']) === 'Mirror' ? undefined : CLUSTER_TYPE_DEFAULT;
}

/** `namespace/name` of the control plane an object is on: its own reference, else its parent's (a route through its service). */
export function controlPlaneOf(kind: string, object: KubeObject, lookup: ReferenceLookup, depth = 2): string | undefined {
  const namespace = object.metadata.namespace ?? '';
  const specs = referencingSpecsOf(kind);
  for (const spec of specs) {
    const own = referencesOf({ ...spec, parents: [] }, object, namespace)[0];
    if (own) return say.where(own.target.namespace, own.target.name);
  }
  if (depth <= 0) return undefined;
  for (const spec of specs) {
    for (const ref of referencesOf({ ...spec, controlPlaneRef: undefined }, object, namespace)) {
      if (!ref.parent?.sameControlPlane) continue;
      const parent = lookup.get(ref.target.kind, ref.target.namespace, ref.target.name);
      const found = parent && controlPlaneOf(ref.target.kind, parent, lookup, depth - 1);
      if (found) return found;
    }
  }
  return undefined;
}

function grantPermits(grant: KubeObject, from: say.GrantNeeded['from'], to: say.GrantNeeded['to']): boolean {
  const spec = isPlainObject(grant.spec) ? grant.spec : {};
  const froms = Array.isArray(spec.from) ? spec.from.filter(isPlainObject) : [];
  const tos = Array.isArray(spec.to) ? spec.to.filter(isPlainObject) : [];
  return (
    froms.some((f) => f.group === from.group && f.kind === from.kind && (f.namespace ?? '') === from.namespace) &&
    tos.some((t) => (t.group === to.group || (to.group === '' && t.group === 'core')) && t.kind === to.kind && (t.name === undefined || t.name === '' || t.name === to.name))
  );
}

/** The grant a cross-namespace reference needs, or undefined when it is permitted (or not cross-namespace). */
export function missingGrant(spec: ReferencingKind, namespace: string, ref: ResolvedReference, lookup: ReferenceLookup): say.GrantNeeded | undefined {
  const targetNamespace = ref.target.namespace;
  if (targetNamespace === undefined || targetNamespace === namespace) return undefined;
  const from = { group: spec.group, kind: spec.kind, namespace };
  const to = { group: groupOf(ref.target.kind), kind: ref.target.kind, namespace: targetNamespace, name: ref.target.name };
  if (lookup.grants(targetNamespace).some((grant) => grantPermits(grant, from, to))) return undefined;
  return { field: ref.field, from, to };
}

/** Every reference check for one object on CREATE or UPDATE. */
export function checkReferences(spec: ReferencingKind, object: KubeObject, lookup: ReferenceLookup): ReferenceFindings {
  const namespace = object.metadata.namespace ?? '';
  const findings: ReferenceFindings = { errors: [], warnings: [] };
  let own: string | undefined | null = null;
  for (const ref of referencesOf(spec, object, namespace)) {
    const grant = missingGrant(spec, namespace, ref, lookup);
    if (grant) findings.warnings.push(say.grantMissing(grant));
    const target = lookup.get(ref.target.kind, ref.target.namespace, ref.target.name);
    if (!target) {
      findings.warnings.push(say.missingTarget(ref.field, ref.target));
      continue;
    }
    if (target.metadata.deletionTimestamp) findings.warnings.push(say.targetBeingDeleted(ref.field, ref.target));
    if (ref.controlPlane) {
      const clusterType = clusterTypeOf(target);
      if (clusterType && ref.controlPlane.deniedClusterTypes.includes(clusterType)) {
        findings.errors.push(say.unsupportedClusterType(ref.field, ref.target.namespace, ref.target.name, clusterType));
      }
    }
    if (ref.parent?.sameControlPlane) {
      if (own === null) own = controlPlaneOf(spec.kind, object, lookup, 0);
      const theirs: string | undefined = own ? controlPlaneOf(ref.target.kind, target, lookup) : undefined;
      if (own && theirs && own !== theirs) findings.errors.push(say.differentControlPlanes(ref.field, ref.target, theirs, spec.kind, own));
    }
  }
  return findings;
}

/** DELETE of a control plane or auth configuration: a warning naming what still references it. */
export function checkDeletion(kind: DeletionTargetKind, namespace: string, name: string, lookup: ReferenceLookup): ReferenceFindings {
  const dependents = lookup.dependents(kind, namespace, name);
  if (dependents.length === 0) return { errors: [], warnings: [] };
  return { errors: [], warnings: [say.stillReferenced({ kind, namespace, name }, dependents)] };
}
