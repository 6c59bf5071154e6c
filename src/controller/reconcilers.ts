// The reconcilers `kongward controller` runs, registered in one place.
import type { Registry } from 'prom-client';
import { registerDataPlaneController } from './dataplane/register.ts';
import { registerGatewayController } from './gateway/register.ts';
import { registerKonnectControllers } from './konnect/register.ts';
import type { Manager } from './runtime/manager.ts';

export interface ReconcilerOptions {
  /** How often Konnect entities are re-read to repair drift. */
  syncPeriodMs: number;
  /** Where the reconcilers' own metrics go (the controller's /metrics registry). */
  registry: Registry;
  /** Namespace of the cluster CA Secret that signs DataPlane admin certificates. */
  clusterCaNamespace: string;
  /** spec.controllerName of Kong's GatewayClasses, whose Gateways get a DataPlane (default konghq.com/gateway-operator). */
  gatewayControllerName?: string;
}

export function registerReconcilers(manager: Manager, options: ReconcilerOptions): void {
  registerDataPlaneController(manager, { clusterCaNamespace: options.clusterCaNamespace });
  registerGatewayController(manager, options.gatewayControllerName ? { controllerName: options.gatewayControllerName } : {});
  registerKonnectControllers(manager, { syncPeriodMs: options.syncPeriodMs, registry: options.registry, concurrency: 8 });
}
