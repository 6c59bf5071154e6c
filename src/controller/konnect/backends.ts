// The Konnect side of the generic reconciler: create (adopting by k8s-uid), read, update,
// delete, find. Core entities use the client's generic EntityClient; data plane client
// certificates have no tags, so adoption matches the PEM text (as KGO does) and they are never
// updated in place.
import type { KonnectClient } from '../../konnect/client.ts';
import type { DataPlaneClientCertificate } from '../../konnect/dp-certificates.ts';
import type { EntityEndpoint, EntityScope } from '../../konnect/endpoints.ts';
import { KonnectConflictError, KonnectNetworkError, KonnectNotFoundError, KonnectServerError } from '../../konnect/errors.ts';

export interface KonnectEntity {
  id: string;
  [field: string]: unknown;
}

export interface EntityBackend {
  create(scope: EntityScope, uid: string, body: Record<string, unknown>): Promise<{ entity: KonnectEntity; adopted: boolean }>;
  /** Undefined when Konnect has no such entity. */
  get(scope: EntityScope, id: string): Promise<KonnectEntity | undefined>;
  /** Undefined when the kind cannot be updated in place. */
  update?(scope: EntityScope, id: string, body: Record<string, unknown>): Promise<KonnectEntity>;
  /** False when it was already gone. */
  delete(scope: EntityScope, id: string): Promise<boolean>;
  findByUid(scope: EntityScope, uid: string, body: Record<string, unknown>): Promise<KonnectEntity | undefined>;
}

export function coreBackend(client: KonnectClient, endpoint: EntityEndpoint): EntityBackend {
  const entities = client.entity(endpoint);
  return {
    create: (scope, uid, body) => entities.createOrAdopt(scope, uid, body),
    get: (scope, id) => entities.find(scope, id),
    update: (scope, id, body) => entities.upsert(scope, id, body),
    delete: (scope, id) => entities.delete(scope, id),
    findByUid: (scope, uid) => entities.findByUid(scope, uid),
  };
}

export function dataPlaneCertificateBackend(client: KonnectClient): EntityBackend {
  const certs = client.dataPlaneCertificates;
  const samePem = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim();
  const asEntity = (c: DataPlaneClientCertificate): KonnectEntity => ({ ...c });
  const findByPem = async (scope: EntityScope, body: Record<string, unknown>): Promise<KonnectEntity | undefined> => {
    const found = (await certs.list(scope.controlPlaneId)).find((c) => samePem(c.cert, body.cert));
    return found && asEntity(found);
  };
  return {
    async create(scope, _uid, body) {
      try {
        return { entity: asEntity(await certs.create(scope.controlPlaneId, { cert: String(body.cert) })), adopted: false };
      } catch (error) {
        if (!(error instanceof KonnectConflictError || error instanceof KonnectNetworkError || error instanceof KonnectServerError)) throw error;
        const existing = await findByPem(scope, body);
        if (existing) return { entity: existing, adopted: true };
        throw error;
      }
    },
    async get(scope, id) {
      try {
        return asEntity(await certs.get(scope.controlPlaneId, id));
      } catch (error) {
        if (error instanceof KonnectNotFoundError) return undefined;
        throw error;
      }
    },
    delete: (scope, id) => certs.delete(scope.controlPlaneId, id),
    findByUid: (scope, _uid, body) => findByPem(scope, body),
  };
}
