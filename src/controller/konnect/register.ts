// Registers the Konnect controllers on the runtime's Manager (`kongward controller`): one
// controller for auth configurations, one for control planes, one per entity kind of the table.
// Dependents are mapped through a `refs` index on each informer (manager.ts `entityRefs`).
import type { Registry } from 'prom-client';
import type { Manager } from '../runtime/manager.ts';
import type { Informer } from '../runtime/informer.ts';
import { coreResources, keyOf, objectKey, type KubeObject, type ResourceDescriptor } from '../runtime/types.ts';
import { consumerCredentialsReconciler, credentialSecretNames, credentialTypes } from './consumer-credentials.ts';
import type { BackoffOptions } from '../runtime/backoff.ts';
import { authKeyOf, authResource, reconcileAuth } from './auth-reconciler.ts';
import { cacheReader, cachedClientFactory, liveReader, specOf, type KonnectClientFactory, type KonnectContext, type ReconcileResult } from './context.ts';
import { ControlPlaneReconciler } from './control-plane-reconciler.ts';
import { EntityReconciler } from './entity-reconciler.ts';
import { entityKinds, type EntityKind } from './entity-kinds.ts';
import { entityRefs, refKey } from './refs.ts';
import { secretDependents } from './secret-dependents.ts';
import { KonnectMetrics } from './metrics.ts';
import { controlPlaneResource } from './references.ts';
import { affectedByGrantChange, referenceGrantResource } from './grants.ts';

export interface RegisterKonnectOptions {
  syncPeriodMs: number;
  clients?: KonnectClientFactory;
  /** Registry for the Konnect operation metrics. */
  registry?: Registry;
  /** Workers per kind (KO: 8). */
  concurrency?: number;
  kinds?: readonly EntityKind[];
  /** Retry backoff of failed reconciles (default: the work queue's). */
  backoff?: BackoffOptions;
}

// A delay of 0 or less (Retry-After: 0, a sync period just up) means "again now": that goes through
// the rate-limited backoff, so it can never become a hot loop, but it must not be dropped: an
// object whose own status is all that changed gets no event to wake it.
const adapt = (run: (key: string) => Promise<ReconcileResult>) => ({
  reconcile: async (key: string) => {
    const { requeueAfterMs } = await run(key);
    if (requeueAfterMs === undefined) return {};
    return requeueAfterMs > 0 ? { requeueAfter: requeueAfterMs } : { requeue: true };
  },
});

/** What a control plane points at: its group members and its auth configuration. */
function controlPlaneRefs(obj: KubeObject): string[] {
  const spec = specOf(obj) as { konnect?: { authRef?: { name?: string; namespace?: string } }; members?: { name?: string }[] };
  const out = (spec.members ?? []).filter((m) => m.name).map((m) => refKey(controlPlaneResource.kind, obj.metadata.namespace, m.name!));
  if (spec.konnect?.authRef?.name) out.push(refKey(authResource.kind, spec.konnect.authRef.namespace ?? obj.metadata.namespace, spec.konnect.authRef.name));
  return out;
}

export function registerKonnectControllers(manager: Manager, options: RegisterKonnectOptions): KonnectContext {
  const kinds = options.kinds ?? entityKinds;
  const informers = new Map<string, Informer>();
  const refIndexed = (resource: ResourceDescriptor, refs: (obj: KubeObject) => string[]) => {
    const informer = manager.informer(resource, { refs });
    informers.set(`${resource.group}/${resource.plural}`, informer);
    return informer;
  };
  // An auth configuration's token Secret: a change (rotation, the credential label) revalidates it.
  const authInformer = refIndexed(authResource, (obj) => {
    const ref = specOf(obj).secretRef as { name?: string; namespace?: string } | undefined;
    return ref?.name ? [refKey('Secret', ref.namespace ?? obj.metadata.namespace, ref.name)] : [];
  });
  // Grants are read from the cache; a grant change re-checks the objects it may unblock.
  refIndexed(referenceGrantResource, () => []);
  const cpInformer = refIndexed(controlPlaneResource, controlPlaneRefs);
  const entityInformers = kinds.map((kind) => ({ kind, informer: refIndexed(kind.resource, (obj) => entityRefs(kind, obj)) }));
  // Secrets are read live, not from this informer: it is only the trigger for token rotation.
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

  const common = { concurrency: options.concurrency, ...(options.backoff ? { backoff: options.backoff } : {}) };
  manager.addController({
    name: 'konnectapiauthconfiguration', for: authResource, reconciler: adapt((key) => reconcileAuth(ctx, key)), ...common,
    watches: [
      { resource: coreResources.secret, map: dependents(authInformer, 'Secret') },
      // A control plane naming it (or no longer) adds or releases the in-use finalizer.
      { resource: controlPlaneResource, map: (cp) => { const key = authKeyOf(cp); return key ? [key] : []; } },
    ],
  });
  const cpReconciler = new ControlPlaneReconciler(ctx);
  manager.addController({
    name: 'konnectgatewaycontrolplane', for: controlPlaneResource, reconciler: adapt((key) => cpReconciler.reconcile(key)), ...common,
    watches: [
      { resource: authResource, map: dependents(cpInformer, authResource.kind) },
      { resource: controlPlaneResource, map: dependents(cpInformer, controlPlaneResource.kind) },
      // A cross-namespace authRef needs a grant: a grant change re-checks at once.
      { resource: referenceGrantResource, map: () => affectedByGrantChange(cpInformer.list(), controlPlaneRefs).map(keyOf) },
    ],
  });
  for (const { kind, informer } of entityInformers) {
    const reconciler = new EntityReconciler(ctx, kind);
    const parentKinds = new Map<string, ResourceDescriptor>([[controlPlaneResource.kind, controlPlaneResource]]);
    for (const parent of kind.parents) parentKinds.set(parent.kind, parent.resource);
    const secretChanged = secretDependents(kind, informer, { informer: (resource, indexers) => manager.informer(resource, indexers) });
    manager.addController({
      name: kind.kind.toLowerCase(), for: kind.resource, reconciler: adapt((key) => reconciler.reconcile(key)), ...common,
      watches: [
        ...[...parentKinds].map(([parentKind, resource]) => ({ resource, map: dependents(informer, parentKind) })),
        // A grant change re-checks the objects it may allow, and those it may no longer allow.
        { resource: referenceGrantResource, map: () => affectedByGrantChange(informer.list(), (obj) => entityRefs(kind, obj)).map(keyOf) },
        ...(secretChanged ? [{ resource: coreResources.secret, map: secretChanged }] : []),
      ],
    });
  }
  registerConsumerCredentials(manager, kinds, common);
  return ctx;
}

/** KongConsumer `credentials` Secrets become managed KongCredential* objects (consumer-credentials.ts). */
function registerConsumerCredentials(manager: Manager, kinds: readonly EntityKind[], common: { concurrency?: number; backoff?: BackoffOptions }): void {
  const consumerKind = kinds.find((k) => k.kind === 'KongConsumer');
  const credentialKinds = kinds.filter((k) => Object.values(credentialTypes).some((t) => t.kind === k.kind));
  if (!consumerKind || credentialKinds.length === 0) return;
  const consumers = manager.informer(consumerKind.resource, {
    credentialSecrets: (consumer) => credentialSecretNames(consumer).map((name) => objectKey(consumer.metadata.namespace, name)),
  });
  const reconcile = consumerCredentialsReconciler({
    client: manager.client, consumers, secrets: manager.informer(coreResources.secret), credentials: (resource) => manager.informer(resource), log: manager.log,
  });
  manager.addController({
    name: 'kongconsumer-credentials', for: consumerKind.resource, reconciler: { reconcile: (key) => reconcile(key) }, ...common,
    owns: credentialKinds.map((k) => k.resource),
    watches: [{ resource: coreResources.secret, map: (secret) => consumers.byIndex('credentialSecrets', keyOf(secret)).map(keyOf) }],
  });
}
