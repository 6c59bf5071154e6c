// Keeps the caBundle of kongward's webhook configuration and CRD conversion webhooks equal to
// the CA bundle (ca.crt: the current CA plus previous ones during a rotation). Each target is
// checked when the bundle may have changed (`syncAll`), on its own watch events (so an edited
// or re-applied object is repaired at once), and periodically. A check reads the object first
// and the bundle second, and patches with a resourceVersion test: a replica holding an older
// bundle cannot overwrite a newer one written after its read. Equal values: no write.
// Failures retry per target with capped exponential backoff.
import { backoffDelay, type BackoffOptions } from '../controller/runtime/backoff.ts';
import { isConflict, isNotFound, KubeApiError, type KubeClient } from '../controller/runtime/kube-client.ts';
import type { KubeObject } from '../controller/runtime/types.ts';
import { caBundlePatch, type CaBundleTarget } from './ca-bundle-targets.ts';
import { coalescing, type Coalesced } from './coalesce.ts';
import { watchNamedObject } from './named-watch.ts';
import { caBundleField } from './secret-layout.ts';
import { silentLogger, type CertLogger } from './types.ts';

export interface CaBundleInjectorOptions {
  client: KubeClient;
  targets: CaBundleTarget[];
  /** The PEM bundle to inject, read at each check (the CA Secret's ca.crt); undefined: none yet. */
  bundle: () => Promise<string | undefined>;
  /** Re-check every target this often. Default 5 min; 0 = never. */
  resyncIntervalMs?: number;
  /** Retry after a failed check. Default 500 ms doubling to 60 s. */
  backoff?: BackoffOptions;
  /** Watch each target and re-check on its events. Default true. */
  watch?: boolean;
  fieldManager?: string;
  logger?: CertLogger;
}

export interface InjectorStats {
  checks: number;
  patches: number;
  errors: number;
}

interface TargetState {
  target: CaBundleTarget;
  runs: Coalesced;
  failures: number;
  retry: NodeJS.Timeout | undefined;
}

/** A patch whose resourceVersion test failed, or a 409: the object changed since we read it. */
const changedMeanwhile = (error: unknown) => isConflict(error) || (error instanceof KubeApiError && error.code === 422);
const CHANGED_RETRIES = 3;

export class CaBundleInjector {
  readonly stats: InjectorStats = { checks: 0, patches: 0, errors: 0 };
  private readonly options: CaBundleInjectorOptions;
  private readonly logger: CertLogger;
  private readonly states: TargetState[];
  private readonly stops: (() => void)[] = [];
  private closed = false;

  constructor(options: CaBundleInjectorOptions) {
    this.options = options;
    this.logger = options.logger ?? silentLogger;
    this.states = options.targets.map((target) => {
      const state: TargetState = { target, runs: undefined as unknown as Coalesced, failures: 0, retry: undefined };
      state.runs = coalescing(() => this.check(state), () => this.closed);
      return state;
    });
  }

  /** Starts the watches and the periodic re-check, and checks every target once. */
  start(): Promise<void> {
    const { client, logger } = this.options;
    if (this.options.watch !== false) {
      for (const state of this.states) {
        const { resource, name } = state.target;
        this.stops.push(watchNamedObject({ client, resource, name, onEvent: () => void state.runs.run(), ...(logger ? { logger } : {}) }));
      }
    }
    const every = this.options.resyncIntervalMs ?? 5 * 60 * 1000;
    if (every > 0) {
      const timer = setInterval(() => void this.syncAll(), every);
      timer.unref();
      this.stops.push(() => clearInterval(timer));
    }
    return this.syncAll();
  }

  /** Checks every target now (call when the bundle may have changed). Never rejects. */
  async syncAll(): Promise<void> {
    await Promise.all(this.states.map((state) => state.runs.run()));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const stop of this.stops.splice(0)) stop();
    for (const state of this.states) clearTimeout(state.retry);
    await Promise.all(this.states.map((state) => state.runs.idle()));
  }

  private async check(state: TargetState): Promise<void> {
    if (this.closed) return;
    const { resource, name } = state.target;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.checkOnce(state.target);
          break;
        } catch (error) {
          if (!changedMeanwhile(error) || attempt >= CHANGED_RETRIES) throw error;
        }
      }
      state.failures = 0;
      clearTimeout(state.retry);
      state.retry = undefined;
    } catch (error) {
      this.stats.errors++;
      state.failures++;
      const delay = backoffDelay(state.failures, this.options.backoff ?? { baseMs: 500, maxMs: 60_000 });
      const reason = isNotFound(error) ? 'not found' : describe(error);
      this.logger.warn({ target: `${resource.plural}/${name}`, reason, retryInMs: delay }, 'caBundle injection failed; retrying');
      clearTimeout(state.retry);
      if (this.closed) return;
      state.retry = setTimeout(() => void state.runs.run(), delay);
      state.retry.unref();
    }
  }

  private async checkOnce(target: CaBundleTarget): Promise<void> {
    const { client } = this.options;
    this.stats.checks++;
    const object = await client.get<KubeObject>(target.resource, undefined, target.name);
    const pem = await this.options.bundle();
    if (!pem) return;
    const patch = caBundlePatch(target, object, caBundleField(pem));
    if (!patch) return;
    await client.patch(target.resource, undefined, target.name, 'json', patch, { fieldManager: this.options.fieldManager ?? 'kongward' });
    this.stats.patches++;
    this.logger.info({ target: `${target.resource.plural}/${target.name}`, fields: patch.length - 1 }, 'caBundle updated');
  }
}

function describe(error: unknown): string {
  if (error instanceof KubeApiError) return `${error.code} ${error.reason}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
