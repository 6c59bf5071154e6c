// Object storage with kube-apiserver's write semantics: one global resourceVersion counter,
// optimistic concurrency, generation, finalizers, the status subresource, no-op updates.
import { randomUUID } from 'node:crypto';
import { EventHistory, matches, type EventType, type WatchFilter, type WatchSink } from './history.ts';
import type { KubeObject } from './selectors.ts';
import type { ResourceType } from './resources.ts';
import { renderManagedFields, serverSideApply, type Ownership } from './apply.ts';
import { ApiError, alreadyExists, badRequest, conflict, gone, invalid, notFound, statusObject } from './status.ts';

export type Subresource = 'status' | undefined;

export const typeKeyOf = (type: ResourceType) => `${type.group}/${type.plural}`;
const objectKeyOf = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;
export const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const generateAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** Everything that is not metadata (nor status, when status has its own subresource). */
function specOf(type: ResourceType, obj: KubeObject): string {
  const { metadata: _m, status, apiVersion: _a, kind: _k, ...rest } = obj;
  return JSON.stringify(type.status ? rest : { ...rest, status });
}

function withoutVolatile(obj: KubeObject): string {
  const { resourceVersion: _rv, managedFields: _mf, ...metadata } = obj.metadata;
  return JSON.stringify({ ...obj, metadata });
}

function sameOwnership(a: Ownership, b: Ownership | undefined): boolean {
  if (!b || a.size !== b.size) return false;
  for (const [manager, set] of a) {
    const other = b.get(manager);
    if (!other || other.size !== set.size || [...set].some((p) => !other.has(p))) return false;
  }
  return true;
}

const matchesFilter = (filter: Omit<WatchFilter, 'typeKey'>, obj: KubeObject) => matches({ typeKey: '', ...filter }, obj);

export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export class ObjectStore {
  private rv = 0;
  private readonly buckets = new Map<string, Map<string, KubeObject>>();
  private readonly owners = new Map<string, Ownership>();
  readonly history: EventHistory;
  /** Extra validation (e.g. kongward's engine): return causes to answer 422 Invalid. */
  validate?: (type: ResourceType, object: KubeObject, old: KubeObject | undefined) => { field: string; type: string; message: string }[];

  constructor(historyLimit: number) {
    this.history = new EventHistory(historyLimit);
  }

  get currentRv(): number {
    return this.rv;
  }

  private bucket(type: ResourceType): Map<string, KubeObject> {
    const key = typeKeyOf(type);
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new Map()));
    return bucket;
  }

  private ref(type: ResourceType, name: string) {
    return { plural: type.plural, group: type.group, name };
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const found = this.bucket(type).get(objectKeyOf(namespace, name));
    if (!found) throw notFound(this.ref(type, name));
    return found;
  }

  find(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.bucket(type).get(objectKeyOf(namespace, name));
  }

  list(type: ResourceType, filter: Omit<WatchFilter, 'typeKey'>, limit?: number, continueToken?: string): ListPage {
    let listRv = this.rv;
    let after = '';
    if (continueToken) {
      let token: { rv: number; key: string };
      try {
        token = JSON.parse(Buffer.from(continueToken, 'base64url').toString()) as { rv: number; key: string };
      } catch {
        throw badRequest('continue key is not valid: invalid continue token');
      }
      if (this.history.isExpired(token.rv)) {
        throw gone('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
      }
      listRv = token.rv;
      after = token.key;
    }
    const bucket = this.bucket(type);
    const keys = [...bucket.keys()].filter((k) => k > after && matchesFilter(filter, bucket.get(k)!)).sort();
    const end = limit !== undefined && limit > 0 ? Math.min(limit, keys.length) : keys.length;
    const page: ListPage = { items: keys.slice(0, end).map((k) => bucket.get(k)!), resourceVersion: String(listRv) };
    if (end < keys.length) {
      page.continue = Buffer.from(JSON.stringify({ rv: listRv, key: keys[end - 1] })).toString('base64url');
      page.remainingItemCount = keys.length - end;
    }
    return page;
  }

  watch(type: ResourceType, filter: Omit<WatchFilter, 'typeKey'>, resourceVersion: string | undefined, sink: WatchSink): (() => void) | 'expired' {
    const full: WatchFilter = { typeKey: typeKeyOf(type), ...filter };
    if (!resourceVersion || resourceVersion === '0') {
      const initial = this.list(type, filter).items;
      for (const obj of initial) sink('ADDED', obj);
      return this.history.subscribe(full, undefined, sink);
    }
    const from = Number(resourceVersion);
    if (!/^\d+$/.test(resourceVersion)) throw badRequest(`invalid resource version "${resourceVersion}"`);
    if (this.history.isExpired(from)) return 'expired';
    return this.history.subscribe(full, from, sink);
  }

  private emit(type: ResourceType, event: EventType, object: KubeObject, previous?: KubeObject): void {
    this.history.record({ rv: this.rv, typeKey: typeKeyOf(type), type: event, object, ...(previous ? { previous } : {}) });
  }

  private check(type: ResourceType, object: KubeObject, old: KubeObject | undefined): void {
    const name = object.metadata.name ?? '';
    const causes: { field: string; type: string; message: string }[] = [];
    if (!dns1123Subdomain.test(name) || name.length > 253) {
      causes.push({ field: 'metadata.name', type: 'FieldValueInvalid', message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')` });
    }
    causes.push(...(this.validate?.(type, object, old) ?? []));
    if (causes.length > 0) throw invalid(type.kind, this.ref(type, name), causes);
  }

  create(type: ResourceType, namespace: string | undefined, body: KubeObject, ownership?: Ownership): KubeObject {
    if (!body || typeof body !== 'object' || typeof body.metadata !== 'object' || body.metadata === null) throw badRequest('Object is missing metadata');
    const metadata = { ...body.metadata };
    if (type.namespaced) {
      if (metadata.namespace !== undefined && metadata.namespace !== '' && metadata.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      metadata.namespace = namespace;
    } else {
      delete metadata.namespace;
    }
    if (!metadata.name) {
      const prefix = typeof metadata.generateName === 'string' ? metadata.generateName : '';
      if (!prefix) {
        throw invalid(type.kind, this.ref(type, ''), [{ field: 'metadata.name', type: 'FieldValueRequired', message: 'Required value: name or generateName is required' }]);
      }
      do {
        metadata.name = prefix + Array.from({ length: 5 }, () => generateAlphabet[Math.floor(Math.random() * generateAlphabet.length)]).join('');
      } while (this.find(type, namespace, metadata.name));
    }
    const name = metadata.name;
    if (this.find(type, type.namespaced ? namespace : undefined, name)) throw alreadyExists(this.ref(type, name));
    for (const key of ['deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'resourceVersion']) delete metadata[key];
    const object: KubeObject = { ...body, metadata };
    if (type.status) delete object.status;
    if (type.kind === 'Namespace') object.status = { phase: 'Active' };
    this.check(type, object, undefined);
    this.rv++;
    metadata.uid = randomUUID();
    metadata.creationTimestamp = now();
    metadata.resourceVersion = String(this.rv);
    if (type.generation) metadata.generation = 1;
    const key = objectKeyOf(metadata.namespace, name);
    if (ownership) {
      this.owners.set(`${typeKeyOf(type)}|${key}`, ownership);
      metadata.managedFields = renderManagedFields(ownership, String(object.apiVersion), now());
    }
    this.bucket(type).set(key, object);
    this.emit(type, 'ADDED', object);
    return object;
  }

  /** PUT semantics: optimistic concurrency on metadata.resourceVersion, status/spec split. */
  update(type: ResourceType, namespace: string | undefined, name: string, body: KubeObject, subresource: Subresource, ownership?: Ownership): KubeObject {
    if (!body || typeof body !== 'object' || typeof body.metadata !== 'object' || body.metadata === null) throw badRequest('Object is missing metadata');
    if (body.metadata.name !== undefined && body.metadata.name !== name) {
      throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
    }
    const old = this.get(type, namespace, name);
    const rv = body.metadata.resourceVersion;
    if (rv === undefined || rv === '') {
      if (!type.unconditionalUpdate) {
        throw invalid(type.kind, this.ref(type, name), [{ field: 'metadata.resourceVersion', type: 'FieldValueInvalid', message: 'Invalid value: 0x0: must be specified for an update' }]);
      }
    } else if (rv !== old.metadata.resourceVersion) {
      throw conflict(this.ref(type, name));
    }
    let next: KubeObject;
    if (subresource === 'status') {
      next = { ...old, status: body.status };
      if (body.status === undefined) delete next.status;
    } else {
      next = { ...body, apiVersion: old.apiVersion, kind: old.kind };
      if (type.status) {
        if (old.status === undefined) delete next.status;
        else next.status = old.status;
      }
      const immutable = ['uid', 'creationTimestamp', 'namespace', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'];
      const metadata: Record<string, unknown> = { ...body.metadata, name };
      for (const key of immutable) {
        if (old.metadata[key] === undefined) delete metadata[key];
        else metadata[key] = old.metadata[key];
      }
      next.metadata = metadata as KubeObject['metadata'];
      const before = new Set((old.metadata.finalizers as string[] | undefined) ?? []);
      const added = ((metadata.finalizers as string[] | undefined) ?? []).filter((f) => !before.has(f));
      if (old.metadata.deletionTimestamp && added.length > 0) {
        throw invalid(type.kind, this.ref(type, name), [{ field: 'metadata.finalizers', type: 'FieldValueForbidden', message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}` }]);
      }
    }
    return this.commit(type, old, next, ownership);
  }

  private commit(type: ResourceType, old: KubeObject, next: KubeObject, ownership?: Ownership): KubeObject {
    const key = objectKeyOf(old.metadata.namespace, old.metadata.name!);
    const ownersKey = `${typeKeyOf(type)}|${key}`;
    next.metadata = { ...next.metadata, managedFields: old.metadata.managedFields };
    if (next.metadata.managedFields === undefined) delete next.metadata.managedFields;
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    if (type.generation && specOf(type, next) !== specOf(type, old)) next.metadata.generation = Number(old.metadata.generation ?? 0) + 1;
    const ownershipChanged = ownership !== undefined && !sameOwnership(ownership, this.owners.get(ownersKey));
    if (withoutVolatile(next) === withoutVolatile(old) && !ownershipChanged) return old;
    this.check(type, next, old);
    if (ownershipChanged) {
      this.owners.set(ownersKey, ownership);
      next.metadata.managedFields = renderManagedFields(ownership, String(next.apiVersion), now());
    }
    this.rv++;
    next.metadata.resourceVersion = String(this.rv);
    const finalizers = (next.metadata.finalizers as string[] | undefined) ?? [];
    if (next.metadata.deletionTimestamp && finalizers.length === 0) {
      this.bucket(type).delete(key);
      this.owners.delete(ownersKey);
      this.emit(type, 'DELETED', next);
      return next;
    }
    this.bucket(type).set(key, next);
    this.emit(type, 'MODIFIED', next, old);
    return next;
  }

  /** Applies a computed patch result: same rules as update, the stored object is the base. */
  patched(type: ResourceType, old: KubeObject, candidate: KubeObject, subresource: Subresource, ownership?: Ownership): KubeObject {
    if (typeof candidate !== 'object' || candidate === null || typeof candidate.metadata !== 'object') throw badRequest('patch removed metadata');
    const body = { ...candidate, metadata: { ...candidate.metadata } };
    if (body.metadata.resourceVersion === undefined) body.metadata.resourceVersion = old.metadata.resourceVersion;
    return this.update(type, old.metadata.namespace, old.metadata.name!, body, subresource, ownership);
  }

  apply(type: ResourceType, namespace: string | undefined, name: string, config: KubeObject, manager: string, force: boolean, subresource: Subresource): KubeObject {
    if (typeof config !== 'object' || config === null) throw badRequest('apply patch must be an object');
    const metadata = { ...(config.metadata ?? {}), name };
    const body = { ...config, metadata } as KubeObject;
    const old = this.find(type, namespace, name);
    const ownersKey = `${typeKeyOf(type)}|${objectKeyOf(namespace, name)}`;
    const result = serverSideApply(old, body, manager, force, this.owners.get(ownersKey) ?? new Map(), this.ref(type, name));
    if (!old) {
      if (subresource) throw notFound(this.ref(type, name));
      return this.create(type, namespace, result.object as KubeObject, result.ownership);
    }
    return this.patched(type, old, result.object as KubeObject, subresource, result.ownership);
  }

  delete(type: ResourceType, namespace: string | undefined, name: string, preconditions?: { resourceVersion?: string; uid?: string }): KubeObject {
    const old = this.get(type, namespace, name);
    if (preconditions?.resourceVersion !== undefined && preconditions.resourceVersion !== old.metadata.resourceVersion) {
      throw new ApiError(statusObject(409, 'Conflict',
        `Operation cannot be fulfilled on ${type.group ? `${type.plural}.${type.group}` : type.plural} "${name}": the ResourceVersion in the precondition (${preconditions.resourceVersion}) does not match the ResourceVersion in record (${String(old.metadata.resourceVersion)}). The object might have been modified`,
        this.ref(type, name)));
    }
    if (preconditions?.uid !== undefined && preconditions.uid !== old.metadata.uid) {
      throw new ApiError(statusObject(409, 'Conflict',
        `Operation cannot be fulfilled on ${type.group ? `${type.plural}.${type.group}` : type.plural} "${name}": Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${String(old.metadata.uid)}`,
        this.ref(type, name)));
    }
    const finalizers = (old.metadata.finalizers as string[] | undefined) ?? [];
    const key = objectKeyOf(old.metadata.namespace, name);
    if (finalizers.length > 0) {
      if (old.metadata.deletionTimestamp) return old;
      this.rv++;
      const metadata: KubeObject['metadata'] = { ...old.metadata, deletionTimestamp: now(), deletionGracePeriodSeconds: 0, resourceVersion: String(this.rv) };
      if (type.generation) metadata.generation = Number(old.metadata.generation ?? 0) + 1;
      const next = { ...old, metadata };
      this.bucket(type).set(key, next);
      this.emit(type, 'MODIFIED', next, old);
      return next;
    }
    this.rv++;
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(this.rv) } };
    this.bucket(type).delete(key);
    this.owners.delete(`${typeKeyOf(type)}|${key}`);
    this.emit(type, 'DELETED', gone);
    return gone;
  }

  /** Compacts the event history: every older resourceVersion becomes `410 Expired`. */
  compact(): void {
    this.history.compact(this.rv);
  }
}
