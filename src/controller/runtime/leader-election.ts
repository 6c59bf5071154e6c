// Leader election on a coordination.k8s.io/v1 Lease, with client-go's rules: a lease is
// expired when its record has not changed for leaseDuration as observed locally (no
// clock-skew trust), the leader renews every retryPeriod and steps down at once when it
// could not renew within renewDeadline. Defaults 15 s / 10 s / 2 s (controller-runtime).
import { pino, type Logger } from 'pino';
import { jittered, sleep } from './backoff.ts';
import { isConflict, isNotFound, type KubeClient } from './kube-client.ts';
import type { RuntimeMetrics } from './metrics.ts';
import { coreResources, type KubeObject } from './types.ts';

export interface LeaderElectionOptions {
  namespace: string;
  name: string;
  identity: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Called on becoming leader; the signal aborts the moment leadership is lost. */
  onStartedLeading: (signal: AbortSignal) => void;
  onStoppedLeading?: () => void;
  metrics?: RuntimeMetrics;
  logger?: Logger;
}

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}
type Lease = KubeObject & { spec?: LeaseSpec };

/** MicroTime as Kubernetes writes it: `2006-01-02T15:04:05.000000Z`. */
const microTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

export class LeaderElector {
  private readonly client: KubeClient;
  private readonly options: Required<Pick<LeaderElectionOptions, 'leaseDurationMs' | 'renewDeadlineMs' | 'retryPeriodMs'>> & LeaderElectionOptions;
  private readonly log: Logger;
  private observedRecord = '';
  private observedAt = 0;
  private leading: AbortController | undefined;
  private stopController = new AbortController();
  private running: Promise<void> | undefined;

  constructor(client: KubeClient, options: LeaderElectionOptions) {
    this.client = client;
    this.options = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000, ...options };
    if (this.options.renewDeadlineMs >= this.options.leaseDurationMs) throw new Error('leader election: renewDeadline must be shorter than leaseDuration');
    this.log = (options.logger ?? pino({ level: 'silent' })).child({ lease: `${options.namespace}/${options.name}`, identity: options.identity });
    this.options.metrics?.leaderStatus.set({ name: options.name }, 0);
  }

  get isLeader(): boolean {
    return this.leading !== undefined;
  }

  start(): void {
    if (this.running) return;
    this.stopController = new AbortController();
    this.running = this.loop().catch((err: unknown) => this.log.error({ err }, 'leader election loop ended unexpectedly'));
  }

  /** Stops campaigning; with `release`, a leader hands the lease back so others take over at once. */
  async stop(options: { release?: boolean } = { release: true }): Promise<void> {
    this.stopController.abort();
    await this.running;
    this.running = undefined;
    const wasLeader = this.isLeader;
    this.stepDown('stopped');
    if (wasLeader && options.release !== false) {
      await this.release().catch((err: unknown) => this.log.warn({ err: String(err) }, 'could not release the lease'));
    }
  }

  private async loop(): Promise<void> {
    const stop = this.stopController.signal;
    let lastRenew = 0;
    while (!stop.aborted) {
      const ok = await this.tryAcquireOrRenew().catch((err: unknown) => {
        this.log.warn({ err: String(err) }, 'lease update failed');
        return false;
      });
      if (stop.aborted) break;
      if (ok) {
        lastRenew = Date.now();
        if (!this.leading) {
          this.leading = new AbortController();
          this.options.metrics?.leaderStatus.set({ name: this.options.name }, 1);
          this.log.info('became leader');
          try { this.options.onStartedLeading(this.leading.signal); } catch (err) { this.log.error({ err }, 'onStartedLeading threw'); }
        }
      } else if (this.leading && Date.now() - lastRenew >= this.options.renewDeadlineMs) {
        this.stepDown('renew deadline exceeded');
      }
      await sleep(this.leading ? this.options.retryPeriodMs : jittered(this.options.retryPeriodMs, 0.2), stop);
    }
  }

  private stepDown(why: string): void {
    if (!this.leading) return;
    this.leading.abort();
    this.leading = undefined;
    this.options.metrics?.leaderStatus.set({ name: this.options.name }, 0);
    this.log.info({ why }, 'lost leadership');
    try { this.options.onStoppedLeading?.(); } catch (err) { this.log.error({ err }, 'onStoppedLeading threw'); }
  }

  private spec(now: number, previous?: LeaseSpec): LeaseSpec {
    const takingOver = previous?.holderIdentity !== this.options.identity;
    return {
      holderIdentity: this.options.identity,
      leaseDurationSeconds: Math.max(1, Math.ceil(this.options.leaseDurationMs / 1000)),
      acquireTime: takingOver || !previous?.acquireTime ? microTime(now) : previous.acquireTime,
      renewTime: microTime(now),
      leaseTransitions: (previous?.leaseTransitions ?? 0) + (takingOver && previous?.holderIdentity ? 1 : 0),
    };
  }

  /** One attempt; true when this candidate holds the lease afterwards. */
  private async tryAcquireOrRenew(): Promise<boolean> {
    const { namespace, name, identity } = this.options;
    const now = Date.now();
    let lease: Lease;
    try {
      lease = await this.client.get<Lease>(coreResources.lease, namespace, name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await this.client.create<Lease>(coreResources.lease, { metadata: { namespace, name }, spec: this.spec(now) });
      this.observe(undefined, now);
      return true;
    }
    const record = JSON.stringify(lease.spec ?? {});
    if (record !== this.observedRecord) this.observe(record, now);
    const holder = lease.spec?.holderIdentity;
    const expired = this.observedAt + this.options.leaseDurationMs <= now;
    if (holder && holder !== identity && !expired) return false;
    try {
      const updated = await this.client.replace<Lease>(coreResources.lease, { ...lease, spec: this.spec(now, lease.spec) });
      this.observe(JSON.stringify(updated.spec ?? {}), now);
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  private observe(record: string | undefined, at: number): void {
    this.observedRecord = record ?? '';
    this.observedAt = at;
  }

  private async release(): Promise<void> {
    const lease = await this.client.get<Lease>(coreResources.lease, this.options.namespace, this.options.name);
    if (lease.spec?.holderIdentity !== this.options.identity) return;
    await this.client.replace<Lease>(coreResources.lease, { ...lease, spec: { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime(Date.now()) } });
  }
}
