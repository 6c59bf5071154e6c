// `npm run bench konnect-controller`: the Konnect controllers against the Kubernetes API test
// server and the fake Konnect (one process, loopback). 1,000 KongServices + 1,000 KongRoutes
// converge (time, Konnect calls per entity) beside a baseline of the same creates with the bare
// client; then one sync period with no drift (writes must be zero) and one with 10 drifted
// services (10 writes). The client-side rate limit is off (it would cap the run at 40 req/s).
import { Registry } from 'prom-client';
import { KubeApiServer } from '../test/support/kube-apiserver/index.ts';
import { FAKE_TOKEN, startFakeKonnect, type FakeKonnect } from '../test/support/fake-konnect/server.ts';
import { KubeClient } from '../src/controller/runtime/kube-client.ts';
import { KonnectClient } from '../src/konnect/client.ts';
import { k8sUidTag } from '../src/konnect/entities.ts';
import { KonnectConnections } from '../src/konnect/transport.ts';
import { silentLogger } from '../src/log.ts';
import { authResource, cachedClientFactory, controlPlaneResource, entityKindByName, KonnectControllers } from '../src/controller/konnect/index.ts';
import type { KubeObject, ResourceDescriptor } from '../src/controller/runtime/types.ts';

const N = 1000;
const SYNC_MS = 4_000;
const services = entityKindByName.get('KongService')!.resource;
const routes = entityKindByName.get('KongRoute')!.resource;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await task(next++);
  }));
}

const programmed = (o: KubeObject) => (o.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.some((c) => c.type === 'Programmed' && c.status === 'True');

async function waitProgrammed(kube: KubeClient, resource: ResourceDescriptor, count: number): Promise<void> {
  for (;;) {
    const items = (await kube.list(resource, 'default')).items;
    if (items.filter(programmed).length >= count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function calls(fake: FakeKonnect, from: number) {
  const slice = fake.log.slice(from);
  return { total: slice.length, writes: slice.filter((e) => WRITES.has(e.method)).length, reads: slice.filter((e) => e.method === 'GET').length };
}

const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);

export default async function run(): Promise<void> {
  console.log(`konnect controllers vs test kube-apiserver + fake Konnect (${N} services + ${N} routes, loopback)`);
  const server = await KubeApiServer.start({ bookmarkIntervalMs: 1000 });
  const kube = new KubeClient(server.kubeConfig());
  const fake = await startFakeKonnect({ seed: 3 });
  const connections = new KonnectConnections({ rateLimit: false });
  const controllers = new KonnectControllers({
    kube, registry: new Registry(), syncPeriodMs: SYNC_MS, concurrency: 16, logger: silentLogger(),
    clients: cachedClientFactory({ baseURLFor: () => fake.url, connections, logger: silentLogger() }),
  });
  try {
    // Baseline: the same creates straight through the client (no Kubernetes, no reconcile).
    const client = new KonnectClient({ token: FAKE_TOKEN, baseURL: fake.url, connections });
    const baseCp = await client.controlPlanes.create({ name: 'baseline' });
    let started = performance.now();
    const ids: string[] = [];
    await inParallel(N, 16, async (i) => { ids[i] = (await client.entities.service.create({ controlPlaneId: baseCp.id }, { name: `s${i}`, host: 'h.example', tags: [k8sUidTag(`s${i}`)] })).id; });
    await inParallel(N, 16, (i) => client.entities.route.create({ controlPlaneId: baseCp.id }, { name: `r${i}`, paths: [`/r${i}`], service: { id: ids[i] }, tags: [k8sUidTag(`r${i}`)] }));
    line('baseline: bare client creates (16 in flight)', `${(performance.now() - started).toFixed(0)} ms, 1.00 calls/entity`);

    await controllers.start();
    await kube.create(authResource, { metadata: { namespace: 'default', name: 'auth' }, spec: { type: 'token', token: FAKE_TOKEN, serverURL: 'us.api.konghq.com' } });
    await kube.create(controlPlaneResource, { metadata: { namespace: 'default', name: 'cp' }, spec: { source: 'Origin', createControlPlaneRequest: { name: 'bench-cp' }, konnect: { authRef: { name: 'auth' } } } });
    const ref = { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } };
    const logStart = fake.log.length;
    started = performance.now();
    await inParallel(N, 16, async (i) => {
      await kube.create(services, { metadata: { namespace: 'default', name: `svc-${i}` }, spec: { name: `svc-${i}`, host: `svc-${i}.example`, controlPlaneRef: ref } });
      await kube.create(routes, { metadata: { namespace: 'default', name: `rt-${i}` }, spec: { name: `rt-${i}`, paths: [`/rt-${i}`], serviceRef: { type: 'namespacedRef', namespacedRef: { name: `svc-${i}` } } } });
    });
    const applied = performance.now() - started;
    await waitProgrammed(kube, services, N);
    await waitProgrammed(kube, routes, N);
    const converged = performance.now() - started;
    const converge = calls(fake, logStart);
    line(`kubectl-apply equivalent (${2 * N} creates on the test server)`, `${applied.toFixed(0)} ms`);
    line('controllers: all Programmed (from first create)', `${converged.toFixed(0)} ms, ${(2 * N / (converged / 1000)).toFixed(0)} entities/s`);
    line('Konnect calls during convergence', `${converge.total} (${converge.writes} writes, ${converge.reads} reads) = ${(converge.total / (2 * N + 2)).toFixed(2)} calls/entity`);

    // One full sync period with no drift: every entity is read once, nothing is written.
    let from = fake.log.length;
    await new Promise((r) => setTimeout(r, SYNC_MS + 1000));
    await controllers.idle();
    const quiet = calls(fake, from);
    line(`one sync period (${SYNC_MS / 1000} s), no drift`, `${quiet.writes} writes, ${quiet.reads} reads`);

    // Ten services changed in Konnect: the next sync writes exactly those back.
    const cpId = (await kube.get(controlPlaneResource, 'default', 'cp')).status as { id: string };
    const drifted = fake.state.entities(cpId.id, 'services').slice(0, 10);
    for (const s of drifted) fake.state.patchEntity(cpId.id, 'services', s.id, { host: 'changed.example' });
    from = fake.log.length;
    await new Promise((r) => setTimeout(r, SYNC_MS + 1000));
    await controllers.idle();
    const repair = calls(fake, from);
    const stillDrifted = fake.state.entities(cpId.id, 'services').filter((s) => s.host === 'changed.example').length;
    line('one sync period, 10 services drifted in Konnect', `${repair.writes} writes, ${stillDrifted} still drifted`);
  } finally {
    await controllers.stop();
    await connections.close();
    await kube.close();
    await fake.close();
    await server.close();
  }
}
