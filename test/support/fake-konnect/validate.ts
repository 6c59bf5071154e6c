// Core-entity write validation for the fake, driven by entity-specs.ts: body shape, unknown
// fields, required fields, enums, integer ranges, tags, foreign references and unique keys.
// Returns the entity to store, or throws the 400 Konnect would send.
import { constraintError, validationError, type CoreDetail } from './bodies.ts';
import { entitySpecs, type Entity, type EntitySpec } from './entity-specs.ts';
import type { ControlPlaneRecord } from './store.ts';

const SYSTEM_FIELDS = new Set(['id', 'tags', 'created_at', 'updated_at']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

function refId(value: unknown): string | undefined {
  return value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
}

/** Comparable value of a unique-key field (references compare by id). */
function keyValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return refId(value) ?? (typeof value === 'string' ? value : JSON.stringify(value));
}

function checkShape(spec: EntitySpec, entity: Entity): CoreDetail[] {
  const details: CoreDetail[] = [];
  const field = (f: string, message: string) => details.push({ type: 'ERROR_TYPE_FIELD', field: f, messages: [message] });
  for (const key of Object.keys(entity)) {
    if (!SYSTEM_FIELDS.has(key) && !spec.fields.includes(key)) field(key, 'unknown field');
  }
  const missing = (spec.required ?? []).filter((f) => !present(entity[f]));
  if (missing.length) details.push({ type: 'ERROR_TYPE_ENTITY', messages: [`missing properties: ${missing.map((f) => `'${f}'`).join(', ')}`] });
  if (spec.atLeastOne && !spec.atLeastOne.some((f) => present(entity[f]))) {
    details.push({ type: 'ERROR_TYPE_ENTITY', messages: [`at least one of these fields must be non-empty: ${spec.atLeastOne.map((f) => `'${f}'`).join(', ')}`] });
  }
  for (const [f, allowed] of Object.entries(spec.enums ?? {})) {
    if (present(entity[f]) && !allowed.includes(entity[f])) field(f, `value must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  for (const [f, [min, max]] of Object.entries(spec.ranges ?? {})) {
    const v = entity[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) field(f, 'expected an integer');
    else if (v < min || v > max) field(f, `value should be between ${min} and ${max}`);
  }
  for (const f of Object.keys(spec.refs ?? {})) {
    if (present(entity[f]) && !isUuid(refId(entity[f]))) field(f, "expected an object with a UUID 'id'");
  }
  const tags = entity.tags;
  if (tags !== undefined && tags !== null) {
    if (!Array.isArray(tags)) field('tags', 'expected an array');
    else tags.forEach((tag, i) => {
      if (typeof tag !== 'string') field(`tags[${i}]`, 'expected a string');
      else if (tag.length < 1 || tag.length > 128) field(`tags[${i}]`, `length must be <= 128, but got ${tag.length}`);
    });
  }
  return details;
}

function checkReferences(spec: EntitySpec, entity: Entity, record: ControlPlaneRecord): CoreDetail[] {
  const details: CoreDetail[] = [];
  for (const [f, ref] of Object.entries(spec.refs ?? {})) {
    const id = refId(entity[f]);
    if (id && !record.collection(ref.collection).has(id)) {
      details.push({ type: 'ERROR_TYPE_REFERENCE', field: f, messages: [`${f} (type: foreign) constraint failed for value '${id}': no such ${ref.collection} entity`] });
    }
  }
  return details;
}

function checkUnique(spec: EntitySpec, entity: Entity, record: ControlPlaneRecord): CoreDetail[] {
  const details: CoreDetail[] = [];
  const others = [...record.collection(spec.collection).values()].filter((e) => e.id !== entity.id);
  for (const key of spec.unique ?? []) {
    // A key whose first field is unset is not checked; the other fields of a composite key
    // (plugin scope) compare null as a value, as Kong's cache_key does.
    const values = key.map((f) => keyValue(entity[f]));
    if (values[0] === undefined) continue;
    if (others.some((o) => key.every((f, i) => keyValue(o[f]) === values[i]))) {
      const shown = values.filter((v) => v !== undefined).join(', ');
      details.push({ type: 'ERROR_TYPE_REFERENCE', field: key[0], messages: [`${key.join('_')} (type: unique) constraint failed for value '${shown}'`] });
    }
  }
  return details;
}

/**
 * Builds the entity a POST/PUT stores. `existing` is the stored entity on replace (PUT keeps
 * only its id and created_at: omitted fields return to their defaults).
 */
export function buildEntity(
  collection: string,
  id: string,
  body: unknown,
  record: ControlPlaneRecord,
  options: { existing?: Entity; parent?: { fk: string; id: string }; now: number },
): Entity {
  const spec = entitySpecs[collection];
  if (!spec) throw validationError([{ type: 'ERROR_TYPE_ENTITY', messages: [`unknown entity ${collection}`] }]);
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw validationError([{ type: 'ERROR_TYPE_ENTITY', messages: ['request body must be a JSON object'] }]);
  }
  const input = { ...(body as Record<string, unknown>) };
  delete input.created_at;
  delete input.updated_at;
  if (options.parent) input[options.parent.fk] = { id: options.parent.id };
  const entity: Entity = { ...structuredClone(spec.defaults ?? {}), ...input, id };
  if (entity.tags === undefined) entity.tags = null;

  const details = checkShape(spec, entity);
  details.push(...(spec.normalize?.(entity) ?? []));
  if (details.length) throw validationError(details);
  const references = checkReferences(spec, entity, record);
  if (references.length) throw constraintError(references);
  const conflicts = checkUnique(spec, entity, record);
  if (conflicts.length) throw constraintError(conflicts);

  for (const f of Object.keys(spec.refs ?? {})) if (entity[f]) entity[f] = { id: refId(entity[f]) };
  for (const f of spec.writeOnly ?? []) delete entity[f];
  entity.created_at = options.existing?.created_at ?? options.now;
  if (!spec.noUpdatedAt) entity.updated_at = options.now;
  return entity;
}
