// The DataPlane controller on a Manager of its own, started and stopped as one: for tests,
// benchmarks and embedding. `kongward controller` registers the same controller on its shared
// Manager (register.ts), so both run exactly the same code.
import type { Logger } from 'pino';
import type { KeySource } from '../../certs/keys.ts';
import type { Controller } from '../runtime/controller.ts';
import type { KubeClient } from '../runtime/kube-client.ts';
import { Manager } from '../runtime/manager.ts';
import type { RuntimeMetrics } from '../runtime/metrics.ts';
import { keyOf } from '../runtime/types.ts';
import { registerDataPlaneController } from './register.ts';
import type { DataPlaneCaches, DataPlaneReconciler } from './reconciler.ts';

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

export class DataPlaneController {
  readonly manager: Manager;
  readonly reconciler: DataPlaneReconciler;
  readonly caches: DataPlaneCaches;
  private readonly controller: Controller;

  constructor(options: DataPlaneControllerOptions) {
    this.manager = new Manager({
      client: options.client,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.metrics ? { metrics: options.metrics } : {}),
      ...(options.namespace ? { namespace: options.namespace } : {}),
      ...(options.relistPeriodMs !== undefined ? { informerDefaults: { relistPeriodMs: options.relistPeriodMs } } : {}),
    });
    const registered = registerDataPlaneController(this.manager, {
      clusterCaNamespace: options.clusterCaNamespace,
      ...(options.clusterCaName ? { clusterCaName: options.clusterCaName } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.konnect !== undefined ? { konnect: options.konnect } : {}),
      ...(options.keys ? { keys: options.keys } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.controller = registered.controller;
    this.reconciler = registered.reconciler;
    this.caches = registered.caches;
  }

  /** Starts the informers, waits for their first lists, then reconciles (no leader election). */
  async start(): Promise<void> {
    await this.manager.start();
  }

  async stop(): Promise<void> {
    await this.manager.stop();
  }

  /** Enqueues every DataPlane (what a periodic resync does). */
  resync(): void {
    for (const dp of this.caches.dataPlanes.list()) this.controller.enqueue(keyOf(dp));
  }

  /** True while a DataPlane is queued or being reconciled. */
  get busy(): boolean {
    return this.controller.busy;
  }

  /** Resolves when no DataPlane is queued or being reconciled. */
  idle(): Promise<void> {
    return this.controller.idle();
  }
}
