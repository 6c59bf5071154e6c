// In-memory Konnect state: organisations by token, control planes, their core entities (one
// insertion-ordered map per collection, with a sequence number for stable offsets), consumer
// group memberships, control-plane group members and DP certificates.
import type { Entity } from './entity-specs.ts';

export interface ControlPlaneJson {
  id: string;
  name: string;
  description: string;
  labels: Record<string, string>;
  config: {
    control_plane_endpoint: string;
    telemetry_endpoint: string;
    cluster_type: string;
    auth_type: string;
    cloud_gateway: boolean;
    proxy_urls: { host: string; port: number; protocol: string }[];
  };
  created_at: string;
  updated_at: string;
}

export interface DpCertificate {
  id: string;
  cert: string;
  title?: string;
  created_at: number;
  updated_at: number;
}

export interface Organization {
  id: string;
  name: string;
  owner_id: string;
  login_path: string;
  state: 'active';
  retention_period_days: number;
  created_at: string;
  updated_at: string;
}

export class ControlPlaneRecord {
  cp: ControlPlaneJson;
  readonly orgId: string;
  readonly seq: number;
  readonly collections = new Map<string, Map<string, Entity>>();
  readonly entitySeq = new Map<string, number>();
  /** `${consumerGroupId}/${consumerId}` pairs. */
  readonly consumerGroupMembers = new Set<string>();
  /** Members, when this control plane is a group. */
  readonly groupMembers = new Set<string>();
  readonly dpCertificates = new Map<string, DpCertificate>();

  constructor(cp: ControlPlaneJson, orgId: string, seq: number) {
    this.cp = cp;
    this.orgId = orgId;
    this.seq = seq;
  }

  collection(name: string): Map<string, Entity> {
    let map = this.collections.get(name);
    if (!map) {
      map = new Map();
      this.collections.set(name, map);
    }
    return map;
  }
}

const clone = <T>(value: T): T => structuredClone(value);

export class FakeKonnectState {
  readonly organizations = new Map<string, Organization>();
  readonly controlPlanes = new Map<string, ControlPlaneRecord>();
  private seq = 0;

  nextSeq(): number {
    return ++this.seq;
  }

  /** Control planes visible to an organisation, in creation order. */
  controlPlanesOf(orgId: string): ControlPlaneRecord[] {
    return [...this.controlPlanes.values()].filter((r) => r.orgId === orgId).sort((a, b) => a.seq - b.seq);
  }

  // ---- views for test assertions (copies, never live objects) ----

  listControlPlanes(): ControlPlaneJson[] {
    return [...this.controlPlanes.values()].map((r) => clone(r.cp));
  }

  controlPlane(id: string): ControlPlaneJson | undefined {
    const record = this.controlPlanes.get(id);
    return record && clone(record.cp);
  }

  /** Stored entities of a collection (`services`, `routes`, `basic-auths`, ...) in creation order. */
  entities(controlPlaneId: string, collection: string): Entity[] {
    const record = this.controlPlanes.get(controlPlaneId);
    return record ? [...record.collection(collection).values()].map(clone) : [];
  }

  entity(controlPlaneId: string, collection: string, id: string): Entity | undefined {
    const found = this.controlPlanes.get(controlPlaneId)?.collection(collection).get(id);
    return found && clone(found);
  }

  /** Entities of a collection carrying a tag (e.g. `k8s-uid:<uid>`). */
  entitiesWithTag(controlPlaneId: string, collection: string, tag: string): Entity[] {
    return this.entities(controlPlaneId, collection).filter((e) => Array.isArray(e.tags) && e.tags.includes(tag));
  }

  /** Number of entities per collection in a control plane (empty collections omitted). */
  counts(controlPlaneId: string): Record<string, number> {
    const record = this.controlPlanes.get(controlPlaneId);
    const out: Record<string, number> = {};
    for (const [name, map] of record?.collections ?? []) if (map.size) out[name] = map.size;
    return out;
  }

  consumerGroupMembers(controlPlaneId: string): { consumerGroupId: string; consumerId: string }[] {
    return [...(this.controlPlanes.get(controlPlaneId)?.consumerGroupMembers ?? [])].map((pair) => {
      const [consumerGroupId = '', consumerId = ''] = pair.split('/');
      return { consumerGroupId, consumerId };
    });
  }

  groupMembers(groupId: string): string[] {
    return [...(this.controlPlanes.get(groupId)?.groupMembers ?? [])].sort();
  }

  dpCertificates(controlPlaneId: string): DpCertificate[] {
    return [...(this.controlPlanes.get(controlPlaneId)?.dpCertificates.values() ?? [])].map(clone);
  }

  /** Simulates a change made in the Konnect UI (drift): merges `patch` into a stored entity. */
  patchEntity(controlPlaneId: string, collection: string, id: string, patch: Record<string, unknown>): Entity {
    const map = this.controlPlanes.get(controlPlaneId)?.collection(collection);
    const current = map?.get(id);
    if (!map || !current) throw new Error(`no ${collection} ${id} in control plane ${controlPlaneId}`);
    const next = { ...current, ...patch, id, updated_at: Math.floor(Date.now() / 1000) } as Entity;
    map.set(id, next);
    return clone(next);
  }

  /** Removes an entity behind the client's back (e.g. deleted in the UI). */
  removeEntity(controlPlaneId: string, collection: string, id: string): boolean {
    return this.controlPlanes.get(controlPlaneId)?.collection(collection).delete(id) ?? false;
  }
}
