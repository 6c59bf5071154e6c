// Core entities as data for the fake: accepted fields, required fields, enums, ranges, defaults,
// unique keys (scoped to a control plane), foreign references with their on-delete rule, and
// per-entity normalisation (generated secrets, url helper, Kong's target port). Facts from
// ../shared/reference/konnect-api.md §2.3 and the OpenAPI schemas of the same names.
import { createHash, randomBytes } from 'node:crypto';
import type { CoreDetail } from './bodies.ts';

export type Entity = Record<string, unknown> & { id: string };

export interface RefSpec {
  collection: string;
  /** Deleting the referenced entity: remove this one too, or refuse while it exists. */
  onDelete: 'cascade' | 'restrict';
}

export interface EntitySpec {
  collection: string;
  fields: readonly string[];
  required?: readonly string[];
  /** At least one of these must be set (Kong's entity check). */
  atLeastOne?: readonly string[];
  enums?: Record<string, readonly unknown[]>;
  ranges?: Record<string, readonly [number, number]>;
  defaults?: Record<string, unknown>;
  unique?: readonly (readonly string[])[];
  refs?: Record<string, RefSpec>;
  /** Credentials carry only created_at. */
  noUpdatedAt?: boolean;
  /** Write-only helper fields stripped from answers. */
  writeOnly?: readonly string[];
  /** Entity-specific rules and normalisation; returns extra validation details. */
  normalize?: (entity: Entity) => CoreDetail[];
}

const secret = () => randomBytes(16).toString('hex');
const isPem = (v: unknown) => typeof v === 'string' && v.trimStart().startsWith('-----BEGIN ');

function pemCheck(entity: Entity, fields: string[]): CoreDetail[] {
  return fields.filter((f) => entity[f] !== undefined && entity[f] !== null && !isPem(entity[f]))
    .map((f) => ({ type: 'ERROR_TYPE_FIELD' as const, field: f, messages: [`invalid ${f === 'key' ? 'key' : 'certificate'}: failed to parse PEM`] }));
}

const consumerRef = { consumer: { collection: 'consumers', onDelete: 'cascade' } } satisfies Record<string, RefSpec>;

export const entitySpecs: Record<string, EntitySpec> = {
  services: {
    collection: 'services',
    fields: ['ca_certificates', 'client_certificate', 'connect_timeout', 'enabled', 'host', 'name', 'path', 'port', 'protocol', 'read_timeout', 'retries', 'tls_sans', 'tls_verify', 'tls_verify_depth', 'url', 'write_timeout'],
    enums: { protocol: ['grpc', 'grpcs', 'http', 'https', 'tcp', 'tls', 'tls_passthrough', 'udp', 'ws', 'wss'] },
    ranges: { port: [0, 65535], retries: [0, 32767], connect_timeout: [1, 2147483646], read_timeout: [1, 2147483646], write_timeout: [1, 2147483646] },
    defaults: { protocol: 'http', port: 80, retries: 5, connect_timeout: 60000, read_timeout: 60000, write_timeout: 60000, enabled: true, path: null, name: null },
    unique: [['name']],
    refs: { client_certificate: { collection: 'certificates', onDelete: 'restrict' } },
    writeOnly: ['url'],
    normalize(entity) {
      if (typeof entity.url === 'string') {
        try {
          const url = new URL(entity.url);
          entity.protocol = url.protocol.replace(':', '');
          entity.host = url.hostname;
          if (url.port) entity.port = Number(url.port);
          else entity.port = url.protocol === 'https:' ? 443 : 80;
          entity.path = url.pathname && url.pathname !== '/' ? url.pathname : entity.path ?? null;
        } catch {
          return [{ type: 'ERROR_TYPE_FIELD', field: 'url', messages: ['invalid url'] }];
        }
      }
      return entity.host ? [] : [{ type: 'ERROR_TYPE_ENTITY', messages: ["missing properties: 'host'"] }];
    },
  },
  routes: {
    collection: 'routes',
    fields: ['destinations', 'expression', 'headers', 'hosts', 'https_redirect_status_code', 'methods', 'name', 'path_handling', 'paths', 'preserve_host', 'priority', 'protocols', 'regex_priority', 'request_buffering', 'response_buffering', 'service', 'snis', 'sources', 'strip_path'],
    enums: { https_redirect_status_code: [301, 302, 307, 308, 426], path_handling: ['v0', 'v1'] },
    defaults: { protocols: ['http', 'https'], https_redirect_status_code: 426, path_handling: 'v0', preserve_host: false, regex_priority: 0, request_buffering: true, response_buffering: true, strip_path: true, name: null },
    unique: [['name']],
    refs: { service: { collection: 'services', onDelete: 'restrict' } },
    normalize(entity) {
      if (entity.expression !== undefined) return [];
      const protocols = (entity.protocols as string[]) ?? [];
      const matchers = ['methods', 'hosts', 'headers', 'paths', 'snis', 'sources', 'destinations'];
      const has = matchers.some((m) => entity[m] !== undefined && entity[m] !== null && !(Array.isArray(entity[m]) && (entity[m] as unknown[]).length === 0));
      if (!has && protocols.some((p) => p === 'http' || p === 'https')) {
        return [{ type: 'ERROR_TYPE_ENTITY', messages: [`must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is '${protocols.join("', '")}'`] }];
      }
      return [];
    },
  },
  consumers: {
    collection: 'consumers',
    fields: ['custom_id', 'username'],
    atLeastOne: ['custom_id', 'username'],
    defaults: { username: null, custom_id: null },
    unique: [['username'], ['custom_id']],
  },
  consumer_groups: { collection: 'consumer_groups', fields: ['name'], required: ['name'], unique: [['name']] },
  plugins: {
    collection: 'plugins',
    fields: ['condition', 'config', 'consumer', 'consumer_group', 'enabled', 'instance_name', 'name', 'ordering', 'partials', 'protocols', 'route', 'service'],
    required: ['name'],
    defaults: { enabled: true, protocols: ['grpc', 'grpcs', 'http', 'https'], config: {}, service: null, route: null, consumer: null, consumer_group: null, instance_name: null },
    unique: [['name', 'service', 'route', 'consumer', 'consumer_group'], ['instance_name']],
    refs: {
      service: { collection: 'services', onDelete: 'cascade' },
      route: { collection: 'routes', onDelete: 'cascade' },
      consumer: { collection: 'consumers', onDelete: 'cascade' },
      consumer_group: { collection: 'consumer_groups', onDelete: 'cascade' },
    },
  },
  upstreams: {
    collection: 'upstreams',
    fields: ['algorithm', 'client_certificate', 'hash_fallback', 'hash_fallback_header', 'hash_fallback_query_arg', 'hash_fallback_uri_capture', 'hash_on', 'hash_on_cookie', 'hash_on_cookie_path', 'hash_on_header', 'hash_on_query_arg', 'hash_on_uri_capture', 'healthchecks', 'host_header', 'name', 'slots', 'sticky_sessions_cookie', 'sticky_sessions_cookie_path', 'use_srv_name'],
    required: ['name'],
    enums: {
      algorithm: ['consistent-hashing', 'latency', 'least-connections', 'round-robin', 'sticky-sessions'],
      hash_on: ['consumer', 'cookie', 'header', 'ip', 'none', 'path', 'query_arg', 'uri_capture'],
      hash_fallback: ['consumer', 'cookie', 'header', 'ip', 'none', 'path', 'query_arg', 'uri_capture'],
    },
    ranges: { slots: [10, 65536] },
    defaults: { algorithm: 'round-robin', hash_on: 'none', hash_fallback: 'none', hash_on_cookie_path: '/', slots: 10000, use_srv_name: false },
    unique: [['name']],
    refs: { client_certificate: { collection: 'certificates', onDelete: 'restrict' } },
  },
  targets: {
    collection: 'targets',
    fields: ['failover', 'target', 'upstream', 'weight'],
    required: ['target', 'upstream'],
    ranges: { weight: [0, 65535] },
    defaults: { weight: 100, failover: false },
    unique: [['upstream', 'target']],
    refs: { upstream: { collection: 'upstreams', onDelete: 'cascade' } },
    normalize(entity) {
      // Kong appends the default port 8000 to a target without one.
      if (typeof entity.target === 'string' && !/:\d+$/.test(entity.target) && !entity.target.endsWith(']')) entity.target = `${entity.target}:8000`;
      return [];
    },
  },
  certificates: {
    collection: 'certificates',
    fields: ['cert', 'cert_alt', 'key', 'key_alt', 'snis'],
    required: ['cert', 'key'],
    normalize: (entity) => pemCheck(entity, ['cert', 'key', 'cert_alt', 'key_alt']),
  },
  ca_certificates: {
    collection: 'ca_certificates',
    fields: ['cert', 'cert_digest'],
    required: ['cert'],
    unique: [['cert_digest']],
    normalize(entity) {
      if (typeof entity.cert === 'string') entity.cert_digest = createHash('sha256').update(entity.cert.trim()).digest('hex');
      return pemCheck(entity, ['cert']);
    },
  },
  snis: {
    collection: 'snis',
    fields: ['certificate', 'name'],
    required: ['name', 'certificate'],
    unique: [['name']],
    refs: { certificate: { collection: 'certificates', onDelete: 'cascade' } },
  },
  keys: {
    collection: 'keys',
    fields: ['jwk', 'kid', 'name', 'pem', 'set', 'x5t'],
    required: ['kid'],
    atLeastOne: ['jwk', 'pem'],
    defaults: { name: null, set: null },
    unique: [['name'], ['kid', 'set']],
    refs: { set: { collection: 'key-sets', onDelete: 'cascade' } },
  },
  'key-sets': { collection: 'key-sets', fields: ['name'], defaults: { name: null }, unique: [['name']] },
  vaults: {
    collection: 'vaults',
    fields: ['config', 'description', 'name', 'prefix'],
    required: ['name', 'prefix'],
    defaults: { config: {}, description: null },
    unique: [['prefix']],
  },
  'basic-auths': {
    collection: 'basic-auths',
    fields: ['consumer', 'password', 'username'],
    required: ['username', 'password', 'consumer'],
    unique: [['username']],
    refs: consumerRef,
    noUpdatedAt: true,
    normalize(entity) {
      // Kong stores and returns sha1(password .. consumer id), never the password.
      const consumer = (entity.consumer as { id?: string } | null)?.id ?? '';
      if (typeof entity.password === 'string') entity.password = createHash('sha1').update(entity.password + consumer).digest('hex');
      return [];
    },
  },
  'key-auths': {
    collection: 'key-auths',
    fields: ['consumer', 'key', 'ttl'],
    required: ['consumer'],
    unique: [['key']],
    refs: consumerRef,
    noUpdatedAt: true,
    normalize(entity) {
      entity.key ??= secret();
      return [];
    },
  },
  acls: { collection: 'acls', fields: ['consumer', 'group'], required: ['group', 'consumer'], unique: [['consumer', 'group']], refs: consumerRef, noUpdatedAt: true },
  jwts: {
    collection: 'jwts',
    fields: ['algorithm', 'consumer', 'key', 'rsa_public_key', 'secret'],
    required: ['consumer'],
    enums: { algorithm: ['ES256', 'ES256K', 'ES384', 'ES512', 'ESB256', 'ESB320', 'ESB384', 'ESB512', 'ESP256', 'ESP384', 'ESP512', 'Ed25519', 'Ed448', 'EdDSA', 'HS256', 'HS384', 'HS512', 'PS256', 'PS384', 'PS512', 'RS256', 'RS384', 'RS512'] },
    defaults: { algorithm: 'HS256' },
    unique: [['key']],
    refs: consumerRef,
    noUpdatedAt: true,
    normalize(entity) {
      entity.key ??= secret();
      entity.secret ??= secret();
      const alg = String(entity.algorithm);
      if (!alg.startsWith('HS') && !entity.rsa_public_key) return [{ type: 'ERROR_TYPE_ENTITY', messages: [`no mandatory 'rsa_public_key'`] }];
      return [];
    },
  },
  'hmac-auths': {
    collection: 'hmac-auths',
    fields: ['consumer', 'secret', 'username'],
    required: ['username', 'consumer'],
    unique: [['username']],
    refs: consumerRef,
    noUpdatedAt: true,
    normalize(entity) {
      entity.secret ??= secret();
      return [];
    },
  },
};

/** Nested write paths: `<parent collection>/{id}/<segment>` -> stored collection and the field naming the parent. */
export const nestedCollections: Record<string, Record<string, { collection: string; fk: string }>> = {
  services: { routes: { collection: 'routes', fk: 'service' }, plugins: { collection: 'plugins', fk: 'service' } },
  routes: { plugins: { collection: 'plugins', fk: 'route' } },
  consumers: {
    plugins: { collection: 'plugins', fk: 'consumer' },
    'basic-auth': { collection: 'basic-auths', fk: 'consumer' },
    'key-auth': { collection: 'key-auths', fk: 'consumer' },
    acls: { collection: 'acls', fk: 'consumer' },
    jwt: { collection: 'jwts', fk: 'consumer' },
    'hmac-auth': { collection: 'hmac-auths', fk: 'consumer' },
  },
  consumer_groups: { plugins: { collection: 'plugins', fk: 'consumer_group' } },
  upstreams: { targets: { collection: 'targets', fk: 'upstream' } },
  certificates: { snis: { collection: 'snis', fk: 'certificate' } },
  'key-sets': { keys: { collection: 'keys', fk: 'set' } },
};

/** Top-level collections that are read-only lists (writes go through the nested path); `items` says whether GET by id exists. */
export const readOnlyCollections: Record<string, { items: boolean }> = {
  acls: { items: true }, 'basic-auths': { items: true }, 'key-auths': { items: true }, jwts: { items: true }, 'hmac-auths': { items: true }, targets: { items: false },
};
