// @kubernetes/client-node runs against the test server unchanged: typed APIs, the generic
// object API (discovery + patch strategies) and its own informer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CoreV1Api, AppsV1Api, KubernetesObjectApi, PatchStrategy, makeInformer, setHeaderOptions, type V1ConfigMap, type KubernetesObject } from '@kubernetes/client-node';
import { KubeApiServer, kubeConfigFor } from '../../support/kube-apiserver/index.ts';

let server: KubeApiServer;
before(async () => { server = await KubeApiServer.start({ bookmarkIntervalMs: 100 }); });
after(async () => { await server.close(); });

test('typed core and apps APIs: create, read, list, replace conflict, delete', async () => {
  const kc = kubeConfigFor(server);
  const core = kc.makeApiClient(CoreV1Api);
  const created = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'typed' }, data: { a: '1' } } });
  assert.equal(created.metadata?.name, 'typed');
  const read = await core.readNamespacedConfigMap({ namespace: 'default', name: 'typed' });
  assert.deepEqual(read.data, { a: '1' });
  const list = await core.listNamespacedConfigMap({ namespace: 'default' });
  assert.ok(list.items.some((i) => i.metadata?.name === 'typed'));
  await core.replaceNamespacedConfigMap({ namespace: 'default', name: 'typed', body: { ...read, data: { a: '2' } } });
  await assert.rejects(core.replaceNamespacedConfigMap({ namespace: 'default', name: 'typed', body: { ...read, data: { a: '3' } } }),
    (err: { code?: number; body?: string }) => err.code === 409 && String(err.body).includes('the object has been modified'));
  await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'typed' });
  await assert.rejects(core.readNamespacedConfigMap({ namespace: 'default', name: 'typed' }), (err: { code?: number }) => err.code === 404);
  const apps = kc.makeApiClient(AppsV1Api);
  const dep = await apps.createNamespacedDeployment({ namespace: 'default', body: {
    metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  } });
  assert.equal(dep.metadata?.generation, 1);
});

test('KubernetesObjectApi discovers resources and uses every patch strategy', async () => {
  const client = KubernetesObjectApi.makeApiClient(kubeConfigFor(server));
  const gw: KubernetesObject & { spec: unknown } = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'generic', namespace: 'default' }, spec: { gatewayClassName: 'kong', listeners: [] } };
  await client.create(gw);
  const merged = await client.patch({ apiVersion: gw.apiVersion, kind: gw.kind, metadata: { name: 'generic', namespace: 'default', labels: { a: 'b' } } },
    undefined, undefined, undefined, undefined, PatchStrategy.MergePatch);
  assert.deepEqual(merged.metadata?.labels, { a: 'b' });
  const applied = await client.patch({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: 'default' }, data: { k: 'v' } } as KubernetesObject,
    undefined, undefined, 'kongward', true, PatchStrategy.ServerSideApply);
  assert.equal((applied as V1ConfigMap).data?.k, 'v');
  const listed = await client.list('gateway.networking.k8s.io/v1', 'Gateway', 'default');
  assert.deepEqual(listed.items.map((i) => i.metadata?.name), ['generic']);
  const cluster = await client.create({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'kong' }, spec: { controllerName: 'konghq.com/gateway-operator' } } as KubernetesObject);
  assert.equal(cluster.metadata?.namespace, undefined, 'cluster-scoped kinds have no namespace');
});

test("client-node's informer lists, watches and follows add/update/delete, across a graceful watch drop", async () => {
  const kc = kubeConfigFor(server);
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespacedConfigMap({ namespace: 'inf', body: { metadata: { name: 'before' } } });
  const informer = makeInformer(kc, '/api/v1/namespaces/inf/configmaps', () => core.listNamespacedConfigMap({ namespace: 'inf' }));
  const seen: string[] = [];
  informer.on('add', (o) => seen.push(`add ${o.metadata?.name}`));
  informer.on('update', (o) => seen.push(`update ${o.metadata?.name} ${JSON.stringify(o.data)}`));
  informer.on('delete', (o) => seen.push(`delete ${o.metadata?.name}`));
  await informer.start();
  const until = async (predicate: () => boolean) => {
    const deadline = Date.now() + 3000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out; seen ${JSON.stringify(seen)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  try {
    await until(() => server.openWatches > 0);
    await core.createNamespacedConfigMap({ namespace: 'inf', body: { metadata: { name: 'after' } } });
    await core.patchNamespacedConfigMap({ namespace: 'inf', name: 'after', body: { data: { x: '1' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    await until(() => seen.some((s) => s.startsWith('update after')));
    server.dropWatches({ graceful: true });
    await core.deleteNamespacedConfigMap({ namespace: 'inf', name: 'before' });
    await until(() => seen.includes('delete before'));
    assert.deepEqual(seen, ['add before', 'add after', 'update after {"x":"1"}', 'delete before']);
    assert.deepEqual(informer.list().map((o) => o.metadata?.name), ['after']);
  } finally {
    await informer.stop();
  }
});
