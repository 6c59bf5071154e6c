// The reconcilers `kongward controller` runs, registered in one place.
import type { Registry } from 'prom-client';
import { registerDataPlaneController } from './dataplane/register.ts';
import { registerKonnectControllers } from './konnect/register.ts';
import type { Manager } from './runtime/manager.ts';

export interface ReconcilerOptions {
  /** How often Konnect entities are re-read to repair drift. */
  syncPeriodMs: number;
  /** Where the reconcilers' own metrics go (the controller's /metrics registry). */
  registry: Registry;
  /** Namespace of the cluster CA Secret that signs DataPlane admin certificates. */
  clusterCaNamespace: string;
}

export function registerReconcilers(manager: Manager, options: ReconcilerOptions): void {
  registerDataPlaneController(manager, { clusterCaNamespace: options.clusterCaNamespace });
  registerKonnectControllers(manager, { syncPeriodMs: options.syncPeriodMs, registry: options.registry, concurrency: 8 });
}
