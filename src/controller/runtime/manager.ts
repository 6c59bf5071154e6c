// The manager: shared informers (one per kind), controllers, leader election. Caches run on
// every replica (warm standby); reconcilers run only on the leader and stop the moment the
// lease is lost.
import { pino, type Logger } from 'pino';
import type { KubeClient } from './kube-client.ts';
import { Informer, type InformerOptions } from './informer.ts';
import { Controller, type ControllerOptions } from './controller.ts';
import { LeaderElector, type LeaderElectionOptions } from './leader-election.ts';
import type { RuntimeMetrics } from './metrics.ts';
import type { WatchedResource } from './types.ts';

export interface ManagerOptions {
  client: KubeClient;
  logger?: Logger;
  metrics?: RuntimeMetrics;
  /** Leader election settings; omit to run reconcilers without it (single replica, tests). */
  leaderElection?: Omit<LeaderElectionOptions, 'onStartedLeading' | 'onStoppedLeading' | 'metrics' | 'logger'>;
  /** Watch only this namespace (default: all). */
  namespace?: string;
  /** Defaults for every informer (timings). */
  informerDefaults?: Partial<Omit<InformerOptions, 'resource' | 'indexers'>>;
}

const informerId = (r: WatchedResource) => `${r.group}/${r.version}/${r.plural}${r.labelSelector ? `?${r.labelSelector}` : ''}`;

export class Manager {
  readonly client: KubeClient;
  readonly log: Logger;
  private readonly options: ManagerOptions;
  private readonly informers = new Map<string, Informer>();
  private readonly controllers: Controller[] = [];
  private elector: LeaderElector | undefined;
  private leaderSignal: AbortSignal | undefined;
  private started = false;

  constructor(options: ManagerOptions) {
    this.options = options;
    this.client = options.client;
    this.log = options.logger ?? pino({ level: 'silent' });
  }

  /**
   * The shared informer of a kind, or of the objects of a kind matching `labelSelector` (created on
   * first use; indexers may be added before start). A selector keeps a cache to what a controller
   * owns instead of every Deployment or Service in the cluster.
   */
  informer(resource: WatchedResource, indexers: InformerOptions['indexers'] = {}): Informer {
    const id = informerId(resource);
    let informer = this.informers.get(id);
    if (!informer) {
      const { labelSelector, ...descriptor } = resource;
      informer = new Informer(this.client, {
        ...this.options.informerDefaults, resource: descriptor, logger: this.log,
        ...(labelSelector ? { labelSelector } : {}),
        ...(this.options.namespace && resource.namespaced ? { namespace: this.options.namespace } : {}),
      });
      this.informers.set(id, informer);
      if (this.started) informer.start();
    }
    for (const [name, fn] of Object.entries(indexers)) informer.cache.addIndexer(name, fn);
    return informer;
  }

  /** Registers a reconciler and the kinds it watches. */
  addController(options: ControllerOptions): Controller {
    const controller = new Controller(options, this.log, this.options.metrics);
    for (const source of controller.sources()) {
      this.informer(source.resource).onChange((event) => {
        for (const key of source.map(event)) controller.enqueue(key);
      });
    }
    this.controllers.push(controller);
    if (this.leaderSignal && !this.leaderSignal.aborted) this.startController(controller, this.leaderSignal);
    return controller;
  }

  get isLeader(): boolean {
    return this.options.leaderElection ? (this.elector?.isLeader ?? false) : this.started;
  }

  /**
   * Resolves when no controller has work queued or in flight, twice in a row a few ms apart
   * (one reconcile's writes come back as events that queue more). Delayed requeues not counted.
   */
  async idle(): Promise<void> {
    for (let settled = 0; settled < 2; ) {
      if (this.controllers.some((c) => c.busy)) {
        settled = 0;
        await Promise.all(this.controllers.map((c) => c.idle()));
      } else settled++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** True once every informer has listed once. */
  hasSynced(): boolean {
    return [...this.informers.values()].every((i) => i.hasSynced());
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const informer of this.informers.values()) informer.start();
    await Promise.all([...this.informers.values()].map((i) => i.waitForSync()));
    if (this.options.leaderElection) {
      this.elector = new LeaderElector(this.client, {
        ...this.options.leaderElection, logger: this.log,
        ...(this.options.metrics ? { metrics: this.options.metrics } : {}),
        onStartedLeading: (signal) => this.lead(signal),
        onStoppedLeading: () => { void this.stopControllers(); },
      });
      this.elector.start();
    } else {
      this.lead(new AbortController().signal);
    }
  }

  /**
   * Stops everything. `release: false` simulates a crash for tests: the lease is kept until
   * it expires.
   */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    await this.elector?.stop({ release: options.release ?? true });
    await this.stopControllers();
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
    this.started = false;
  }

  private lead(signal: AbortSignal): void {
    this.leaderSignal = signal;
    for (const controller of this.controllers) this.startController(controller, signal);
  }

  private startController(controller: Controller, signal: AbortSignal): void {
    if (controller.running) return;
    const keys = this.informer(controller.options.for).cache.keys();
    controller.start({ client: this.client, signal, informer: (r) => this.informer(r) }, keys);
  }

  private async stopControllers(): Promise<void> {
    this.leaderSignal = undefined;
    await Promise.all(this.controllers.map((c) => c.stop()));
  }
}
