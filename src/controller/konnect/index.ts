// Konnect controllers: auth configurations, control planes and every Konnect-backed entity kind.
export { KonnectControllers, type KonnectControllersOptions } from './manager.ts';
export { reconcileAuth, readAuth, authResource } from './auth-reconciler.ts';
export { ControlPlaneReconciler, desiredControlPlane } from './control-plane-reconciler.ts';
export { EntityReconciler } from './entity-reconciler.ts';
export { entityKinds, entityKindByName, type EntityKind, type ParentSpec } from './entity-kinds.ts';
export { cachedClientFactory, liveReader, cacheReader, KONNECT_CLEANUP_FINALIZER, type KonnectContext, type KonnectClientFactory, type ReconcileResult } from './context.ts';
export { KonnectMetrics } from './metrics.ts';
export { controlPlaneResource } from './references.ts';
