// caBundle injection against the Kubernetes API test server: kongward's webhook configuration
// and the CRDs converting through /convert get the bundle, equal values are not rewritten,
// reverted values are repaired from the watch, failures retry, missing objects are picked up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { CaBundleInjector } from '../../src/certs/ca-bundle-injector.ts';
import { caBundlePatch, crdConversionTarget, selfSignedTargets } from '../../src/certs/ca-bundle-targets.ts';
import { caBundleField } from '../../src/certs/secret-layout.ts';
import type { KubeClient } from '../../src/controller/runtime/kube-client.ts';
import type { KubeObject } from '../../src/controller/runtime/types.ts';
import { buildCrds } from '../../src/crds/generate.ts';
import { defaultNames } from '../../src/deploy/names.ts';
import type { KubeApiServer } from '../support/kube-apiserver/index.ts';
import { startCluster, until } from './cluster-support.ts';
import { issuePairs } from './support.ts';

const WEBHOOKS = 'admissionregistration.k8s.io/v1';
const CRDS = 'apiextensions.k8s.io/v1';
const webhookConfiguration = () => parse(readFileSync(new URL('../../deploy/base/validating-webhook-configuration.yaml', import.meta.url), 'utf8')) as KubeObject;
const crds = buildCrds() as unknown as KubeObject[];
const allCrds = () => crds.map((crd) => structuredClone(crd));
const converting = () => crds.filter((crd) => (crd.spec as { conversion?: unknown }).conversion);

type Webhooks = { webhooks: { clientConfig: { caBundle?: string } }[] };
type Conversion = { spec: { conversion?: { webhook?: { clientConfig: { caBundle?: string } } } } };

/** Every caBundle field the apiserver reads for kongward. */
function injected(server: KubeApiServer): (string | undefined)[] {
  const config = server.object(WEBHOOKS, 'ValidatingWebhookConfiguration', undefined, defaultNames.webhookConfiguration) as unknown as Webhooks;
  const crds = converting().map((crd) => server.object(CRDS, 'CustomResourceDefinition', undefined, crd.metadata.name!) as unknown as Conversion | undefined);
  return [...config.webhooks.map((w) => w.clientConfig.caBundle), ...crds.map((crd) => crd?.spec.conversion?.webhook?.clientConfig.caBundle)];
}

async function setup(t: Parameters<typeof startCluster>[0], options: { seedCrds?: boolean; backoffMs?: number } = {}) {
  const { server, client } = await startCluster(t);
  server.seed(webhookConfiguration(), ...(options.seedCrds === false ? [] : allCrds()));
  const [pairA, pairB] = [(await issuePairs(1))[0]!, (await issuePairs(1))[0]!];
  let bundle: string | undefined = pairA.ca;
  const injector = new CaBundleInjector({
    client: client() as KubeClient, targets: selfSignedTargets(defaultNames), bundle: async () => bundle,
    resyncIntervalMs: 0, backoff: { baseMs: options.backoffMs ?? 10, maxMs: 50 },
  });
  t.after(() => injector.close());
  return { server, client, injector, first: pairA.ca, second: pairB.ca, setBundle: (pem: string | undefined) => { bundle = pem; } };
}

test('targets: the webhook configuration and exactly the CRDs the RBAC lets kongward patch', () => {
  const rbac = parseAllDocuments(readFileSync(new URL('../../deploy/overlays/self-signed/rbac-certificates.yaml', import.meta.url), 'utf8'))
    .map((doc) => doc.toJS() as { kind: string; rules?: { resources: string[]; resourceNames?: string[]; verbs: string[] }[] });
  const patchable = rbac.filter((doc) => doc.kind === 'ClusterRole').flatMap((role) => role.rules ?? [])
    .filter((rule) => rule.verbs.includes('patch')).flatMap((rule) => rule.resources.map((r) => `${r}:${(rule.resourceNames ?? []).join(',')}`));
  const targets = selfSignedTargets(defaultNames);
  const byPlural = (plural: string) => targets.filter((x) => x.resource.plural === plural).map((x) => x.name).join(',');
  assert.deepEqual(patchable.sort(), [
    `customresourcedefinitions:${byPlural('customresourcedefinitions')}`,
    `validatingwebhookconfigurations:${byPlural('validatingwebhookconfigurations')}`,
  ]);
  assert.equal(targets.length, 1 + converting().length);
});

test('patch: none when equal, a resourceVersion test first, nothing for a CRD without a conversion webhook', () => {
  const target = crdConversionTarget('x.example.com');
  const crd = { metadata: { name: 'x.example.com', resourceVersion: '7' }, spec: { conversion: { strategy: 'Webhook', webhook: { clientConfig: { caBundle: 'b2xk' } } } } };
  assert.deepEqual(caBundlePatch(target, crd, 'bmV3'), [
    { op: 'test', path: '/metadata/resourceVersion', value: '7' },
    { op: 'add', path: '/spec/conversion/webhook/clientConfig/caBundle', value: 'bmV3' },
  ]);
  assert.equal(caBundlePatch(target, crd, 'b2xk'), undefined);
  assert.equal(caBundlePatch(target, { metadata: { name: 'x' }, spec: { conversion: { strategy: 'None' } } }, 'bmV3'), undefined);
});

test('injects the bundle everywhere once, and writes nothing while it is unchanged', async (t) => {
  const { server, injector, first } = await setup(t);
  await injector.start();
  const want = caBundleField(first);
  assert.deepEqual(injected(server), injected(server).map(() => want));
  assert.equal(injected(server).length, 2 + 4, 'two webhooks and four converting CRDs');
  const nonConverting = allCrds().find((crd) => !(crd.spec as { conversion?: unknown }).conversion)!;
  assert.equal(JSON.stringify(server.object(CRDS, 'CustomResourceDefinition', undefined, nonConverting.metadata.name!)).includes('caBundle'), false);

  const patches = server.requestCount('patch');
  assert.equal(patches, 1 + 4);
  await injector.syncAll();
  await injector.syncAll();
  assert.equal(server.requestCount('patch'), patches, 'no write when the bundle is already there');
});

test('a new bundle (rotation: new CA plus the old one) replaces the old everywhere', async (t) => {
  const { server, injector, first, second, setBundle } = await setup(t);
  await injector.start();
  const rotated = `${second}${first}`;
  setBundle(rotated);
  await injector.syncAll();
  assert.deepEqual(injected(server), injected(server).map(() => caBundleField(rotated)));
});

test('a reverted caBundle is repaired from the watch, without a periodic resync', async (t) => {
  const { server, client, injector, first } = await setup(t);
  await injector.start();
  await until(() => server.openWatches >= 5, 'the watches to open');
  const other = client();
  const crd = converting()[0]!;
  await other.patch({ group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false },
    undefined, crd.metadata.name!, 'merge', { spec: { conversion: { webhook: { clientConfig: { caBundle: null } } } } });
  await other.patch({ group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingWebhookConfiguration', plural: 'validatingwebhookconfigurations', namespaced: false },
    undefined, defaultNames.webhookConfiguration, 'json', [{ op: 'replace', path: '/webhooks/1/clientConfig/caBundle', value: 'c3RhbGU=' }]);
  const want = caBundleField(first);
  await until(() => injected(server).every((value) => value === want), 'both reverted fields to be repaired');
});

test('failed patches retry with backoff until they succeed', async (t) => {
  const { server, injector, first } = await setup(t);
  server.failNext(3, 500, { verbs: ['patch'], plural: 'validatingwebhookconfigurations' });
  await injector.start();
  await until(() => injected(server)[0] === caBundleField(first), 'the webhook configuration to be patched after the failures');
  assert.ok(injector.stats.errors >= 1);
  assert.deepEqual(injected(server), injected(server).map(() => caBundleField(first)));
});

test('objects created later (CRDs applied after kongward started) get the bundle from their watch', async (t) => {
  const { server, injector, first } = await setup(t, { seedCrds: false, backoffMs: 5_000 });
  await injector.start();
  assert.equal(injected(server)[0], caBundleField(first));
  assert.ok(injector.stats.errors >= 4, 'the missing CRDs were reported');
  await until(() => server.openWatches >= 5, 'the watches to open');
  server.seed(...allCrds());
  await until(() => injected(server).every((value) => value === caBundleField(first)), 'the new CRDs to get the bundle', 2000);
});

test('no bundle yet: nothing is written', async (t) => {
  const { server, injector, setBundle } = await setup(t);
  setBundle(undefined);
  await injector.start();
  assert.equal(server.requestCount('patch'), 0);
  assert.ok(injected(server).every((value) => value === undefined));
});

test('without watch permission (403) a periodic re-check repairs a revert; the refusal is logged once', async (t) => {
  const { server, client } = await startCluster(t);
  server.seed(webhookConfiguration());
  const ca = (await issuePairs(1))[0]!.ca;
  server.failNext(1000, 403, { verbs: ['watch'], reason: 'Forbidden', message: 'watch is forbidden' });
  const warnings: string[] = [];
  const logger = { info() {}, error() {}, warn: (_: object, msg: string) => { warnings.push(msg); } };
  const injector = new CaBundleInjector({
    client: client(), targets: selfSignedTargets(defaultNames).slice(0, 1), bundle: async () => ca, resyncIntervalMs: 100, logger,
  });
  t.after(() => injector.close());
  await injector.start();
  await until(() => warnings.includes('watch forbidden; relying on periodic checks'), 'the refused watch');
  await client().patch({ group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingWebhookConfiguration', plural: 'validatingwebhookconfigurations', namespaced: false },
    undefined, defaultNames.webhookConfiguration, 'json', [{ op: 'replace', path: '/webhooks/0/clientConfig/caBundle', value: 'c3RhbGU=' }]);
  await until(() => injected(server)[0] === caBundleField(ca), 'the periodic re-check to repair the revert', 2000);
  assert.equal(warnings.filter((w) => w.startsWith('watch forbidden')).length, 1);
});
