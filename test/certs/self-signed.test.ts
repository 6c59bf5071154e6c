// `kongward serve --self-signed` certificates end to end against the Kubernetes API test server:
// two replicas campaign for the Lease, one writes the Secrets, both serve the same pair, the
// apiserver-facing caBundles verify it over TLS, and the other replica takes over on shutdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { followCertificateSource } from '../../src/certs/source.ts';
import { leafRenewalTime } from '../../src/certs/renewal.ts';
import { selfSignedCertificateSource, type SelfSignedOptions } from '../../src/cli/serve-self-signed.ts';
import { buildCrds } from '../../src/crds/generate.ts';
import { defaultNames } from '../../src/deploy/names.ts';
import type { KubeObject } from '../../src/controller/runtime/types.ts';
import { CA_SECRET, fakeClock, NAMESPACE, SERVING_SECRET, startCluster, until } from './cluster-support.ts';
import { DAY, keyPool, nextChange } from './support.ts';

const WEBHOOK_CONFIGURATION = {
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: defaultNames.webhookConfiguration },
  webhooks: ['a', 'b'].map((name) => ({ name: `${name}.kongward.dev`, clientConfig: { service: { name: defaultNames.service, namespace: NAMESPACE, path: '/validate' } } })),
};
// Long enough that a loaded CI machine never loses the Lease by a late renewal; takeover in these
// tests comes from the writer releasing it on shutdown, which the retry period picks up at once.
const FAST_LEASE = { leaseDurationMs: 5000, renewDeadlineMs: 3500, retryPeriodMs: 30 };

async function cluster(t: Parameters<typeof startCluster>[0], options: Partial<SelfSignedOptions> = {}) {
  const { server, client } = await startCluster(t);
  server.seed(WEBHOOK_CONFIGURATION, ...(buildCrds() as unknown as KubeObject[]));
  const replicas = ['a', 'b'].map((identity) => {
    const source = selfSignedCertificateSource({
      client: client(), identity, lease: FAST_LEASE, retryIntervalMs: 50, injector: { resyncIntervalMs: 0, backoff: { baseMs: 10, maxMs: 100 } },
      policy: { keys: keyPool(), leafLifetimeMs: 30 * DAY, caLifetimeMs: 90 * DAY }, ...options,
    });
    t.after(() => source.close());
    return source;
  });
  return { server, replicas: replicas as [typeof replicas[0], typeof replicas[0]] };
}

function caBundles(server: Awaited<ReturnType<typeof startCluster>>['server']): (string | undefined)[] {
  type WithBundles = { webhooks?: { clientConfig: { caBundle?: string } }[]; spec?: { conversion?: { webhook?: { clientConfig: { caBundle?: string } } } } };
  const config = server.object('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', undefined, defaultNames.webhookConfiguration) as unknown as WithBundles;
  const crds = (buildCrds() as unknown as KubeObject[]).filter((crd) => (crd.spec as { conversion?: unknown }).conversion)
    .map((crd) => server.object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', undefined, crd.metadata.name!) as unknown as WithBundles);
  return [...(config.webhooks ?? []).map((w) => w.clientConfig.caBundle), ...crds.map((crd) => crd.spec?.conversion?.webhook?.clientConfig.caBundle)];
}

test('one Lease holder writes; both replicas serve its pair; every caBundle verifies it over TLS', async (t) => {
  const { server, replicas } = await cluster(t);
  const [pairA, pairB] = await Promise.all(replicas.map((r) => r.start()));
  assert.equal(pairA!.serialNumber, pairB!.serialNumber);
  await until(() => replicas.filter((r) => r.isWriter).length === 1, 'exactly one replica to hold the Lease', 5000);
  const lease = server.object('coordination.k8s.io/v1', 'Lease', NAMESPACE, defaultNames.selfSigned.lease) as { spec?: { holderIdentity?: string } } | undefined;
  assert.equal(lease?.spec?.holderIdentity, replicas[0].isWriter ? 'a' : 'b');
  for (const name of [CA_SECRET, SERVING_SECRET]) {
    assert.equal(server.object('v1', 'Secret', NAMESPACE, name)?.metadata.labels?.['app.kubernetes.io/part-of'], 'kongward');
  }

  const caCrt = (server.object('v1', 'Secret', NAMESPACE, CA_SECRET) as unknown as { data: Record<string, string> }).data['ca.crt'];
  await until(() => caBundles(server).every((value) => value === caCrt), 'every caBundle to equal the CA Secret\'s ca.crt');
  assert.equal(caBundles(server).length, 2 + 4);

  // What kube-apiserver does: trust exactly the injected caBundle and call the Service name.
  const follower = replicas.find((r) => !r.isWriter)!;
  const served = follower.current()!;
  const httpsServer = tls.createServer({ cert: served.cert, key: served.key }, (socket) => socket.end('ok'));
  t.after(() => httpsServer.close());
  followCertificateSource(httpsServer, follower);
  httpsServer.listen(0, '127.0.0.1');
  await once(httpsServer, 'listening');
  const socket = tls.connect({
    port: (httpsServer.address() as AddressInfo).port, host: '127.0.0.1',
    servername: `${defaultNames.service}.${NAMESPACE}.svc`, ca: Buffer.from(caBundles(server)[0]!, 'base64').toString('utf8'),
  });
  await once(socket, 'secureConnect');
  assert.equal(socket.authorized, true);
  assert.equal(socket.getPeerX509Certificate()?.serialNumber, served.serialNumber);
  socket.destroy();
});

test('the writer hands the Lease over on shutdown; the next one renews what is due', async (t) => {
  const clock = fakeClock(Date.now());
  const { server, replicas } = await cluster(t, { clock: clock.now });
  await Promise.all(replicas.map((r) => r.start()));
  // start() resolves once a pair is served, which can be before the Lease is settled.
  await until(() => replicas.filter((r) => r.isWriter).length === 1, 'exactly one replica to hold the Lease', 5000);
  const writer = replicas.find((r) => r.isWriter)!;
  const other = replicas.find((r) => r !== writer)!;
  const first = other.current()!;

  clock.set(leafRenewalTime(first.notBefore.getTime(), first.notAfter.getTime()) + 1000);
  server.resetCounts();
  const storedCert = () => Buffer.from((server.object('v1', 'Secret', NAMESPACE, SERVING_SECRET) as unknown as { data: Record<string, string> }).data['tls.crt']!, 'base64').toString('utf8');
  const renewed = nextChange(other);
  await other.managed.sync();
  // The follower never issues: it serves whatever is stored. The writer may already have renewed
  // the due leaf (its Lease renewals re-check); then the follower serves that, via the watch.
  assert.equal(other.isWriter, false);
  await until(() => other.current()?.cert === storedCert(), 'the follower to serve the stored pair', 3000);
  assert.ok(server.requestCount('update', 'secrets') <= 1, 'at most the writer\'s one leaf renewal was written');

  await writer.close();
  await until(() => other.isWriter, 'the other replica to take the Lease', 2000);
  assert.notEqual((await renewed).serialNumber, first.serialNumber, 'the due leaf was renewed (by the old writer or the new one)');
  const stored = server.object('v1', 'Secret', NAMESPACE, SERVING_SECRET) as unknown as { data: Record<string, string> };
  assert.equal(Buffer.from(stored.data['tls.crt']!, 'base64').toString('utf8'), other.current()!.cert);
});
