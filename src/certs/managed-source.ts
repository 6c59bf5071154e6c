// A source that issues and renews its own certificates into a MaterialStore: development
// (a directory) and, with a Secret-backed store, the self-managed in-cluster mode. Renewal
// follows planRenewal; each renewal is saved with compare-and-swap, and a writer that loses the
// race serves what the winner stored. Renewal failures keep the current pair and retry.
import { planFor, renewMaterial } from './authority.ts';
import { coalescing } from './coalesce.ts';
import type { IssuePolicy } from './issue.ts';
import type { MaterialStore } from './material-store.ts';
import { PublishingSource, servingPair, type SourceOptions } from './source.ts';
import { systemClock, type CertificateMaterial, type Clock, type ServingPair } from './types.ts';
import { checkServingPair } from './x509.ts';

export interface ManagedSourceOptions extends SourceOptions {
  /** Metrics label and log field: development, cluster. */
  name: string;
  store: MaterialStore;
  policy: IssuePolicy;
  clock?: Clock;
  /** Look again at least this often even when nothing is due (clock jumps, missed watch events). */
  maxCheckIntervalMs?: number;
  /** After a failed renewal or store error. */
  retryIntervalMs?: number;
  /**
   * Whether this replica may issue now (the certificate Lease holder, in a cluster). When false,
   * a due renewal is left to the writer: the stored pair is served while it is still valid, and
   * the store's watch brings the writer's renewal. Default: always (compare-and-swap suffices).
   */
  mayIssue?: () => boolean;
}

const MAX_SAVE_ATTEMPTS = 3;

export class ManagedCertificateSource extends PublishingSource {
  readonly name: string;
  private readonly store: MaterialStore;
  private readonly policy: IssuePolicy;
  private readonly clock: Clock;
  private readonly maxCheckIntervalMs: number;
  private readonly retryIntervalMs: number;
  private readonly mayIssue: () => boolean;
  private readonly syncs = coalescing(() => this.syncOnce(), () => this.closed);
  private timer: NodeJS.Timeout | undefined;
  private unwatch: (() => void) | undefined;
  private closed = false;
  private material: CertificateMaterial | undefined;
  /** When the next renewal check is due (for tests and readiness detail). */
  nextCheckAt: Date | undefined;

  constructor(options: ManagedSourceOptions) {
    super(options);
    this.name = options.name;
    this.store = options.store;
    this.policy = options.policy;
    this.clock = options.clock ?? systemClock;
    this.maxCheckIntervalMs = options.maxCheckIntervalMs ?? 60 * 60 * 1000;
    this.retryIntervalMs = options.retryIntervalMs ?? 30_000;
    this.mayIssue = options.mayIssue ?? (() => true);
  }

  async start(): Promise<ServingPair> {
    this.unwatch = this.store.watch?.(() => void this.sync());
    await this.sync();
    return this.ready;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.unwatch?.();
    await this.syncs.idle();
  }

  /** The full material last loaded or issued (CA key included); for caBundle injection and the CLI. */
  currentMaterial(): CertificateMaterial | undefined {
    return this.material;
  }

  /** Loads, renews what is due, serves the result and schedules the next check. */
  sync(): Promise<void> {
    return this.syncs.run();
  }

  private async syncOnce(): Promise<void> {
    if (this.closed) return;
    try {
      const material = await this.loadAndRenew();
      this.material = material;
      this.serve(material);
      const plan = planFor(material, this.policy, this.clock());
      // Still due only when following another writer: look again later (the watch may come first).
      const due = plan.renewCa || plan.renewLeaf;
      this.schedule(due ? this.retryIntervalMs : plan.nextCheckAt.getTime() - this.clock());
    } catch (error) {
      this.rejectUpdate(`certificate renewal via ${this.store.description} failed: ${(error as Error).message}`);
      this.schedule(this.retryIntervalMs);
    }
  }

  private async loadAndRenew(): Promise<CertificateMaterial> {
    for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
      const stored = await this.store.load();
      if (!this.mayIssue()) {
        const followed = this.followStored(stored?.material);
        if (followed) return followed;
      }
      const outcome = await renewMaterial(stored?.material, this.policy, this.clock());
      if (!outcome.renewed) return outcome.material;
      const result = await this.store.save(outcome.material, stored?.version);
      if (result === 'saved') {
        this.logger.info(
          { source: this.name, store: this.store.description, renewCa: outcome.plan.renewCa, reasons: outcome.plan.reasons },
          'certificates issued',
        );
        return outcome.material;
      }
      this.logger.info({ source: this.name, store: this.store.description, attempt }, 'another writer renewed first; re-reading');
    }
    throw new Error(`gave up after ${MAX_SAVE_ATTEMPTS} conflicting writes`);
  }

  /** Material a non-writer serves as stored; undefined when nothing is due (the normal path). */
  private followStored(material: Partial<CertificateMaterial> | undefined): CertificateMaterial | undefined {
    const plan = planFor(material, this.policy, this.clock());
    if (!plan.renewCa && !plan.renewLeaf) return undefined;
    const { caCert, caKey, cert, key } = material ?? {};
    if (caCert && caKey && cert && key && checkServingPair(cert, key, this.clock()).ok) {
      return { caCert, caKey, cert, key, caBundle: material?.caBundle || caCert };
    }
    throw new Error(`waiting for the certificate writer to issue (${plan.reasons.join('; ')})`);
  }

  private serve(material: CertificateMaterial): void {
    const check = checkServingPair(material.cert, material.key, this.clock());
    if (!check.ok) throw new Error(`stored serving certificate is unusable: ${check.reason}`);
    if (check.leaf.serialNumber === this.current()?.serialNumber) return;
    this.publish(servingPair(material.cert, material.key, material.caBundle, check.leaf));
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    // Also keeps the delay under setTimeout's 2^31-1 ms limit (longer delays fire at once).
    const delay = Math.min(Math.max(delayMs, 0), this.maxCheckIntervalMs);
    this.nextCheckAt = new Date(this.clock() + delay);
    this.timer = setTimeout(() => void this.sync(), delay);
    this.timer.unref();
  }
}
