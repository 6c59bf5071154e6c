// Wires the DataPlane reconciler to informers and a work queue: which changes enqueue which
// DataPlanes (their own, their owned objects', their KonnectExtension's, its Secret's and
// control plane's, the cluster CA's), waiting for the caches before the first reconcile.
import { pino, type Logger } from 'pino';
import type { KeySource } from '../../certs/keys.ts';
import { Informer, type CacheEvent } from '../runtime/informer.ts';
import type { KubeClient } from '../runtime/kube-client.ts';
import type { RuntimeMetrics } from '../runtime/metrics.ts';
import { WorkQueue } from '../runtime/work-queue.ts';
import { coreResources, keyOf, objectKey } from '../runtime/types.ts';
import { ClusterCa } from './admin-certificate.ts';
import {
  dataPlaneResource, gatewayOperatorKonnectExtensionResource, konnectControlPlaneResource, konnectExtensionResource, labels, MANAGED_BY_VALUE,
} from './constants.ts';
import { byExtension, dependentMappers, EXTENSION_INDEX } from './dependents.ts';
import { byOwnerAndPart, OWNER_PART_INDEX } from './owned-objects.ts';
import { DataPlaneReconciler, type DataPlaneCaches } from './reconciler.ts';

export interface DataPlaneControllerOptions {
  client: KubeClient;
  /** Where kongward's cluster CA Secret lives (created when missing). */
  clusterCaNamespace: string;
  /** Default `kongward-cluster-ca`. */
  clusterCaName?: string;
  /** Only watch this namespace (default: all). */
  namespace?: string;
  concurrency?: number;
  keys?: KeySource;
  clock?: () => number;
  logger?: Logger;
  metrics?: RuntimeMetrics;
  /** Informer relist period (default 10 min). */
  relistPeriodMs?: number;
  /** Also watch KonnectExtensions and KonnectGatewayControlPlanes (default true). */
  konnect?: boolean;
}

const MANAGED_SELECTOR = `${labels.managedBy}=${MANAGED_BY_VALUE}`;

export class DataPlaneController {
  readonly reconciler: DataPlaneReconciler;
  readonly queue: WorkQueue;
  readonly caches: DataPlaneCaches;
  private readonly informers: Informer[];
  private readonly log: Logger;
  private readonly caKey: string;
  private unsubscribes: (() => void)[] = [];

  constructor(options: DataPlaneControllerOptions) {
    const { client } = options;
    this.log = (options.logger ?? pino({ level: 'silent' })).child({ controller: 'dataplane' });
    const common = {
      ...(options.namespace ? { namespace: options.namespace } : {}),
      ...(options.relistPeriodMs !== undefined ? { relistPeriodMs: options.relistPeriodMs } : {}),
      logger: this.log,
    };
    const owned = { indexers: { [OWNER_PART_INDEX]: byOwnerAndPart } };
    this.caches = {
      dataPlanes: new Informer(client, {
        resource: dataPlaneResource, ...common,
        indexers: { [EXTENSION_INDEX]: byExtension },
      }),
      deployments: new Informer(client, { resource: coreResources.deployment, labelSelector: MANAGED_SELECTOR, ...common, ...owned }),
      services: new Informer(client, { resource: coreResources.service, labelSelector: MANAGED_SELECTOR, ...common, ...owned }),
      // All Secrets: owned ones, the KonnectExtensions' client certificates and the cluster CA.
      secrets: new Informer(client, { resource: coreResources.secret, ...common, ...owned }),
    };
    if (options.konnect !== false) {
      this.caches.gatewayOperatorExtensions = new Informer(client, { resource: gatewayOperatorKonnectExtensionResource, ...common });
      this.caches.konnectExtensions = new Informer(client, { resource: konnectExtensionResource, ...common });
      this.caches.konnectControlPlanes = new Informer(client, { resource: konnectControlPlaneResource, ...common });
    }
    this.informers = Object.values(this.caches).filter((i): i is Informer => i !== undefined);
    const caName = options.clusterCaName ?? 'kongward-cluster-ca';
    this.caKey = objectKey(options.clusterCaNamespace, caName);
    const clusterCa = new ClusterCa({
      client, namespace: options.clusterCaNamespace, name: caName,
      ...(options.keys ? { keys: options.keys } : {}), ...(options.clock ? { clock: options.clock } : {}),
      cached: () => this.caches.secrets.get(options.clusterCaNamespace, caName),
    });
    this.reconciler = new DataPlaneReconciler({
      client, caches: this.caches, clusterCa, logger: this.log,
      ...(options.keys ? { keys: options.keys } : {}), ...(options.clock ? { clock: options.clock } : {}),
    });
    this.queue = new WorkQueue({ name: 'dataplane', concurrency: options.concurrency ?? 4, ...(options.metrics ? { metrics: options.metrics } : {}) });
  }

  /** Starts the informers, waits for their first lists, then reconciles. False if aborted first. */
  async start(signal?: AbortSignal): Promise<boolean> {
    this.subscribe();
    for (const informer of this.informers) informer.start();
    const synced = await Promise.all(this.informers.map((i) => i.waitForSync(signal)));
    if (synced.includes(false)) return false;
    this.queue.start((key) => this.process(key));
    this.resync();
    return true;
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    await this.queue.shutdown();
    await Promise.all(this.informers.map((i) => i.stop()));
  }

  /** Enqueues every DataPlane (what a periodic resync does). */
  resync(): void {
    for (const dp of this.caches.dataPlanes.list()) this.queue.add(keyOf(dp));
  }

  /** Resolves when no DataPlane is queued or being reconciled. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async process(key: string): Promise<void> {
    try {
      const result = await this.reconciler.reconcile(key);
      this.queue.forget(key);
      if (result.requeueAfter) this.queue.addAfter(key, result.requeueAfter);
    } catch (err) {
      const delay = this.queue.addRateLimited(key);
      this.log.warn({ dataPlane: key, err: err instanceof Error ? err.message : String(err), retryInMs: delay }, 'reconcile failed');
    }
  }

  private subscribe(): void {
    const { caches } = this;
    const on = (informer: Informer | undefined, map: (event: CacheEvent) => string[]) => {
      if (informer) this.unsubscribes.push(informer.onChange((e) => { for (const key of map(e)) this.queue.add(key); }));
    };
    const deps = dependentMappers(caches, this.caKey);
    const toOwner = (informer: Informer) => (e: CacheEvent) => {
      if (e.type === 'delete') this.reconciler.owned.overlay.forget(this.reconciler.owned.key(informer.resource, e.object));
      return [...(e.object.metadata.ownerReferences ?? []), ...(e.old?.metadata.ownerReferences ?? [])]
        .filter((ref) => ref.kind === 'DataPlane' && ref.controller).map((ref) => objectKey(e.object.metadata.namespace, ref.name));
    };
    on(caches.dataPlanes, (e) => [keyOf(e.object)]);
    on(caches.deployments, toOwner(caches.deployments));
    on(caches.services, toOwner(caches.services));
    const secretOwner = toOwner(caches.secrets);
    on(caches.secrets, (e) => [...secretOwner(e), ...deps.secret(e.object)]);
    on(caches.gatewayOperatorExtensions, (e) => deps.gatewayOperatorExtension(e.object));
    on(caches.konnectExtensions, (e) => deps.konnectExtension(e.object));
    on(caches.konnectControlPlanes, (e) => deps.konnectControlPlane(e.object));
  }
}
