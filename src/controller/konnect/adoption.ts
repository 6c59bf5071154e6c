// Explicit adoption (`spec.adopt: {from: konnect, mode, konnect: {id}}`, Kong Operator 2.x):
// the entity with that id is taken as this object's. It must exist and must not carry another
// object's `k8s-uid` tag. `override` (default) then writes the desired state (with our tags);
// `match` never writes: the entity must already hold what the spec asks for (tags aside), and a
// difference is reported as a condition, at adoption and at every later sync.
import type { KubeObject } from '../runtime/types.ts';
import { specOf } from './context.ts';
import { driftedFields } from './drift.ts';

export type AdoptMode = 'match' | 'override';

export interface AdoptSpec {
  mode: AdoptMode;
  id: string;
}

export const ADOPTED = 'Adopted';
export const FAILED_TO_ADOPT = 'FailedToAdopt';

/** A failed adoption: Programmed=False and Adopted=False with reason FailedToAdopt; retried every sync period. */
export class AdoptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdoptionError';
  }
}

/** `spec.adopt` when it asks to adopt from Konnect. */
export function adoptSpecOf(obj: KubeObject): AdoptSpec | undefined {
  const adopt = specOf(obj).adopt as { from?: string; mode?: string; konnect?: { id?: string } } | undefined;
  if (adopt?.from !== 'konnect' || !adopt.konnect?.id) return undefined;
  return { mode: adopt.mode === 'match' ? 'match' : 'override', id: adopt.konnect.id };
}

/** The `k8s-uid` tag value of a Konnect entity, if any. */
export function uidTagOf(entity: Record<string, unknown>): string | undefined {
  const tags = Array.isArray(entity.tags) ? (entity.tags as unknown[]) : [];
  const tag = tags.find((t): t is string => typeof t === 'string' && t.startsWith('k8s-uid:'));
  return tag?.slice('k8s-uid:'.length);
}

/** Checks an entity found by the adopt id can be ours (pure). Throws AdoptionError otherwise. */
export function checkAdoptable(entityType: string, adopt: AdoptSpec, uid: string, entity: Record<string, unknown> | undefined, allowed: readonly AdoptMode[]): Record<string, unknown> {
  if (!allowed.includes(adopt.mode)) throw new AdoptionError(`adopt mode ${adopt.mode} is not supported for this kind (supported: ${allowed.join(', ')})`);
  if (!entity) throw new AdoptionError(`${entityType} ${adopt.id} to adopt was not found in Konnect`);
  const owner = uidTagOf(entity);
  if (owner && owner !== uid) throw new AdoptionError(`${entityType} ${adopt.id} is already managed by another object (k8s-uid ${owner})`);
  return entity;
}

/** Mode match: the fields that differ (tags and fields Konnect does not echo excluded); throws when any do. */
export function requireMatch(entityType: string, id: string, desired: Record<string, unknown>, actual: Record<string, unknown>, ignore: readonly string[] = []): void {
  const differ = driftedFields(desired, actual, ['tags', ...ignore]);
  if (differ.length > 0) throw new AdoptionError(`${entityType} ${id} does not match the spec (mode match): ${differ.join(', ')} differ`);
}
