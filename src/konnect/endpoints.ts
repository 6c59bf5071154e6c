// Core entities as data: where each lives under `/v2/control-planes/{controlPlaneId}/core-entities`,
// which parent ids its path needs, and where to look it up by tag. The generic client in
// entities.ts (and the generic reconciler) read these; nothing switches over entity kinds.

export interface EntityEndpoint {
  /** Human name for messages and metrics (`service`, `basic-auth credential`). */
  entity: string;
  /** Collection path template below core-entities; `{name}` are parent ids, e.g. `consumers/{consumerId}/acls`. */
  collection: string;
  /** Parent ids the templates need (besides controlPlaneId), in template order. */
  parents: readonly string[];
  /** Collection used for tag lookups when the write collection is nested (`acls` for `consumers/{consumerId}/acls`). */
  lookupCollection?: string;
  /** The entity carries `tags` (every core entity KGO manages does). */
  tagged: boolean;
  /** Single-entity answers wrap the entity under this key (`consumer_group`). */
  wrapKey?: string;
  /** List supports `filter[name][eq|contains]`. */
  nameFilter?: boolean;
}

const endpoint = (e: EntityEndpoint): EntityEndpoint => Object.freeze(e);

export const coreEntityEndpoints = {
  service: endpoint({ entity: 'service', collection: 'services', parents: [], tagged: true, nameFilter: true }),
  route: endpoint({ entity: 'route', collection: 'routes', parents: [], tagged: true, nameFilter: true }),
  /** Routes written through their service (`service` is implied by the path). */
  serviceRoute: endpoint({ entity: 'route', collection: 'services/{serviceId}/routes', parents: ['serviceId'], lookupCollection: 'routes', tagged: true, nameFilter: true }),
  consumer: endpoint({ entity: 'consumer', collection: 'consumers', parents: [], tagged: true, nameFilter: true }),
  consumerGroup: endpoint({ entity: 'consumer group', collection: 'consumer_groups', parents: [], tagged: true, wrapKey: 'consumer_group' }),
  /** Plugins are written at the top level; scope goes in the body (`service`, `route`, `consumer`, `consumer_group`). */
  plugin: endpoint({ entity: 'plugin', collection: 'plugins', parents: [], tagged: true, nameFilter: true }),
  upstream: endpoint({ entity: 'upstream', collection: 'upstreams', parents: [], tagged: true }),
  target: endpoint({ entity: 'target', collection: 'upstreams/{upstreamId}/targets', parents: ['upstreamId'], lookupCollection: 'targets', tagged: true }),
  certificate: endpoint({ entity: 'certificate', collection: 'certificates', parents: [], tagged: true }),
  caCertificate: endpoint({ entity: 'CA certificate', collection: 'ca_certificates', parents: [], tagged: true }),
  sni: endpoint({ entity: 'SNI', collection: 'certificates/{certificateId}/snis', parents: ['certificateId'], lookupCollection: 'snis', tagged: true }),
  key: endpoint({ entity: 'key', collection: 'keys', parents: [], tagged: true }),
  keySet: endpoint({ entity: 'key set', collection: 'key-sets', parents: [], tagged: true }),
  vault: endpoint({ entity: 'vault', collection: 'vaults', parents: [], tagged: true }),
  basicAuth: endpoint({ entity: 'basic-auth credential', collection: 'consumers/{consumerId}/basic-auth', parents: ['consumerId'], lookupCollection: 'basic-auths', tagged: true }),
  keyAuth: endpoint({ entity: 'key-auth credential', collection: 'consumers/{consumerId}/key-auth', parents: ['consumerId'], lookupCollection: 'key-auths', tagged: true }),
  acl: endpoint({ entity: 'ACL credential', collection: 'consumers/{consumerId}/acls', parents: ['consumerId'], lookupCollection: 'acls', tagged: true }),
  jwt: endpoint({ entity: 'JWT credential', collection: 'consumers/{consumerId}/jwt', parents: ['consumerId'], lookupCollection: 'jwts', tagged: true }),
  hmacAuth: endpoint({ entity: 'HMAC credential', collection: 'consumers/{consumerId}/hmac-auth', parents: ['consumerId'], lookupCollection: 'hmac-auths', tagged: true }),
} as const satisfies Record<string, EntityEndpoint>;

export type CoreEntityName = keyof typeof coreEntityEndpoints;

/** Ids that fill an endpoint's templates: always the control plane, plus the endpoint's parents. */
export type EntityScope = { controlPlaneId: string } & Record<string, string>;

export class MissingParentIdError extends Error {
  constructor(entity: string, parent: string) {
    super(`${entity}: parent id ${parent} is required`);
    this.name = 'MissingParentIdError';
  }
}

function fill(endpoint: EntityEndpoint, template: string, scope: EntityScope): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = scope[name];
    if (!value) throw new MissingParentIdError(endpoint.entity, name);
    return encodeURIComponent(value);
  });
}

export function coreEntitiesRoot(controlPlaneId: string): string {
  if (!controlPlaneId) throw new MissingParentIdError('core entity', 'controlPlaneId');
  return `/v2/control-planes/${encodeURIComponent(controlPlaneId)}/core-entities`;
}

export function collectionPath(endpoint: EntityEndpoint, scope: EntityScope): string {
  return `${coreEntitiesRoot(scope.controlPlaneId)}/${fill(endpoint, endpoint.collection, scope)}`;
}

export function itemPath(endpoint: EntityEndpoint, scope: EntityScope, id: string): string {
  if (!id) throw new MissingParentIdError(endpoint.entity, 'id');
  return `${coreEntitiesRoot(scope.controlPlaneId)}/${fill(endpoint, `${endpoint.collection}/{id}`, { ...scope, id })}`;
}

/** Where tag lookups list: the flat read-only collection when there is one. */
export function lookupPath(endpoint: EntityEndpoint, scope: EntityScope): string {
  return endpoint.lookupCollection ? `${coreEntitiesRoot(scope.controlPlaneId)}/${endpoint.lookupCollection}` : collectionPath(endpoint, scope);
}
