// Generic CRUD over any core entity described by an EntityEndpoint: create (POST), upsert (PUT
// by id: create-or-replace), get, delete (a missing entity counts as deleted), list pages
// (`size` + opaque `offset`), walk all pages, and find by tag (adoption by `k8s-uid:<uid>`).
import { KonnectConflictError, KonnectNetworkError, KonnectNotFoundError, KonnectServerError } from './errors.ts';
import { collectionPath, itemPath, lookupPath, type EntityEndpoint, type EntityScope } from './endpoints.ts';
import type { KonnectTransport } from './transport.ts';

/** A core entity as Konnect returns it: always an id; the rest is the entity's own fields. */
export interface CoreEntity {
  id: string;
  tags?: string[] | null;
  created_at?: number;
  updated_at?: number;
  [field: string]: unknown;
}

export interface ListOptions {
  /** 1..1000, default 100 (Konnect's default). */
  size?: number;
  offset?: string;
  /** All of these tags (joined with `,`). */
  tags?: string[];
  /** Any of these tags (joined with `/`); ignored when `tags` is given. */
  anyTags?: string[];
  nameEquals?: string;
  nameContains?: string;
}

export interface EntityPage<T> {
  data: T[];
  /** Token for the next page; undefined on the last one. */
  offset?: string;
}

interface ListBody<T> {
  data?: T[];
  next?: string | null;
  offset?: string | null;
}

export class MultipleEntitiesError extends Error {
  readonly ids: string[];
  constructor(entity: string, tag: string, ids: string[]) {
    super(`multiple ${entity} entities with tag ${tag} found on Konnect: ${ids.join(', ')}`);
    this.name = 'MultipleEntitiesError';
    this.ids = ids;
  }
}

export const k8sUidTag = (uid: string) => `k8s-uid:${uid}`;

export class EntityClient<T extends CoreEntity = CoreEntity> {
  readonly endpoint: EntityEndpoint;
  private readonly transport: KonnectTransport;

  constructor(transport: KonnectTransport, endpoint: EntityEndpoint) {
    this.transport = transport;
    this.endpoint = endpoint;
  }

  async create(scope: EntityScope, body: Record<string, unknown>): Promise<T> {
    const res = await this.transport.request<unknown>({ method: 'POST', path: collectionPath(this.endpoint, scope), body, action: 'create', entity: this.endpoint.entity });
    return this.unwrap(res.body);
  }

  /** PUT: creates the entity under `id` when absent, replaces it whole otherwise. */
  async upsert(scope: EntityScope, id: string, body: Record<string, unknown>): Promise<T> {
    const res = await this.transport.request<unknown>({ method: 'PUT', path: itemPath(this.endpoint, scope, id), body, action: 'upsert', entity: this.endpoint.entity });
    return this.unwrap(res.body);
  }

  async get(scope: EntityScope, id: string): Promise<T> {
    const res = await this.transport.request<unknown>({ method: 'GET', path: itemPath(this.endpoint, scope, id), action: 'get', entity: this.endpoint.entity });
    return this.unwrap(res.body);
  }

  /** Undefined instead of KonnectNotFoundError. */
  async find(scope: EntityScope, id: string): Promise<T | undefined> {
    try {
      return await this.get(scope, id);
    } catch (error) {
      if (error instanceof KonnectNotFoundError) return undefined;
      throw error;
    }
  }

  /** Deletes; true when Konnect deleted something or answered 204, false on 404 (already gone). */
  async delete(scope: EntityScope, id: string): Promise<boolean> {
    try {
      await this.transport.request<unknown>({ method: 'DELETE', path: itemPath(this.endpoint, scope, id), action: 'delete', entity: this.endpoint.entity });
      return true;
    } catch (error) {
      if (error instanceof KonnectNotFoundError) return false;
      throw error;
    }
  }

  /** One page of the collection (the write collection, or `path` to list elsewhere). */
  async listPage(scope: EntityScope, options: ListOptions = {}, path = collectionPath(this.endpoint, scope)): Promise<EntityPage<T>> {
    const res = await this.transport.request<ListBody<T>>({
      method: 'GET',
      path,
      query: {
        size: options.size,
        offset: options.offset,
        tags: options.tags?.length ? options.tags.join(',') : options.anyTags?.length ? options.anyTags.join('/') : undefined,
        'filter[name][eq]': options.nameEquals,
        'filter[name][contains]': options.nameContains,
      },
      action: 'list',
      entity: this.endpoint.entity,
    });
    const data = res.body?.data ?? [];
    const offset = res.body?.offset && res.body.next !== null ? res.body.offset : undefined;
    return offset ? { data, offset } : { data };
  }

  /** Every entity across all pages. */
  async *listAll(scope: EntityScope, options: Omit<ListOptions, 'offset'> = {}, path?: string): AsyncGenerator<T> {
    let offset: string | undefined;
    do {
      const page = await this.listPage(scope, { ...options, offset }, path);
      yield* page.data;
      offset = page.offset;
    } while (offset);
  }

  async listAllArray(scope: EntityScope, options: Omit<ListOptions, 'offset'> = {}): Promise<T[]> {
    const all: T[] = [];
    for await (const entity of this.listAll(scope, options)) all.push(entity);
    return all;
  }

  /** Entities carrying every tag, looked up in the flat collection for nested kinds. */
  async findByTags(scope: EntityScope, tags: string[]): Promise<T[]> {
    const all: T[] = [];
    for await (const entity of this.listAll(scope, { tags }, lookupPath(this.endpoint, scope))) all.push(entity);
    return all;
  }

  /**
   * POST, adopting on an ambiguous or conflicting answer: a conflict (unique key taken), a lost
   * answer (network error) or a 5xx may all mean the entity already exists, so look it up by
   * its `k8s-uid` tag; found -> adopted, not found -> the original error (caller retries later).
   * The body must carry the `k8s-uid:<uid>` tag, or adoption could never find it.
   */
  async createOrAdopt(scope: EntityScope, uid: string, body: Record<string, unknown>): Promise<{ entity: T; adopted: boolean }> {
    const tag = k8sUidTag(uid);
    if (!Array.isArray(body.tags) || !body.tags.includes(tag)) throw new Error(`${this.endpoint.entity}: createOrAdopt needs the ${tag} tag in the body`);
    try {
      return { entity: await this.create(scope, body), adopted: false };
    } catch (error) {
      if (!(error instanceof KonnectConflictError || error instanceof KonnectNetworkError || error instanceof KonnectServerError)) throw error;
      const existing = await this.findByUid(scope, uid);
      if (existing) return { entity: existing, adopted: true };
      throw error;
    }
  }

  /** The one entity tagged `k8s-uid:<uid>` (adoption after a create conflict or a lost answer). */
  async findByUid(scope: EntityScope, uid: string): Promise<T | undefined> {
    const tag = k8sUidTag(uid);
    const found = await this.findByTags(scope, [tag]);
    if (found.length > 1) throw new MultipleEntitiesError(this.endpoint.entity, tag, found.map((e) => e.id));
    return found[0];
  }

  private unwrap(body: unknown): T {
    const key = this.endpoint.wrapKey;
    if (key && body && typeof body === 'object' && key in body) return (body as Record<string, unknown>)[key] as T;
    return body as T;
  }
}
