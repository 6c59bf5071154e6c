// `kongward serve --self-signed`: certificates kongward issues and renews itself inside the
// cluster. The CA and serving pair live in two Secrets (the shared source of truth); the holder
// of a Lease is the one writer (others serve what it stored and follow the Secrets' watch);
// every replica keeps the caBundle of the webhook configuration and of the converting CRDs
// equal to the CA Secret's ca.crt. Compare-and-swap on the Secrets keeps two writers safe
// even if the Lease is briefly held twice (or switched off with `lease: false`).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { CaBundleInjector } from '../certs/ca-bundle-injector.ts';
import { selfSignedTargets } from '../certs/ca-bundle-targets.ts';
import type { IssuePolicy } from '../certs/issue.ts';
import { ManagedCertificateSource } from '../certs/managed-source.ts';
import type { CertificateMetrics } from '../certs/metrics.ts';
import { SecretMaterialStore } from '../certs/secret-store.ts';
import type { CertificateSource } from '../certs/source.ts';
import type { Clock, ServingPair } from '../certs/types.ts';
import type { BackoffOptions } from '../controller/runtime/backoff.ts';
import type { KubeClient } from '../controller/runtime/kube-client.ts';
import { LeaderElector } from '../controller/runtime/leader-election.ts';
import { defaultNames, partOfLabels, type DeployNames } from '../deploy/names.ts';

export interface SelfSignedOptions {
  /** The caller owns it (and closes it after `close()`). */
  client: KubeClient;
  /** Secret, Lease, webhook configuration names; `service`/`namespace` also name the certificate. */
  names?: Partial<DeployNames>;
  /** Lifetimes and extra SANs; service and namespace come from `names`. */
  policy?: Partial<IssuePolicy>;
  /** Lease identity; default `<hostname>_<uuid>` like client-go. */
  identity?: string;
  /** Lease timings (defaults 15 s / 10 s / 2 s); false: every replica may write (compare-and-swap only). */
  lease?: false | { leaseDurationMs?: number; renewDeadlineMs?: number; retryPeriodMs?: number };
  injector?: { resyncIntervalMs?: number; backoff?: BackoffOptions };
  /** Retry after a failed renewal or while waiting for the writer. Default 10 s. */
  retryIntervalMs?: number;
  clock?: Clock;
  metrics?: CertificateMetrics;
  logger?: Logger;
}

export class SelfSignedCertificateSource implements CertificateSource {
  readonly name = 'cluster';
  readonly managed: ManagedCertificateSource;
  readonly injector: CaBundleInjector;
  readonly elector: LeaderElector | undefined;
  private readonly unsubscribe: () => void;

  constructor(options: SelfSignedOptions) {
    const names = { ...defaultNames, ...options.names };
    const logger = options.logger;
    const store = new SecretMaterialStore({
      client: options.client, namespace: names.namespace, caSecret: names.selfSigned.caSecret, servingSecret: names.selfSigned.servingSecret,
      labels: { ...partOfLabels }, ...(logger ? { logger } : {}),
    });
    this.elector = options.lease === false ? undefined : new LeaderElector(options.client, {
      namespace: names.namespace, name: names.selfSigned.lease, identity: options.identity ?? `${hostname()}_${randomUUID()}`,
      ...options.lease,
      onStartedLeading: () => void this.managed.sync(),
      ...(logger ? { logger } : {}),
    });
    const elector = this.elector;
    this.managed = new ManagedCertificateSource({
      name: this.name, store,
      policy: { ...options.policy, service: names.service, namespace: names.namespace },
      retryIntervalMs: options.retryIntervalMs ?? 10_000,
      ...(elector ? { mayIssue: () => elector.isLeader } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.metrics ? { metrics: options.metrics } : {}),
      ...(logger ? { logger } : {}),
    });
    this.injector = new CaBundleInjector({
      client: options.client, targets: selfSignedTargets(names), bundle: () => store.caBundle(),
      ...options.injector, ...(logger ? { logger } : {}),
    });
    this.unsubscribe = this.managed.onChange(() => void this.injector.syncAll());
  }

  get ready(): Promise<ServingPair> {
    return this.managed.ready;
  }

  /** Whether this replica currently holds the certificate Lease (always true without one). */
  get isWriter(): boolean {
    return this.elector?.isLeader ?? true;
  }

  /** Campaigns for the Lease, starts injecting, and resolves with the first pair stored. */
  async start(): Promise<ServingPair> {
    this.elector?.start();
    void this.injector.start();
    const pair = await this.managed.start();
    // The first pair is not announced through onChange; its bundle may be new to the targets.
    void this.injector.syncAll();
    return pair;
  }

  current(): ServingPair | undefined {
    return this.managed.current();
  }

  onChange(listener: (pair: ServingPair) => void): () => void {
    return this.managed.onChange(listener);
  }

  /** Stops renewing and injecting, and hands the Lease back so another replica takes over at once. */
  async close(): Promise<void> {
    this.unsubscribe();
    await Promise.all([this.managed.close(), this.injector.close()]);
    await this.elector?.stop({ release: true });
  }
}

/** The certificate source for `kongward serve --self-signed`. */
export function selfSignedCertificateSource(options: SelfSignedOptions): SelfSignedCertificateSource {
  return new SelfSignedCertificateSource(options);
}
