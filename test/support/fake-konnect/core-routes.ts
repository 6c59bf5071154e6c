// `/v2/control-planes/{cp}/core-entities/...`: flat and nested collections, PUT upsert, idempotent
// DELETE with cascades (and refusal while a restricting reference exists), offset pagination,
// tag and name filters, consumer group membership, and KIC control planes refusing writes.
import { randomUUID } from 'node:crypto';
import { constraintError, coreNotFound, FakeAnswer, kicForbidden, validationError } from './bodies.ts';
import { entitySpecs, nestedCollections, readOnlyCollections, type Entity } from './entity-specs.ts';
import type { ControlPlaneRecord } from './store.ts';
import { buildEntity, isUuid } from './validate.ts';

export interface CoreRequest {
  method: string;
  /** Segments after `core-entities/`. */
  segments: string[];
  query: URLSearchParams;
  body: unknown;
  record: ControlPlaneRecord;
  /** Path of the request without query (for `next`). */
  path: string;
  nextSeq: () => number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const methodNotAllowed = () => new FakeAnswer(405, { message: 'Method not allowed' });

/** Resolved target: collection, optional parent restriction, optional item id. */
interface Target {
  collection: string;
  parent?: { fk: string; id: string; collection: string };
  id?: string;
  readOnly?: boolean;
}

function resolve(segments: string[]): Target | 'membership' | undefined {
  const [a, b, c, d, ...rest] = segments;
  if (!a || rest.length) return undefined;
  if (c === undefined) {
    if (entitySpecs[a]) return { collection: a, id: b, readOnly: a in readOnlyCollections };
    return undefined;
  }
  if ((a === 'consumer_groups' && c === 'consumers') || (a === 'consumers' && c === 'consumer_groups')) return 'membership';
  const nested = nestedCollections[a]?.[c];
  if (!nested || !b) return undefined;
  return { collection: nested.collection, parent: { fk: nested.fk, id: b, collection: a }, id: d };
}

export function handleCoreEntities(req: CoreRequest): FakeAnswer {
  const target = resolve(req.segments);
  if (target === undefined) return new FakeAnswer(404, { message: 'Not found' });
  const write = req.method !== 'GET';
  if (write && req.record.cp.config.cluster_type === 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER') return kicForbidden();
  if (target === 'membership') return handleMembership(req);
  const map = req.record.collection(target.collection);
  if (target.readOnly && write) return methodNotAllowed();
  if (target.readOnly && target.id && !readOnlyCollections[target.collection]?.items) return new FakeAnswer(404, { message: 'Not found' });

  const belongs = (e: Entity | undefined): e is Entity =>
    !!e && (!target.parent || (e[target.parent.fk] as { id?: string } | null)?.id === target.parent.id);

  if (target.id === undefined) {
    if (req.method === 'GET') {
      if (target.parent && !req.record.collection(target.parent.collection).has(target.parent.id)) return coreNotFound();
      return list(req, target.collection, [...map.values()].filter(belongs));
    }
    if (req.method !== 'POST') return methodNotAllowed();
    const bodyId = (req.body as { id?: unknown } | null)?.id;
    if (bodyId !== undefined && !isUuid(bodyId)) return validationError([{ type: 'ERROR_TYPE_FIELD', field: 'id', messages: ['expected a valid UUID'] }]);
    const id = (bodyId as string | undefined) ?? randomUUID();
    if (map.has(id)) return constraintError([{ type: 'ERROR_TYPE_REFERENCE', field: 'id', messages: [`id (type: unique) constraint failed for value '${id}'`] }]);
    const entity = buildEntity(target.collection, id, req.body, req.record, { parent: target.parent, now: nowSeconds() });
    store(req, target.collection, entity);
    return new FakeAnswer(201, entity);
  }

  const existing = map.get(target.id);
  switch (req.method) {
    case 'GET':
      if (!belongs(existing)) return coreNotFound();
      return new FakeAnswer(200, target.collection === 'consumer_groups' ? { consumer_group: existing } : existing);
    case 'PUT': {
      if (!isUuid(target.id)) return validationError([{ type: 'ERROR_TYPE_FIELD', field: 'id', messages: ['expected a valid UUID'] }]);
      if (existing && !belongs(existing)) return coreNotFound();
      const entity = buildEntity(target.collection, target.id, req.body, req.record, { existing, parent: target.parent, now: nowSeconds() });
      store(req, target.collection, entity);
      return new FakeAnswer(200, entity);
    }
    case 'DELETE':
      if (existing && belongs(existing)) deleteWithCascade(req.record, target.collection, target.id);
      return new FakeAnswer(204, undefined);
    default:
      return methodNotAllowed();
  }
}

function store(req: CoreRequest, collection: string, entity: Entity): void {
  const map = req.record.collection(collection);
  if (!map.has(entity.id)) req.record.entitySeq.set(entity.id, req.nextSeq());
  map.set(entity.id, entity);
}

const encodeOffset = (seq: number) => Buffer.from(JSON.stringify({ after: seq })).toString('base64url');
function decodeOffset(offset: string): number | undefined {
  try {
    const after = (JSON.parse(Buffer.from(offset, 'base64url').toString()) as { after?: unknown }).after;
    return typeof after === 'number' ? after : undefined;
  } catch {
    return undefined;
  }
}

function matchesTags(entity: Entity, expression: string): boolean {
  const tags = Array.isArray(entity.tags) ? (entity.tags as string[]) : [];
  if (expression.includes('/')) return expression.split('/').some((t) => tags.includes(t));
  return expression.split(',').every((t) => tags.includes(t));
}

function list(req: CoreRequest, collection: string, entities: Entity[]): FakeAnswer {
  const q = req.query;
  const sizeText = q.get('size');
  const size = sizeText === null ? 100 : Number(sizeText);
  if (!Number.isInteger(size) || size < 1 || size > 1000) {
    return validationError([{ type: 'ERROR_TYPE_FIELD', field: 'size', messages: ['size must be an integer between 1 and 1000'] }]);
  }
  const offsetText = q.get('offset');
  const after = offsetText ? decodeOffset(offsetText) : 0;
  if (after === undefined) return validationError([{ type: 'ERROR_TYPE_FIELD', field: 'offset', messages: ['invalid offset'] }]);
  const tags = q.get('tags');
  const nameEq = q.get('filter[name][eq]');
  const nameContains = q.get('filter[name][contains]');
  const customId = collection === 'consumers' ? q.get('custom_id') : null;
  const seqOf = (e: Entity) => req.record.entitySeq.get(e.id) ?? 0;
  const matching = entities
    .filter((e) => (tags ? matchesTags(e, tags) : true))
    .filter((e) => (nameEq !== null ? e.name === nameEq : true))
    .filter((e) => (nameContains !== null ? typeof e.name === 'string' && e.name.includes(nameContains) : true))
    .filter((e) => (customId !== null ? e.custom_id === customId : true))
    .filter((e) => seqOf(e) > after)
    .sort((a, b) => seqOf(a) - seqOf(b));
  const data = matching.slice(0, size);
  const last = data.at(-1);
  if (matching.length <= size || !last) return new FakeAnswer(200, { data, next: null });
  const offset = encodeOffset(seqOf(last));
  const params = new URLSearchParams(q);
  params.set('offset', offset);
  return new FakeAnswer(200, { data, next: `${req.path}?${params.toString()}`, offset });
}

/** Deletes an entity and what cascades with it; refuses while a restricting reference remains. */
export function deleteWithCascade(record: ControlPlaneRecord, collection: string, id: string): void {
  const doomed = new Map<string, Set<string>>();
  const mark = (col: string, entityId: string) => {
    const set = doomed.get(col) ?? new Set<string>();
    if (set.has(entityId)) return;
    set.add(entityId);
    doomed.set(col, set);
    for (const [other, spec] of Object.entries(entitySpecs)) {
      for (const [field, ref] of Object.entries(spec.refs ?? {})) {
        if (ref.collection !== col || ref.onDelete !== 'cascade') continue;
        for (const e of record.collection(other).values()) if ((e[field] as { id?: string } | null)?.id === entityId) mark(other, e.id);
      }
    }
  };
  mark(collection, id);
  for (const [other, spec] of Object.entries(entitySpecs)) {
    for (const [field, ref] of Object.entries(spec.refs ?? {})) {
      if (ref.onDelete !== 'restrict') continue;
      const targets = doomed.get(ref.collection);
      if (!targets) continue;
      const blocker = [...record.collection(other).values()].find((e) => targets.has((e[field] as { id?: string } | null)?.id ?? '') && !doomed.get(other)?.has(e.id));
      if (blocker) {
        throw constraintError([{ type: 'ERROR_TYPE_REFERENCE', field, messages: [`an existing '${other}' entity references this '${ref.collection}' entity (${field} (type: foreign) constraint failed for value '${blocker.id}')`] }]);
      }
    }
  }
  for (const [col, ids] of doomed) for (const entityId of ids) record.collection(col).delete(entityId);
  for (const pair of [...record.consumerGroupMembers]) {
    const [groupId, consumerId] = pair.split('/');
    if (doomed.get('consumer_groups')?.has(groupId ?? '') || doomed.get('consumers')?.has(consumerId ?? '')) record.consumerGroupMembers.delete(pair);
  }
}

function handleMembership(req: CoreRequest): FakeAnswer {
  const [a, ownerId = '', , memberId] = req.segments;
  const groups = req.record.collection('consumer_groups');
  const consumers = req.record.collection('consumers');
  const pairs = [...req.record.consumerGroupMembers].map((p) => p.split('/') as [string, string]);
  if (a === 'consumers') {
    if (!consumers.has(ownerId)) return coreNotFound();
    if (req.method === 'GET') return list(req, 'consumer_groups', pairs.filter(([, c]) => c === ownerId).map(([g]) => groups.get(g)!).filter(Boolean));
    if (req.method === 'DELETE' && memberId) {
      req.record.consumerGroupMembers.delete(`${memberId}/${ownerId}`);
      return new FakeAnswer(204, undefined);
    }
    return methodNotAllowed();
  }
  const group = groups.get(ownerId);
  if (!group) return coreNotFound();
  if (req.method === 'GET' && !memberId) return list(req, 'consumers', pairs.filter(([g]) => g === ownerId).map(([, c]) => consumers.get(c)!).filter(Boolean));
  if (req.method === 'DELETE' && memberId) {
    req.record.consumerGroupMembers.delete(`${ownerId}/${memberId}`);
    return new FakeAnswer(204, undefined);
  }
  if (req.method === 'POST' && !memberId) {
    const consumerId = (req.body as { consumer?: unknown } | null)?.consumer;
    if (typeof consumerId !== 'string' || !consumerId) return validationError([{ type: 'ERROR_TYPE_FIELD', field: 'consumer', messages: ['required field missing'] }]);
    if (!consumers.has(consumerId)) {
      return constraintError([{ type: 'ERROR_TYPE_REFERENCE', field: 'consumer', messages: [`consumer (type: foreign) constraint failed for value '${consumerId}': no such consumers entity`] }]);
    }
    const key = `${ownerId}/${consumerId}`;
    if (req.record.consumerGroupMembers.has(key)) {
      return constraintError([{ type: 'ERROR_TYPE_REFERENCE', field: 'consumer', messages: [`consumer_group_consumer (type: unique) constraint failed for value '${consumerId}'`] }]);
    }
    req.record.consumerGroupMembers.add(key);
    const members = [...req.record.consumerGroupMembers].filter((p) => p.startsWith(`${ownerId}/`)).map((p) => consumers.get(p.split('/')[1]!)).filter(Boolean);
    return new FakeAnswer(201, { consumer_group: group, consumers: members });
  }
  return methodNotAllowed();
}
