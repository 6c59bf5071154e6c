// The reference checks in a cluster: objects written through the real client to the Kubernetes
// API test server, watched into the reference caches, and AdmissionReviews posted to the real
// HTTPS /validate with the engine and reference validators composed as `kongward serve` would.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { Registry } from 'prom-client';
import { KubeApiServer } from '../support/kube-apiserver/index.ts';
import { startTestWebhook } from '../support/webhook.ts';
import { KubeClient } from '../../src/controller/runtime/kube-client.ts';
import type { KubeObject, ResourceDescriptor } from '../../src/controller/runtime/types.ts';
import { buildValidators } from '../../src/webhooks/admission/default-validators.ts';
import { startProbeServer } from '../../src/webhooks/probe-server.ts';
import { ClusterReferenceLookup } from '../../src/references/cluster-lookup.ts';
import { referenceValidators } from '../../src/references/validators.ts';
import { cachedKind, cachedKindNames } from '../../src/references/cached-kinds.ts';
import * as f from './fixtures.ts';

type Json = Record<string, unknown>;

async function until(predicate: () => boolean, what: string, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const resourceOf = (kind: string): ResourceDescriptor => {
  const cached = cachedKind(kind);
  assert.ok(cached, kind);
  return cached.resource;
};

async function setup(t: TestContext, options: { latencyMs?: number } = {}) {
  const api = await KubeApiServer.start({ bookmarkIntervalMs: 50 });
  if (options.latencyMs) api.latencyMs = options.latencyMs;
  const client = new KubeClient(api.kubeConfig());
  const lookup = new ClusterReferenceLookup({
    kubeConfig: api.kubeConfig(),
    staleAfterMs: 100,
    informer: { backoff: { baseMs: 20, maxMs: 40 }, staleAfterMs: 5000 },
  });
  const validators = buildValidators();
  for (const { gvk, validator } of referenceValidators(lookup)) validators.register(gvk, validator);
  const webhook = await startTestWebhook({ validators });
  const probe = await startProbeServer({ host: '127.0.0.1', port: 0, metrics: new Registry() });
  probe.addReadinessCheck('reference-caches', () => lookup.synced());
  t.after(async () => {
    await lookup.stop();
    await client.close();
    await webhook.close();
    await probe.close();
    await api.close();
  });
  lookup.start();

  let uid = 0;
  const review = async (operation: 'CREATE' | 'UPDATE' | 'DELETE', object: Json, oldObject: Json | null = null) => {
    const subject = (object ?? oldObject) as { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };
    const [group, version] = subject.apiVersion.includes('/') ? subject.apiVersion.split('/') : ['', subject.apiVersion];
    const { status, json } = await webhook.post('/validate', {
      apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
      request: {
        uid: `review-${++uid}`, kind: { group, version, kind: subject.kind }, name: subject.metadata.name, namespace: subject.metadata.namespace,
        operation, object: operation === 'DELETE' ? null : object, oldObject, userInfo: { username: 'test' },
      },
    });
    assert.equal(status, 200);
    return json.response as { allowed: boolean; warnings?: string[]; status?: { message: string; details?: { causes: { field: string; message: string }[] } } };
  };
  /** Writes through the real client and waits until the reference cache has seen it. */
  const create = async (object: Json) => {
    const kind = String(object.kind);
    const created = await client.create(resourceOf(kind), object as unknown as KubeObject);
    await until(() => lookup.get(kind, created.metadata.namespace, created.metadata.name!)?.metadata.resourceVersion === created.metadata.resourceVersion, `${kind} cached`);
    return created;
  };
  const remove = async (kind: string, name: string, namespace = 'default') => {
    await client.delete(resourceOf(kind), namespace, name);
    await until(() => lookup.get(kind, namespace, name) === undefined, `${kind} ${name} gone from the cache`);
  };
  const readyz = async () => (await request(`${probe.url}/readyz`)).statusCode;
  return { api, lookup, review, create, remove, readyz };
}

test("the user's case: a KongService on a KIC control plane is denied with KGO's message; a group target too", async (t) => {
  const env = await setup(t);
  assert.equal(await env.lookup.waitForSync(), true);
  await env.create(f.auth());
  await env.create(f.controlPlane('gateway-control-plane-kic', f.KIC));
  await env.create(f.controlPlaneV2('group', f.GROUP));
  const kic = await env.review('CREATE', f.service('httpbin-svc-kic', 'gateway-control-plane-kic'));
  assert.equal(kic.allowed, false);
  assert.equal(kic.status?.message,
    'KongService.configuration.konghq.com "httpbin-svc-kic" is invalid: spec.controlPlaneRef: Forbidden: Attaching to ControlPlane default/gateway-control-plane-kic with cluster type CLUSTER_TYPE_K8S_INGRESS_CONTROLLER is not supported');
  assert.deepEqual(kic.status?.details?.causes.map((c) => c.field), ['spec.controlPlaneRef']);
  const group = await env.review('CREATE', f.upstream('up', 'group'));
  assert.equal(group.allowed, false);
  assert.match(group.status!.message, /spec\.controlPlaneRef: Forbidden: Attaching to ControlPlane default\/group with cluster type CLUSTER_TYPE_CONTROL_PLANE_GROUP is not supported$/);
  const ext = await env.review('CREATE', f.konnectExtension('v1alpha2', 'ext', 'gateway-control-plane-kic'));
  assert.equal(ext.allowed, true, 'KonnectExtension attaches to KIC control planes');
});

test('a missing target is allowed with a warning, resolved once it exists; deleting it makes the next review warn', async (t) => {
  const env = await setup(t);
  await env.lookup.waitForSync();
  const svc = f.service('svc', 'later');
  const before = await env.review('CREATE', svc);
  assert.equal(before.allowed, true);
  assert.deepEqual(before.warnings?.map((w) => w.split(';')[0]), ['spec.controlPlaneRef: KonnectGatewayControlPlane default/later not found']);
  await env.create(f.auth());
  await env.create(f.controlPlane('later'));
  const after = await env.review('CREATE', svc);
  assert.deepEqual([after.allowed, after.warnings], [true, undefined]);
  await env.remove('KonnectGatewayControlPlane', 'later');
  const gone = await env.review('UPDATE', svc, svc);
  assert.equal(gone.allowed, true);
  assert.match(gone.warnings?.join('\n') ?? '', /KonnectGatewayControlPlane default\/later not found/);
});

test('a route and its service on different control planes are denied; the same control plane is fine', async (t) => {
  const env = await setup(t);
  await env.lookup.waitForSync();
  await env.create(f.auth());
  await env.create(f.controlPlane('cp-a'));
  await env.create(f.controlPlane('cp-b'));
  await env.create(f.service('svc-a', 'cp-a'));
  const mismatch = await env.review('CREATE', f.route('rt', 'svc-a', 'cp-b'));
  assert.equal(mismatch.allowed, false);
  assert.deepEqual(mismatch.status?.details?.causes.map((c) => c.field), ['spec.serviceRef']);
  assert.match(mismatch.status!.message, /KongService default\/svc-a is attached to ControlPlane default\/cp-a, but this KongRoute is attached to ControlPlane default\/cp-b/);
  assert.equal((await env.review('CREATE', f.route('rt', 'svc-a', 'cp-a'))).allowed, true);
});

test('DELETE of a control plane or auth configuration with dependents: allowed, with a warning naming how many and the first few', async (t) => {
  const env = await setup(t);
  await env.lookup.waitForSync();
  const auth = await env.create(f.auth());
  const cp = await env.create(f.controlPlane('cp'));
  for (const name of ['s1', 's2', 's3', 's4']) await env.create(f.service(name, 'cp'));
  await env.create(f.upstream('u1', 'cp'));
  const deleted = await env.review('DELETE', null as never, cp as unknown as Json);
  assert.equal(deleted.allowed, true);
  assert.deepEqual(deleted.warnings, [
    'KonnectGatewayControlPlane default/cp is still referenced by 5 objects (KongService default/s1, KongService default/s2, KongService default/s3 and 2 more); they cannot be programmed in Konnect without it until they are moved or deleted',
  ]);
  const authDeleted = await env.review('DELETE', null as never, auth as unknown as Json);
  assert.deepEqual(authDeleted.warnings?.map((w) => w.split(';')[0]), ['KonnectAPIAuthConfiguration default/konnect-api-auth is still referenced by 1 object (KonnectGatewayControlPlane default/cp)']);
  const lone = await env.create(f.controlPlane('lone'));
  assert.deepEqual(await env.review('DELETE', null as never, lone as unknown as Json), { uid: 'review-3', allowed: true });
});

test('caches not synced: /readyz fails and reviews skip the reference checks with a warning, intrinsic rules still run', async (t) => {
  const env = await setup(t, { latencyMs: 400 });
  assert.equal(await env.readyz(), 503);
  assert.equal(env.lookup.state(), 'unsynced');
  const skipped = await env.review('CREATE', f.service('svc', 'any'));
  assert.equal(skipped.allowed, true);
  assert.match(skipped.warnings?.join('\n') ?? '', /^reference checks skipped: kongward's cache of referenced objects is not synced yet/);
  const noHost = f.service('bad', 'any');
  delete (noHost.spec as Json).host;
  const intrinsic = await env.review('CREATE', noHost);
  assert.equal(intrinsic.allowed, false, 'the engine still denies');
  await env.lookup.waitForSync();
  assert.equal(await env.readyz(), 200);
  // Let the requests still sleeping in the server's latency land before teardown.
  env.api.latencyMs = 0;
  await until(() => env.api.openWatches === cachedKindNames.length, 'every watch open');
});

test('cache lost: while the watch keeps failing the checks fail open with a warning; they resume once it recovers', async (t) => {
  const env = await setup(t);
  await env.lookup.waitForSync();
  await env.create(f.auth());
  await env.create(f.controlPlane('kic', f.KIC));
  const svc = f.service('svc', 'kic');
  assert.equal((await env.review('CREATE', svc)).allowed, false);
  env.api.failNext(60, 503, { plural: 'konnectgatewaycontrolplanes' });
  env.api.dropWatches();
  await until(() => env.lookup.state() === 'stale', 'stale');
  const open = await env.review('CREATE', svc);
  assert.equal(open.allowed, true);
  assert.match(open.warnings?.join('\n') ?? '', /^reference checks skipped: kongward's cache of referenced objects is stale/);
  assert.equal(await env.readyz(), 200, 'still ready: the webhook keeps answering');
  await until(() => env.lookup.state() === 'synced', 'recovered', 8000);
  assert.equal((await env.review('CREATE', svc)).allowed, false);
});

test('the caches hold projections: no managedFields, no spec beyond the references, no Secrets watched', async (t) => {
  const env = await setup(t);
  await env.lookup.waitForSync();
  const svc = f.service('svc', 'cp');
  (svc.metadata as Json).managedFields = [{ manager: 'kubectl' }];
  (svc.metadata as Json).annotations = { big: 'x'.repeat(1000) };
  await env.create(svc);
  const cached = env.lookup.get('KongService', 'default', 'svc')!;
  assert.deepEqual(Object.keys(cached.metadata).sort(), ['name', 'namespace', 'resourceVersion', 'uid']);
  assert.deepEqual(cached.spec, { controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } } });
  assert.equal(env.api.requestCount('list', 'secrets') + env.api.requestCount('watch', 'secrets'), 0);
});
