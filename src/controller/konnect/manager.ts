// The Konnect controllers on a Manager of their own, started and stopped as one: for tests,
// benchmarks and embedding. `kongward controller` registers the same controllers on its shared
// Manager (register.ts), so both run exactly the same code.
import type { Registry } from 'prom-client';
import { silentLogger, type Logger } from '../../log.ts';
import type { BackoffOptions } from '../runtime/backoff.ts';
import type { KubeClient } from '../runtime/kube-client.ts';
import { Manager } from '../runtime/manager.ts';
import { RuntimeMetrics } from '../runtime/metrics.ts';
import type { KonnectClientFactory, KonnectContext } from './context.ts';
import type { EntityKind } from './entity-kinds.ts';
import { registerKonnectControllers } from './register.ts';

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

export class KonnectControllers {
  readonly manager: Manager;
  readonly context: KonnectContext;

  constructor(options: KonnectControllersOptions) {
    this.manager = new Manager({
      client: options.kube,
      logger: options.logger ?? silentLogger(),
      ...(options.registry ? { metrics: new RuntimeMetrics(options.registry) } : {}),
      ...(options.namespace ? { namespace: options.namespace } : {}),
      ...(options.relistPeriodMs !== undefined ? { informerDefaults: { relistPeriodMs: options.relistPeriodMs } } : {}),
    });
    this.context = registerKonnectControllers(this.manager, {
      syncPeriodMs: options.syncPeriodMs ?? 60_000,
      clients: options.clients,
      concurrency: options.concurrency ?? 8,
      ...(options.registry ? { registry: options.registry } : {}),
      ...(options.kinds ? { kinds: options.kinds } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
    });
  }

  /** Starts the informers, waits for their first list, then the controllers (no leader election). */
  async start(): Promise<void> {
    await this.manager.start();
  }

  /** Resolves when no controller has work queued or in flight (delayed requeues not counted). */
  idle(): Promise<void> {
    return this.manager.idle();
  }

  async stop(): Promise<void> {
    await this.manager.stop();
  }
}
