// Controller runtime figures: 5,000 ConfigMaps listed and watched by our informer (and, as the
// baseline from the same run, by @kubernetes/client-node's makeInformer), then 1,000 updates:
// time to a consistent cache, heap per cached object; work queue throughput.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CoreV1Api, makeInformer } from '@kubernetes/client-node';
import { KubeApiServer } from '../test/support/kube-apiserver/index.ts';
import type { KubeObject as ServerObject } from '../test/support/kube-apiserver/index.ts';
import { KubeClient } from '../src/controller/runtime/kube-client.ts';
import { Informer } from '../src/controller/runtime/informer.ts';
import { WorkQueue } from '../src/controller/runtime/work-queue.ts';
import { coreResources } from '../src/controller/runtime/types.ts';

const OBJECTS = 5000;
const UPDATES = 1000;

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
const ms = (from: number) => (performance.now() - from).toFixed(0);

async function until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('bench: timed out');
    await new Promise((r) => setImmediate(r));
  }
}

function configMap(i: number): ServerObject {
  return {
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { namespace: `ns-${i % 50}`, name: `cm-${i}`, labels: { app: 'kong', index: String(i % 10) }, annotations: { 'kongward.konghq.com/owner': `owner-${i}` } },
    data: { 'kong.conf': `proxy_listen = 0.0.0.0:${8000 + (i % 1000)}\nadmin_listen = off\n`, version: '1' },
  };
}

function updateAll(server: KubeApiServer, tag: string): string[] {
  const type = server.typeFor('v1', 'ConfigMap');
  const lastRvs: string[] = [];
  for (let i = 0; i < UPDATES; i++) {
    const n = (i * 5) % OBJECTS;
    const old = server.store.get(type, `ns-${n % 50}`, `cm-${n}`);
    const next = server.store.update(type, old.metadata.namespace, old.metadata.name!, { ...old, data: { ...(old.data as object), version: tag } }, undefined);
    lastRvs.push(String(next.metadata.resourceVersion));
  }
  return lastRvs;
}

async function ours(server: KubeApiServer): Promise<string[]> {
  const client = new KubeClient(server.kubeConfig());
  const before = heap();
  const start = performance.now();
  const informer = new Informer(client, { resource: coreResources.configMap, pageSize: 500 });
  informer.start();
  await informer.waitForSync();
  const synced = ms(start);
  await until(() => server.openWatches > 0);
  const perObject = (heap() - before) / informer.list().length;
  const updateStart = performance.now();
  updateAll(server, 'ours');
  await until(() => informer.list().filter((o) => (o.data as { version: string }).version === 'ours').length === UPDATES);
  const consistent = ms(updateStart);
  await informer.stop();
  await client.close();
  return [`kongward Informer (pages of 500)`, synced, consistent, (perObject / 1024).toFixed(2), String(server.requestCount('list'))];
}

async function clientNode(server: KubeApiServer): Promise<string[]> {
  const kc = server.kubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const before = heap();
  const start = performance.now();
  const informer = makeInformer(kc, '/api/v1/configmaps', () => core.listConfigMapForAllNamespaces());
  await informer.start();
  const synced = ms(start);
  await until(() => server.openWatches > 0);
  const perObject = (heap() - before) / informer.list().length;
  const updateStart = performance.now();
  updateAll(server, 'client-node');
  await until(() => informer.list().filter((o) => o.data?.version === 'client-node').length === UPDATES);
  const consistent = ms(updateStart);
  await informer.stop();
  return ['client-node makeInformer (one LIST)', synced, consistent, (perObject / 1024).toFixed(2), '1'];
}

async function queueThroughput(concurrency: number): Promise<string[]> {
  const queue = new WorkQueue({ name: `bench-${concurrency}`, concurrency });
  let processed = 0;
  queue.start(async () => { processed++; });
  const adds = 200_000;
  const start = performance.now();
  for (let i = 0; i < adds; i++) {
    queue.add(`ns/key-${i % 20_000}`);
    if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
  }
  await queue.idle();
  const seconds = (performance.now() - start) / 1000;
  await queue.shutdown();
  return [`work queue, concurrency ${concurrency}`, String(adds), String(processed), Math.round(processed / seconds).toLocaleString('en-US'), Math.round(adds / seconds).toLocaleString('en-US')];
}

export default async function run(): Promise<void> {
  const server = await KubeApiServer.start({ historyLimit: 50_000, bookmarkIntervalMs: 1000 });
  try {
    for (let i = 0; i < OBJECTS; i++) server.seed(configMap(i));
    console.log(`\n## controller runtime: ${OBJECTS} ConfigMaps listed + watched, then ${UPDATES} updates`);
    console.log('| informer | list to synced ms | 1,000 updates to consistent cache ms | heap KiB per cached object | LIST requests |');
    console.log('|---|---|---|---|---|');
    const baseline = await clientNode(server);
    server.resetCounts();
    const mine = await ours(server);
    console.log(`| ${baseline.join(' | ')} |`);
    console.log(`| ${mine.join(' | ')} |`);
  } finally {
    await server.close();
  }
  console.log('\n| work queue | adds | reconciles (after dedup) | reconciles/s | adds/s |');
  console.log('|---|---|---|---|---|');
  for (const c of [1, 8]) console.log(`| ${(await queueThroughput(c)).join(' | ')} |`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
