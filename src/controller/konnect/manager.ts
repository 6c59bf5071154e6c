// Runs the Konnect controllers: one informer and one work queue per kind, reconcile results
// turned into requeues, errors into per-key backoff. A change to any object enqueues the objects
// that reference it (a `refs` index on every informer), so a control plane becoming Programmed
// wakes its services, a service its routes, an auth configuration its control planes.
// Interim runner until the runtime's controller registration lands (see docs/konnect-controller.md).
import type { Registry } from 'prom-client';
import { silentLogger, type Logger } from '../../log.ts';
import type { KubeClient } from '../runtime/kube-client.ts';
import { Informer, type CacheEvent } from '../runtime/informer.ts';
import { RuntimeMetrics } from '../runtime/metrics.ts';
import type { BackoffOptions } from '../runtime/backoff.ts';
import { WorkQueue } from '../runtime/work-queue.ts';
import { coreResources, keyOf, objectKey, type KubeObject, type ResourceDescriptor } from '../runtime/types.ts';
import { authResource, CREDENTIAL_LABEL, reconcileAuth } from './auth-reconciler.ts';
import { cacheReader, liveReader, specOf, type KonnectClientFactory, type KonnectContext, type ReconcileResult } from './context.ts';
import { ControlPlaneReconciler } from './control-plane-reconciler.ts';
import { EntityReconciler } from './entity-reconciler.ts';
import { entityKinds, parentTargets, type EntityKind } from './entity-kinds.ts';
import { referenceGrantResource, refusedForWantOfGrant } from './grants.ts';
import { KonnectMetrics } from './metrics.ts';
import { controlPlaneResource, konnectControlPlaneRef } from './references.ts';

export interface KonnectControllersOptions {
  kube: KubeClient;
  clients: KonnectClientFactory;
  /** prom-client registry for runtime and Konnect metrics (none: no metrics). */
  registry?: Registry;
  /** Drift check period (KGO: 1 min). */
  syncPeriodMs?: number;
  /** Workers per kind (KO: 8). */
  concurrency?: number;
  /** Watch one namespace only. */
  namespace?: string;
  logger?: Logger;
  kinds?: readonly EntityKind[];
  backoff?: BackoffOptions;
  /** Informer relist period (default 10 min). */
  relistPeriodMs?: number;
}

interface Controller {
  name: string;
  resource: ResourceDescriptor;
  reconcile(key: string): Promise<ReconcileResult>;
  refs(obj: KubeObject): string[];
  labelSelector?: string;
}

export const refKey = (kind: string, namespace: string | undefined, name: string) => `${kind}:${objectKey(namespace, name)}`;

/** What an entity points at (own control plane, parents): the keys of its `refs` index. */
export function entityRefs(kind: EntityKind, obj: KubeObject): string[] {
  const ns = obj.metadata.namespace;
  const out: string[] = [];
  const cp = konnectControlPlaneRef(obj);
  if (cp && cp !== 'other') out.push(refKey(controlPlaneResource.kind, cp.namespace ?? ns, cp.name));
  for (const parent of kind.parents) {
    for (const target of parentTargets(parent, obj)) {
      if (!target.id) out.push(refKey(parent.kind, target.namespace ?? ns, target.name));
    }
  }
  return out;
}

export class KonnectControllers {
  readonly informers = new Map<string, Informer>();
  readonly queues = new Map<string, WorkQueue>();
  readonly context: KonnectContext;
  private readonly controllers: Controller[];
  private readonly options: KonnectControllersOptions;
  private readonly log: Logger;
  private readonly runtimeMetrics: RuntimeMetrics | undefined;

  constructor(options: KonnectControllersOptions) {
    this.options = options;
    this.log = options.logger ?? silentLogger();
    this.runtimeMetrics = options.registry ? new RuntimeMetrics(options.registry) : undefined;
    this.context = {
      kube: options.kube,
      reader: cacheReader(this.informers, liveReader(options.kube)),
      clients: options.clients,
      metrics: options.registry ? new KonnectMetrics(options.registry) : undefined,
      logger: this.log,
      syncPeriodMs: options.syncPeriodMs ?? 60_000,
      now: () => new Date(),
    };
    const ctx = this.context;
    const cpReconciler = new ControlPlaneReconciler(ctx);
    this.controllers = [
      {
        name: 'konnectapiauthconfiguration', resource: authResource, reconcile: (key) => reconcileAuth(ctx, key),
        refs: (obj) => {
          const ref = specOf(obj).secretRef as { name?: string; namespace?: string } | undefined;
          return ref?.name ? [refKey('Secret', ref.namespace ?? obj.metadata.namespace, ref.name)] : [];
        },
      },
      {
        name: 'konnectgatewaycontrolplane', resource: controlPlaneResource, reconcile: (key) => cpReconciler.reconcile(key),
        refs: (obj) => {
          const spec = specOf(obj) as { konnect?: { authRef?: { name?: string; namespace?: string } }; members?: { name?: string }[] };
          const out = (spec.members ?? []).filter((m) => m.name).map((m) => refKey(controlPlaneResource.kind, obj.metadata.namespace, m.name!));
          if (spec.konnect?.authRef?.name) out.push(refKey(authResource.kind, spec.konnect.authRef.namespace ?? obj.metadata.namespace, spec.konnect.authRef.name));
          return out;
        },
      },
      ...(options.kinds ?? entityKinds).map((kind): Controller => {
        const reconciler = new EntityReconciler(ctx, kind);
        return { name: kind.kind.toLowerCase(), resource: kind.resource, reconcile: (key) => reconciler.reconcile(key), refs: (obj) => entityRefs(kind, obj) };
      }),
    ];
    // Secrets are read for tokens only: watch the labelled ones, not every Secret.
    this.addInformer({ name: 'secret', resource: coreResources.secret, labelSelector: `${CREDENTIAL_LABEL}=konnect`, reconcile: async () => ({}), refs: () => [] }, false);
    // Grants are read from the cache; a grant change re-checks the objects it may unblock.
    this.addInformer({ name: 'kongreferencegrant', resource: referenceGrantResource, reconcile: async () => ({}), refs: () => [] }, false);
    for (const controller of this.controllers) this.addInformer(controller, true);
  }

  private addInformer(controller: Controller, reconciled: boolean): void {
    const informer = new Informer(this.options.kube, {
      resource: controller.resource,
      namespace: this.options.namespace,
      labelSelector: controller.labelSelector,
      indexers: { refs: (obj) => controller.refs(obj) },
      relistPeriodMs: this.options.relistPeriodMs,
      logger: this.log,
    });
    this.informers.set(`${controller.resource.group}/${controller.resource.plural}`, informer);
    const queue = reconciled ? new WorkQueue({ name: controller.name, concurrency: this.options.concurrency ?? 8, backoff: this.options.backoff, metrics: this.runtimeMetrics }) : undefined;
    if (queue) this.queues.set(controller.name, queue);
    informer.onChange((event: CacheEvent) => {
      if (queue) queue.add(keyOf(event.object));
      if (controller.resource === referenceGrantResource) this.enqueueRefused();
      else this.enqueueDependents(controller.resource.kind, event.object);
    });
  }

  private enqueueDependents(kind: string, obj: KubeObject): void {
    const ref = refKey(kind, obj.metadata.namespace, obj.metadata.name ?? '');
    for (const controller of this.controllers) {
      const informer = this.informers.get(`${controller.resource.group}/${controller.resource.plural}`)!;
      const queue = this.queues.get(controller.name)!;
      for (const dependent of informer.byIndex('refs', ref)) queue.add(keyOf(dependent));
    }
  }

  /** A grant appeared or changed: objects refused for want of one are checked again now. */
  private enqueueRefused(): void {
    for (const controller of this.controllers) {
      const informer = this.informers.get(`${controller.resource.group}/${controller.resource.plural}`)!;
      const queue = this.queues.get(controller.name)!;
      for (const refused of refusedForWantOfGrant(informer.list())) queue.add(keyOf(refused));
    }
  }

  /** Starts informers, waits for their first list, then starts the workers. */
  async start(signal?: AbortSignal): Promise<void> {
    for (const informer of this.informers.values()) informer.start();
    await Promise.all([...this.informers.values()].map((i) => i.waitForSync(signal)));
    for (const controller of this.controllers) {
      const queue = this.queues.get(controller.name)!;
      queue.start((key) => this.process(controller, queue, key));
    }
  }

  private async process(controller: Controller, queue: WorkQueue, key: string): Promise<void> {
    const started = performance.now();
    const m = this.runtimeMetrics;
    try {
      const result = await controller.reconcile(key);
      queue.forget(key);
      if (result.requeueAfterMs !== undefined && result.requeueAfterMs > 0) queue.addAfter(key, result.requeueAfterMs);
      m?.reconcileTotal.inc({ controller: controller.name, result: result.requeueAfterMs ? 'requeue_after' : 'success' });
    } catch (error) {
      const delay = queue.addRateLimited(key);
      m?.reconcileErrors.inc({ controller: controller.name });
      m?.reconcileTotal.inc({ controller: controller.name, result: 'error' });
      this.log.warn({ controller: controller.name, key, err: error instanceof Error ? error.message : String(error), retryInMs: delay }, 'reconcile failed');
    } finally {
      m?.reconcileTime.observe({ controller: controller.name }, (performance.now() - started) / 1000);
    }
  }

  /** Resolves when no queue has work queued or in flight (delayed requeues not counted). */
  async idle(): Promise<void> {
    for (let settled = 0; settled < 2; ) {
      const busy = [...this.queues.values()].some((q) => q.length > 0 || q.active > 0);
      if (busy) {
        settled = 0;
        await Promise.all([...this.queues.values()].map((q) => q.idle()));
      } else settled++;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.shutdown()));
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
  }
}
