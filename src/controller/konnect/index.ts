// Konnect controllers: auth configurations, control planes and every Konnect-backed entity kind.
export { KonnectControllers, type KonnectControllersOptions } from './manager.ts';
export { reconcileAuth, readAuth, authResource } from './auth-reconciler.ts';
export { ControlPlaneReconciler, desiredControlPlane } from './control-plane-reconciler.ts';
export { EntityReconciler } from './entity-reconciler.ts';
export { entityKinds, entityKindByName, type EntityKind, type ParentSpec } from './entity-kinds.ts';
export { cachedClientFactory, descriptorOf, liveReader, cacheReader, KONNECT_CLEANUP_FINALIZER, type KonnectContext, type KonnectClientFactory, type ReconcileResult } from './context.ts';
export { KonnectMetrics } from './metrics.ts';
export { controlPlaneResource, SECRET_REF_VALID } from './references.ts';
export { referenceGrantResource, grantPermits, REF_NOT_PERMITTED } from './grants.ts';
export { adoptSpecOf, ADOPTED, FAILED_TO_ADOPT } from './adoption.ts';
