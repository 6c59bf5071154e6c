// Helpers for the self-managed (in-cluster) certificate tests: a Kubernetes API test server that
// also serves webhook configurations and CRDs, one client per replica, a fake clock, waiting.
import { KubeClient } from '../../src/controller/runtime/kube-client.ts';
import type { IssuePolicy } from '../../src/certs/issue.ts';
import { ManagedCertificateSource } from '../../src/certs/managed-source.ts';
import { SecretMaterialStore } from '../../src/certs/secret-store.ts';
import { KubeApiServer } from '../support/kube-apiserver/index.ts';
import { webhookTypes } from '../support/kube-apiserver/webhook-types.ts';
import { DAY, keyPool, T0 } from './support.ts';

export const NAMESPACE = 'kongward-system';
export const CA_SECRET = 'kongward-ca';
export const SERVING_SECRET = 'kongward-webhook-tls';

type TestContext = { after(fn: () => Promise<void> | void): void };

export async function startCluster(t: TestContext) {
  const server = await KubeApiServer.start({ bookmarkIntervalMs: 100, extraTypes: webhookTypes });
  const clients: KubeClient[] = [];
  t.after(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
  });
  /** A client of its own, as each replica has. */
  const client = () => {
    const c = new KubeClient(server.kubeConfig());
    clients.push(c);
    return c;
  };
  return { server, client };
}

/** A clock the test moves by hand. */
export function fakeClock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => { now += ms; }, set: (ms: number) => { now = ms; } };
}

export const policy = (overrides: Partial<IssuePolicy> = {}): IssuePolicy => ({
  service: 'kongward-webhook', namespace: NAMESPACE, caLifetimeMs: 90 * DAY, leafLifetimeMs: 30 * DAY, keys: keyPool(), ...overrides,
});

export function secretStore(client: KubeClient) {
  return new SecretMaterialStore({ client, namespace: NAMESPACE, caSecret: CA_SECRET, servingSecret: SERVING_SECRET });
}

/** A replica's source over the Secrets; closed after the test. */
export function replica(t: TestContext, client: KubeClient, clock: () => number, extra: { mayIssue?: () => boolean; policy?: Partial<IssuePolicy> } = {}) {
  const source = new ManagedCertificateSource({
    name: 'cluster', store: secretStore(client), policy: policy(extra.policy), clock, retryIntervalMs: 50,
    ...(extra.mayIssue ? { mayIssue: extra.mayIssue } : {}),
  });
  t.after(() => source.close());
  return source;
}

export async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
