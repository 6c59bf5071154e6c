// The words of the reference checks: denials in field-error form, warnings as one line each
// (kubectl prints every warning as `Warning: <text>`).
import { fieldErrors, type FieldError } from '../validation/field-error.ts';
import type { LookupState, ObjectId } from './lookup.ts';

export const where = (namespace: string | undefined, name: string) => (namespace ? `${namespace}/${name}` : name);
export const describeId = (id: ObjectId) => `${id.kind} ${where(id.namespace, id.name)}`;

/** KGO's reason for a control plane this kind cannot attach to (exact text). */
export function unsupportedClusterType(field: string, namespace: string | undefined, name: string, clusterType: string): FieldError {
  return fieldErrors.forbidden(field, `Attaching to ControlPlane ${where(namespace, name)} with cluster type ${clusterType} is not supported`);
}

export function differentControlPlanes(field: string, parent: ObjectId, parentControlPlane: string, kind: string, ownControlPlane: string): FieldError {
  return fieldErrors.forbidden(
    field,
    `${describeId(parent)} is attached to ControlPlane ${parentControlPlane}, but this ${kind} is attached to ControlPlane ${ownControlPlane}; both must be on the same control plane`,
  );
}

export function missingTarget(field: string, target: ObjectId): string {
  return `${field}: ${describeId(target)} not found; the object is accepted (the target may be created later) and the controller reports the reference as invalid until it exists`;
}

export function targetBeingDeleted(field: string, target: ObjectId): string {
  return `${field}: ${describeId(target)} is being deleted; the controller reports the reference as invalid once it is gone`;
}

export interface GrantNeeded {
  field: string;
  from: { group: string; kind: string; namespace: string };
  to: { group: string; kind: string; namespace: string; name: string };
}

export function grantMissing({ field, from, to }: GrantNeeded): string {
  return (
    `${field}: ${to.kind} ${to.namespace}/${to.name} is in another namespace than this ${from.kind}; it needs a KongReferenceGrant in namespace ${JSON.stringify(to.namespace)} ` +
    `with from {group: ${from.group}, kind: ${from.kind}, namespace: ${JSON.stringify(from.namespace)}} and to {group: ${to.group}, kind: ${to.kind}, name: ${to.name}}; none was found`
  );
}

export function checksSkipped(state: Exclude<LookupState, 'synced'>): string {
  const why = state === 'unsynced' ? 'is not synced yet' : 'is stale (its watch of the API server is failing)';
  return `reference checks skipped: kongward's cache of referenced objects ${why}; only this object's own rules were checked`;
}

export const FIRST_FEW = 3;

export function stillReferenced(target: ObjectId, dependents: readonly ObjectId[]): string {
  const first = dependents.slice(0, FIRST_FEW).map(describeId).join(', ');
  const more = dependents.length > FIRST_FEW ? ` and ${dependents.length - FIRST_FEW} more` : '';
  const count = dependents.length === 1 ? '1 object' : `${dependents.length} objects`;
  return `${describeId(target)} is still referenced by ${count} (${first}${more}); they cannot be programmed in Konnect without it until they are moved or deleted`;
}

export function unchangedDenial(text: string): string {
  return `${text} (already the case before this update; allowed so the object can still be changed or deleted)`;
}
