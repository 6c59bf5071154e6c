// Renewal through the Secrets with the fake clock: the writer renews the leaf at 2/3 of its life
// and the CA once less than 1/3 is left (re-issuing the leaf under it), followers serve what the
// writer stored and never write, and the caBundle follows the rotation keeping the old CA.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { CaBundleInjector } from '../../src/certs/ca-bundle-injector.ts';
import { webhookConfigurationTarget } from '../../src/certs/ca-bundle-targets.ts';
import { caRenewalTime, leafRenewalTime } from '../../src/certs/renewal.ts';
import { caBundleField } from '../../src/certs/secret-layout.ts';
import { splitPemBundle } from '../../src/certs/x509.ts';
import { CA_SECRET, fakeClock, NAMESPACE, replica, secretStore, startCluster, until } from './cluster-support.ts';
import { DAY, nextChange } from './support.ts';

const WEBHOOK_CONFIGURATION = {
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'kongward' },
  webhooks: [{ name: 'validate.kongward.dev', clientConfig: { service: { name: 'kongward-webhook', namespace: NAMESPACE, path: '/validate' } } }],
};

test('leaf at 2/3, CA with less than 1/3 left; followers serve what the writer stored; caBundle keeps the old CA', async (t) => {
  const { server, client } = await startCluster(t);
  server.seed(WEBHOOK_CONFIGURATION);
  const clock = fakeClock();
  const writer = replica(t, client(), clock.now, { mayIssue: () => true });
  const follower = replica(t, client(), clock.now, { mayIssue: () => false });
  const bundleStore = secretStore(client());
  const injector = new CaBundleInjector({
    client: client(), targets: [webhookConfigurationTarget('kongward')], bundle: () => bundleStore.caBundle(), resyncIntervalMs: 0, watch: false,
  });
  t.after(() => injector.close());
  const caBundle = () => (server.object('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', undefined, 'kongward') as unknown as
    { webhooks: { clientConfig: { caBundle?: string } }[] }).webhooks[0]?.clientConfig.caBundle;
  const caSecretRv = () => server.object('v1', 'Secret', NAMESPACE, CA_SECRET)?.metadata.resourceVersion;

  // Bootstrap: the follower waits for the writer, then serves the same pair.
  const followerReady = follower.start();
  const first = await writer.start();
  assert.equal((await followerReady).serialNumber, first.serialNumber);
  await injector.start();
  const firstCa = writer.currentMaterial()!.caCert;
  assert.equal(caBundle(), caBundleField(firstCa));

  // Leaf: 30 days, renewed at 2/3 (day 20). Just before: nothing changes.
  const leafDue = leafRenewalTime(first.notBefore.getTime(), first.notAfter.getTime());
  assert.ok(Math.abs(leafDue - (first.notBefore.getTime() + 20 * DAY)) < 10 * 60_000);
  clock.set(leafDue - 1000);
  await writer.sync();
  assert.equal(writer.current()?.serialNumber, first.serialNumber);

  // Past 2/3 a follower that looks first keeps serving the stored, still valid pair and writes nothing.
  clock.set(leafDue + 1000);
  server.resetCounts();
  await follower.sync();
  assert.equal(follower.current()?.serialNumber, first.serialNumber);
  assert.equal(server.requestCount('update', 'secrets') + server.requestCount('create', 'secrets'), 0);

  // The writer renews the leaf under the same CA; the follower follows the watch.
  const caRv = caSecretRv();
  const followed = nextChange(follower);
  await writer.sync();
  const second = writer.current()!;
  assert.notEqual(second.serialNumber, first.serialNumber);
  assert.equal((await followed).serialNumber, second.serialNumber);
  assert.equal(caSecretRv(), caRv, 'a leaf renewal leaves the CA Secret alone');
  assert.equal(writer.currentMaterial()!.caCert, firstCa);
  server.resetCounts();
  await injector.syncAll();
  assert.equal(server.requestCount('patch'), 0, 'same CA: the caBundle is not rewritten');

  // CA: 90 days, less than 1/3 left after day 60: a new CA, the leaf re-issued under it.
  const ca = new X509Certificate(firstCa);
  const caDue = caRenewalTime(Date.parse(ca.validFrom), Date.parse(ca.validTo));
  clock.set(caDue - 1000);
  await writer.sync();
  assert.equal(writer.currentMaterial()!.caCert, firstCa, 'one second before: the CA stays (the leaf, due since day 40, is renewed)');
  await until(() => follower.current()?.serialNumber === writer.current()?.serialNumber, 'the follower to serve the renewed leaf');
  clock.set(caDue + 1000);
  const rotated = nextChange(follower);
  await writer.sync();
  const material = writer.currentMaterial()!;
  assert.notEqual(material.caCert, firstCa);
  assert.ok(new X509Certificate(material.cert).checkIssued(new X509Certificate(material.caCert)));
  assert.deepEqual(splitPemBundle(material.caBundle).map((pem) => new X509Certificate(pem).fingerprint256),
    [material.caCert, firstCa].map((pem) => new X509Certificate(pem).fingerprint256), 'new CA first, the old one kept');
  assert.equal((await rotated).cert, material.cert);
  await until(() => follower.currentMaterial()?.caBundle === material.caBundle, 'the follower to hold the new bundle');

  await injector.syncAll();
  assert.equal(caBundle(), caBundleField(material.caBundle));
});
