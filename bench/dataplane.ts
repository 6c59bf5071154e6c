// DataPlane controller figures against the Kubernetes API test server: N DataPlanes to steady
// state (time, API requests per DataPlane beside the minimum a controller must send), then a
// full resync (relist of every informer + every DataPlane reconciled) that must write nothing.
// RSA key generation is taken out (a pool of 4 keys; bench/certs.ts measures it) so the figure
// is the controller's own cost. Run: npm run bench dataplane   (or node bench/dataplane.ts [n])
import { KubeApiServer } from '../test/support/kube-apiserver/index.ts';
import { KubeClient } from '../src/controller/runtime/kube-client.ts';
import { generateRsaKeyPair, type KeySource } from '../src/certs/keys.ts';
import { DataPlaneController } from '../src/controller/dataplane/controller.ts';
import type { KubeObject } from '../src/controller/runtime/types.ts';

const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;
const writeVerbs = ['create', 'update', 'patch', 'delete'] as const;

function counts(server: KubeApiServer): Record<string, number> {
  return Object.fromEntries(verbs.map((v) => [v, server.requestCount(v)]));
}

async function settle(controller: DataPlaneController): Promise<void> {
  for (;;) {
    await controller.idle();
    await new Promise((r) => setTimeout(r, 200));
    if (!controller.busy) return;
  }
}

export default async function run(count = Number(process.env.DATAPLANE_BENCH_COUNT ?? 300)): Promise<void> {
  const server = await KubeApiServer.start({ bookmarkIntervalMs: 1000, historyLimit: 50_000 });
  const client = new KubeClient(server.kubeConfig());
  const keys = await Promise.all(Array.from({ length: 4 }, () => generateRsaKeyPair()));
  let next = 0;
  const keySource: KeySource = async () => keys[next++ % keys.length]!;
  const controller = new DataPlaneController({ client, clusterCaNamespace: 'kong-system', keys: keySource, concurrency: 8, relistPeriodMs: 0 });
  try {
    await controller.start();
    server.resetCounts();
    const started = performance.now();
    const dataPlanes: KubeObject[] = Array.from({ length: count }, (_, i) => ({
      apiVersion: 'gateway-operator.konghq.com/v1beta1', kind: 'DataPlane',
      metadata: { name: `dp-${i}`, namespace: `ns-${i % 10}` },
      spec: { deployment: { replicas: 1 + (i % 3), podTemplateSpec: { spec: { containers: [{ name: 'proxy', image: 'kong/kong-gateway:3.9.1' }] } } } },
    }));
    server.seed(...dataPlanes);
    await settle(controller);
    const steadyMs = performance.now() - started - 200;
    const steady = counts(server);
    const provisioned = dataPlanes.filter((dp) => {
      const stored = server.object('gateway-operator.konghq.com/v1beta1', 'DataPlane', dp.metadata.namespace, dp.metadata.name!) as { status?: { conditions?: unknown[] } } | undefined;
      return (stored?.status?.conditions?.length ?? 0) > 0;
    }).length;
    const requests = verbs.filter((v) => v !== 'watch').reduce((n, v) => n + steady[v]!, 0);
    const writes = writeVerbs.reduce((n, v) => n + steady[v]!, 0);

    server.resetCounts();
    const resyncStarted = performance.now();
    for (const informer of Object.values(controller.caches)) informer?.requestRelist();
    await new Promise((r) => setTimeout(r, 300));
    controller.resync();
    await settle(controller);
    const resyncMs = performance.now() - resyncStarted - 500;
    const resync = counts(server);
    const resyncWrites = writeVerbs.reduce((n, v) => n + resync[v]!, 0);

    console.log(`\n## DataPlane controller (${count} DataPlanes, test API server, concurrency 8)`);
    console.log(`steady state:       ${provisioned}/${count} with status in ${(steadyMs / 1000).toFixed(2)} s (${(steadyMs / count).toFixed(1)} ms per DataPlane)`);
    console.log(`requests:           ${(requests / count).toFixed(2)} per DataPlane (${(writes / count).toFixed(2)} writes); by verb ${JSON.stringify(steady)}`);
    console.log(`baseline:           5.00 writes per DataPlane at minimum (4 creates + 1 status), no reads`);
    console.log(`full resync:        ${resyncWrites} writes (must be 0), ${resync.list} lists, ${resync.get} gets, ${(resyncMs / 1000).toFixed(2)} s`);
    console.log(`baseline:           ${5 * count} writes for a controller that applies blindly on every resync`);
    if (resyncWrites !== 0) process.exitCode = 1;
  } finally {
    await controller.stop();
    await client.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv[2] ? Number(process.argv[2]) : undefined);
