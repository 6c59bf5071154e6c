// Data-plane client certificates ("CP legacy" API): `{item}` / `{items, page}` bodies, no tags,
// no paging parameters. KGO never updates them (adoption compares the PEM text).
import { KonnectNotFoundError } from './errors.ts';
import type { KonnectTransport } from './transport.ts';

export interface DataPlaneClientCertificate {
  id: string;
  cert: string;
  title?: string;
  created_at?: number;
  updated_at?: number;
}

const ENTITY = 'data plane client certificate';

export class DataPlaneCertificatesClient {
  private readonly transport: KonnectTransport;

  constructor(transport: KonnectTransport) {
    this.transport = transport;
  }

  async create(controlPlaneId: string, body: { cert: string; title?: string }): Promise<DataPlaneClientCertificate> {
    const res = await this.transport.request<{ item: DataPlaneClientCertificate }>({ method: 'POST', path: basePath(controlPlaneId), body, action: 'create', entity: ENTITY });
    return res.body.item;
  }

  async get(controlPlaneId: string, id: string): Promise<DataPlaneClientCertificate> {
    const res = await this.transport.request<{ item: DataPlaneClientCertificate }>({ method: 'GET', path: itemPath(controlPlaneId, id), action: 'get', entity: ENTITY });
    return res.body.item;
  }

  async list(controlPlaneId: string): Promise<DataPlaneClientCertificate[]> {
    const res = await this.transport.request<{ items?: DataPlaneClientCertificate[] }>({ method: 'GET', path: basePath(controlPlaneId), action: 'list', entity: ENTITY });
    return res.body?.items ?? [];
  }

  /** True when deleted, false when it was already gone (404). */
  async delete(controlPlaneId: string, id: string): Promise<boolean> {
    try {
      await this.transport.request({ method: 'DELETE', path: itemPath(controlPlaneId, id), action: 'delete', entity: ENTITY });
      return true;
    } catch (error) {
      if (error instanceof KonnectNotFoundError) return false;
      throw error;
    }
  }
}

function basePath(controlPlaneId: string): string {
  if (!controlPlaneId) throw new Error('control plane id is required');
  return `/v2/control-planes/${encodeURIComponent(controlPlaneId)}/dp-client-certificates`;
}

function itemPath(controlPlaneId: string, id: string): string {
  if (!id) throw new Error('certificate id is required');
  return `${basePath(controlPlaneId)}/${encodeURIComponent(id)}`;
}
