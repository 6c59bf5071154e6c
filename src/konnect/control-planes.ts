// Konnect platform APIs for control planes: CRUD (PATCH to update; cluster_type and
// cloud_gateway are immutable), page-number pagination, label lookup for adoption, and
// control-plane group memberships (cursor pagination).
import { KonnectConflictError, KonnectNetworkError, KonnectNotFoundError, KonnectServerError } from './errors.ts';
import type { KonnectTransport, QueryValue } from './transport.ts';

export type ClusterType =
  | 'CLUSTER_TYPE_CONTROL_PLANE'
  | 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER'
  | 'CLUSTER_TYPE_CONTROL_PLANE_GROUP'
  | 'CLUSTER_TYPE_SERVERLESS'
  | 'CLUSTER_TYPE_KAFKA_NATIVE_EVENT_PROXY'
  | 'CLUSTER_TYPE_SERVERLESS_V1'
  | (string & {});

export type AuthType = 'pinned_client_certs' | 'pki_client_certs';

export interface ProxyURL {
  host: string;
  port: number;
  protocol: string;
}

export interface ControlPlane {
  id: string;
  name: string;
  description: string;
  labels: Record<string, string>;
  config: {
    control_plane_endpoint: string;
    telemetry_endpoint: string;
    cluster_type: ClusterType;
    auth_type: AuthType;
    cloud_gateway: boolean;
    proxy_urls: ProxyURL[];
  };
  created_at: string;
  updated_at: string;
}

export interface CreateControlPlaneRequest {
  name: string;
  description?: string;
  cluster_type?: ClusterType;
  auth_type?: AuthType;
  cloud_gateway?: boolean;
  proxy_urls?: ProxyURL[];
  labels?: Record<string, string>;
}

export type UpdateControlPlaneRequest = Partial<Pick<CreateControlPlaneRequest, 'name' | 'description' | 'auth_type' | 'proxy_urls' | 'labels'>>;

export interface ControlPlaneFilter {
  id?: string;
  name?: string;
  nameContains?: string;
  clusterType?: ClusterType;
  /** `labels=key:value,...`; a bare key checks existence. */
  labels?: Record<string, string | true>;
}

export interface ControlPlanePage {
  data: ControlPlane[];
  page: { number: number; size: number; total: number };
}

export class ControlPlanesClient {
  private readonly transport: KonnectTransport;

  constructor(transport: KonnectTransport) {
    this.transport = transport;
  }

  async create(body: CreateControlPlaneRequest): Promise<ControlPlane> {
    return (await this.call<ControlPlane>('POST', '/v2/control-planes', 'create', { body })).body;
  }

  async get(id: string): Promise<ControlPlane> {
    return (await this.call<ControlPlane>('GET', cpPath(id), 'get')).body;
  }

  /** Undefined instead of KonnectNotFoundError. */
  async find(id: string): Promise<ControlPlane | undefined> {
    try {
      return await this.get(id);
    } catch (error) {
      if (error instanceof KonnectNotFoundError) return undefined;
      throw error;
    }
  }

  async update(id: string, body: UpdateControlPlaneRequest): Promise<ControlPlane> {
    return (await this.call<ControlPlane>('PATCH', cpPath(id), 'update', { body })).body;
  }

  /** True when deleted, false when it was already gone (404). */
  async delete(id: string): Promise<boolean> {
    try {
      await this.call('DELETE', cpPath(id), 'delete');
      return true;
    } catch (error) {
      if (error instanceof KonnectNotFoundError) return false;
      throw error;
    }
  }

  async listPage(options: { pageSize?: number; pageNumber?: number; filter?: ControlPlaneFilter } = {}): Promise<ControlPlanePage> {
    const f = options.filter ?? {};
    const query: Record<string, QueryValue> = {
      'page[size]': options.pageSize,
      'page[number]': options.pageNumber,
      'filter[id][eq]': f.id,
      'filter[name][eq]': f.name,
      'filter[name][contains]': f.nameContains,
      'filter[cluster_type][eq]': f.clusterType,
      labels: f.labels ? Object.entries(f.labels).map(([k, v]) => (v === true ? k : `${k}:${v}`)).join(',') : undefined,
    };
    const res = await this.call<{ data?: ControlPlane[]; meta?: { page?: Partial<ControlPlanePage['page']> } }>('GET', '/v2/control-planes', 'list', { query });
    const page = res.body?.meta?.page ?? {};
    const data = res.body?.data ?? [];
    return { data, page: { number: page.number ?? options.pageNumber ?? 1, size: page.size ?? data.length, total: page.total ?? data.length } };
  }

  /** Every control plane matching the filter, across all pages. */
  async *listAll(options: { pageSize?: number; filter?: ControlPlaneFilter } = {}): AsyncGenerator<ControlPlane> {
    let seen = 0;
    for (let number = 1; ; number++) {
      const page = await this.listPage({ ...options, pageNumber: number });
      yield* page.data;
      seen += page.data.length;
      if (page.data.length === 0 || seen >= page.page.total) return;
    }
  }

  /** The control plane labelled `k8s-uid=<uid>` (adoption after a 409 or a lost answer). */
  async findByUid(uid: string): Promise<ControlPlane | undefined> {
    const found: ControlPlane[] = [];
    for await (const cp of this.listAll({ filter: { labels: { 'k8s-uid': uid } } })) found.push(cp);
    if (found.length > 1) throw new Error(`multiple control planes with label k8s-uid:${uid} found on Konnect: ${found.map((c) => c.id).join(', ')}`);
    return found[0];
  }

  /** POST, adopting by the `k8s-uid` label on a 409, a lost answer or a 5xx (see EntityClient.createOrAdopt). */
  async createOrAdopt(uid: string, body: CreateControlPlaneRequest): Promise<{ controlPlane: ControlPlane; adopted: boolean }> {
    if (body.labels?.['k8s-uid'] !== uid) throw new Error(`control plane: createOrAdopt needs the label k8s-uid=${uid} in the body`);
    try {
      return { controlPlane: await this.create(body), adopted: false };
    } catch (error) {
      if (!(error instanceof KonnectConflictError || error instanceof KonnectNetworkError || error instanceof KonnectServerError)) throw error;
      const existing = await this.findByUid(uid);
      if (existing) return { controlPlane: existing, adopted: true };
      throw error;
    }
  }

  /** Replaces the members of a control plane group (KGO sends them sorted by id). */
  async setGroupMembers(groupId: string, memberIds: string[]): Promise<void> {
    const members = [...memberIds].sort().map((id) => ({ id }));
    await this.call('PUT', `${cpPath(groupId)}/group-memberships`, 'update', { body: { members }, entity: 'control plane group membership' });
  }

  async addGroupMembers(groupId: string, memberIds: string[]): Promise<void> {
    await this.call('POST', `${cpPath(groupId)}/group-memberships/add`, 'add', { body: { members: memberIds.map((id) => ({ id })) }, entity: 'control plane group membership' });
  }

  async removeGroupMembers(groupId: string, memberIds: string[]): Promise<void> {
    await this.call('POST', `${cpPath(groupId)}/group-memberships/remove`, 'remove', { body: { members: memberIds.map((id) => ({ id })) }, entity: 'control plane group membership' });
  }

  /** Every member of a group (cursor pagination with `page[after]`). */
  async listGroupMembers(groupId: string, pageSize?: number): Promise<ControlPlane[]> {
    const members: ControlPlane[] = [];
    let after: string | undefined;
    do {
      const res = await this.call<{ data?: ControlPlane[]; meta?: { page?: { next?: string | null } } }>('GET', `${cpPath(groupId)}/group-memberships`, 'list', {
        query: { 'page[size]': pageSize, 'page[after]': after },
        entity: 'control plane group membership',
      });
      members.push(...(res.body?.data ?? []));
      const next = res.body?.meta?.page?.next;
      after = next ? (new URL(next, 'http://x').searchParams.get('page[after]') ?? undefined) : undefined;
    } while (after);
    return members;
  }

  async isGroupMember(id: string): Promise<boolean> {
    return (await this.call<{ is_member: boolean }>('GET', `${cpPath(id)}/group-member-status`, 'get', { entity: 'control plane group member status' })).body.is_member;
  }

  private call<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, action: string, extra: { body?: unknown; query?: Record<string, QueryValue>; entity?: string } = {}) {
    return this.transport.request<T>({ method, path, action, entity: extra.entity ?? 'control plane', body: extra.body, query: extra.query });
  }
}

function cpPath(id: string): string {
  if (!id) throw new Error('control plane id is required');
  return `/v2/control-planes/${encodeURIComponent(id)}`;
}
