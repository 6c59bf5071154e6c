// KonnectClient: one object per (server URL, token) with everything the controllers call.
// Kind-specific parts stay data: `client.entity(endpoint)` gives the generic CRUD client for any
// EntityEndpoint; `client.entities.<name>` are the ones in endpoints.ts.
import type { Logger } from '../log.ts';
import { ConsumerGroupMembershipClient } from './consumer-groups.ts';
import { ControlPlanesClient } from './control-planes.ts';
import { DataPlaneCertificatesClient } from './dp-certificates.ts';
import { coreEntityEndpoints, type CoreEntityName, type EntityEndpoint } from './endpoints.ts';
import { EntityClient, type CoreEntity } from './entities.ts';
import type { Clock } from './rate-limit.ts';
import type { RetryPolicy } from './retry.ts';
import { explicitBaseURL, resolveServerURL, type KonnectEndpoints } from './server-url.ts';
import { KonnectConnections, KonnectTransport, type KonnectRequestEvent } from './transport.ts';

export interface KonnectClientOptions {
  token: string;
  /** `spec.serverURL` of a KonnectAPIAuthConfiguration: `us.api.konghq.com` or `https://eu.api.konghq.com`. */
  serverURL?: string;
  /** Explicit base URL used verbatim (http allowed): tests and the fake. Wins over serverURL. */
  baseURL?: string;
  /** Pools and rate limiters shared across clients; defaults to a process-wide instance. */
  connections?: KonnectConnections;
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  observe?: (event: KonnectRequestEvent) => void;
  clock?: Clock;
  random?: () => number;
}

export interface Organization {
  id: string;
  name: string;
  owner_id?: string;
  login_path?: string;
  state?: string;
  retention_period_days?: number;
  created_at?: string;
  updated_at?: string;
}

let sharedConnections: KonnectConnections | undefined;

/** The process-wide pools/limiters (one pool per server origin). */
export function defaultConnections(): KonnectConnections {
  sharedConnections ??= new KonnectConnections();
  return sharedConnections;
}

type EntityClients = { [K in CoreEntityName]: EntityClient<CoreEntity> };

export class KonnectClient {
  readonly endpoints: KonnectEndpoints;
  readonly controlPlanes: ControlPlanesClient;
  readonly dataPlaneCertificates: DataPlaneCertificatesClient;
  readonly consumerGroupMembership: ConsumerGroupMembershipClient;
  readonly entities: EntityClients;
  private readonly transport: KonnectTransport;

  constructor(options: KonnectClientOptions) {
    if (!options.token) throw new Error('a Konnect token is required');
    const endpoints = options.baseURL ? explicitBaseURL(options.baseURL) : options.serverURL ? resolveServerURL(options.serverURL) : undefined;
    if (!endpoints) throw new Error('either serverURL or baseURL is required');
    this.endpoints = endpoints;
    this.transport = new KonnectTransport({
      token: options.token,
      endpoints,
      connections: options.connections ?? defaultConnections(),
      requestTimeoutMs: options.requestTimeoutMs,
      retry: options.retry,
      logger: options.logger,
      observe: options.observe,
      clock: options.clock,
      random: options.random,
    });
    this.controlPlanes = new ControlPlanesClient(this.transport);
    this.dataPlaneCertificates = new DataPlaneCertificatesClient(this.transport);
    this.consumerGroupMembership = new ConsumerGroupMembershipClient(this.transport);
    this.entities = Object.fromEntries(
      Object.entries(coreEntityEndpoints).map(([name, endpoint]) => [name, new EntityClient(this.transport, endpoint)]),
    ) as EntityClients;
  }

  /** The generic CRUD client for any endpoint description. */
  entity<T extends CoreEntity = CoreEntity>(endpoint: EntityEndpoint): EntityClient<T> {
    return new EntityClient<T>(this.transport, endpoint);
  }

  /** `GET /v3/organizations/me` on the global host: validates the token, gives the org id. */
  async organizationMe(): Promise<Organization> {
    const res = await this.transport.request<Organization>({ method: 'GET', path: '/v3/organizations/me', base: 'global', action: 'get', entity: 'organization' });
    return res.body;
  }
}
