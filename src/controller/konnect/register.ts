// Registers the Konnect controllers on the runtime's Manager (`kongward controller`): one
// controller for auth configurations, one for control planes, one per entity kind of the table.
// Dependents are mapped through a `refs` index on each informer (manager.ts `entityRefs`).
import type { Registry } from 'prom-client';
import type { Manager } from '../runtime/manager.ts';
import type { Informer } from '../runtime/informer.ts';
import { keyOf, type KubeObject, type ResourceDescriptor } from '../runtime/types.ts';
import { authResource, reconcileAuth } from './auth-reconciler.ts';
import { cacheReader, cachedClientFactory, liveReader, specOf, type KonnectClientFactory, type KonnectContext, type ReconcileResult } from './context.ts';
import { ControlPlaneReconciler } from './control-plane-reconciler.ts';
import { EntityReconciler } from './entity-reconciler.ts';
import { entityKinds, type EntityKind } from './entity-kinds.ts';
import { entityRefs, refKey } from './manager.ts';
import { KonnectMetrics } from './metrics.ts';
import { controlPlaneResource } from './references.ts';
import { referenceGrantResource, refusedForWantOfGrant } from './grants.ts';

export interface RegisterKonnectOptions {
  syncPeriodMs: number;
  clients?: KonnectClientFactory;
  /** Registry for the Konnect operation metrics. */
  registry?: Registry;
  /** Workers per kind (KO: 8). */
  concurrency?: number;
  kinds?: readonly EntityKind[];
}

const adapt = (run: (key: string) => Promise<ReconcileResult>) => ({
  reconcile: async (key: string) => {
    const result = await run(key);
    return result.requeueAfterMs ? { requeueAfter: result.requeueAfterMs } : {};
  },
});

export function registerKonnectControllers(manager: Manager, options: RegisterKonnectOptions): KonnectContext {
  const kinds = options.kinds ?? entityKinds;
  const informers = new Map<string, Informer>();
  const refIndexed = (resource: ResourceDescriptor, refs: (obj: KubeObject) => string[]) => {
    const informer = manager.informer(resource, { refs });
    informers.set(`${resource.group}/${resource.plural}`, informer);
    return informer;
  };
  refIndexed(authResource, () => []);
  // Grants are read from the cache; a grant change re-checks the objects it may unblock.
  refIndexed(referenceGrantResource, () => []);
  const cpInformer = refIndexed(controlPlaneResource, (obj) => {
    const spec = specOf(obj) as { konnect?: { authRef?: { name?: string; namespace?: string } }; members?: { name?: string }[] };
    const out = (spec.members ?? []).filter((m) => m.name).map((m) => refKey(controlPlaneResource.kind, obj.metadata.namespace, m.name!));
    if (spec.konnect?.authRef?.name) out.push(refKey(authResource.kind, spec.konnect.authRef.namespace ?? obj.metadata.namespace, spec.konnect.authRef.name));
    return out;
  });
  const entityInformers = kinds.map((kind) => ({ kind, informer: refIndexed(kind.resource, (obj) => entityRefs(kind, obj)) }));
  // Token Secrets are read live (the manager's informers have no label selector; caching every Secret is not wanted).
  const ctx: KonnectContext = {
    kube: manager.client,
    reader: cacheReader(informers, liveReader(manager.client)),
    clients: options.clients ?? cachedClientFactory({ logger: manager.log }),
    metrics: options.registry ? new KonnectMetrics(options.registry) : undefined,
    logger: manager.log,
    syncPeriodMs: options.syncPeriodMs,
    now: () => new Date(),
  };
  const dependents = (informer: Informer, kind: string) => (obj: KubeObject) =>
    informer.byIndex('refs', refKey(kind, obj.metadata.namespace, obj.metadata.name ?? '')).map(keyOf);

  manager.addController({ name: 'konnectapiauthconfiguration', for: authResource, reconciler: adapt((key) => reconcileAuth(ctx, key)), concurrency: options.concurrency });
  const cpReconciler = new ControlPlaneReconciler(ctx);
  manager.addController({
    name: 'konnectgatewaycontrolplane', for: controlPlaneResource, reconciler: adapt((key) => cpReconciler.reconcile(key)), concurrency: options.concurrency,
    watches: [
      { resource: authResource, map: dependents(cpInformer, authResource.kind) },
      { resource: controlPlaneResource, map: dependents(cpInformer, controlPlaneResource.kind) },
    ],
  });
  for (const { kind, informer } of entityInformers) {
    const reconciler = new EntityReconciler(ctx, kind);
    const parentKinds = new Map<string, ResourceDescriptor>([[controlPlaneResource.kind, controlPlaneResource]]);
    for (const parent of kind.parents) parentKinds.set(parent.kind, parent.resource);
    manager.addController({
      name: kind.kind.toLowerCase(), for: kind.resource, reconciler: adapt((key) => reconciler.reconcile(key)), concurrency: options.concurrency,
      watches: [
        ...[...parentKinds].map(([parentKind, resource]) => ({ resource, map: dependents(informer, parentKind) })),
        { resource: referenceGrantResource, map: () => refusedForWantOfGrant(informer.list()).map(keyOf) },
      ],
    });
  }
  return ctx;
}
