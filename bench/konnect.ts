// `npm run bench konnect`: the Konnect client against the fake Konnect (same process, loopback):
// a bare undici Pool GET as the baseline, then client GETs, 1,000 services + 1,000 routes
// created with 16 in flight, a full paged list, tag lookups, and the same creates under 20% 5xx
// + 10% 429 (Konnect calls per entity). The client-side rate limit is off here (it would cap
// the run at 40 requests/s by design).
import { Pool } from 'undici';
import { KonnectClient } from '../src/konnect/client.ts';
import { k8sUidTag } from '../src/konnect/entities.ts';
import { KonnectConnections } from '../src/konnect/transport.ts';
import { FAKE_TOKEN, startFakeKonnect } from '../test/support/fake-konnect/server.ts';

async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await task(next++);
  }));
}

async function timed(label: string, count: number, run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  console.log(`  ${label.padEnd(44)} ${String(count).padStart(5)} in ${ms.toFixed(0).padStart(6)} ms  ${(count / (ms / 1000)).toFixed(0).padStart(6)} /s`);
  return ms;
}

export default async function run(): Promise<void> {
  console.log('konnect client vs fake Konnect (loopback, one process)');
  const fake = await startFakeKonnect({ seed: 7 });
  const connections = new KonnectConnections({ rateLimit: false });
  const clock = { now: () => Date.now(), sleep: async () => {} };
  const client = new KonnectClient({ token: FAKE_TOKEN, baseURL: fake.url, connections, retry: { maxRetries: 6 }, clock });
  try {
    const pool = new Pool(fake.url, { connections: 16 });
    const N = 2000;
    // Warm both paths (JIT, sockets) before measuring.
    await inParallel(500, 16, async () => (await pool.request({ method: 'GET', path: '/v3/organizations/me', headers: { authorization: `Bearer ${FAKE_TOKEN}` } })).body.dump());
    await inParallel(500, 16, () => client.organizationMe());
    await timed('baseline: bare undici GET organizations/me', N, () => inParallel(N, 16, async () => {
      const res = await pool.request({ method: 'GET', path: '/v3/organizations/me', headers: { authorization: `Bearer ${FAKE_TOKEN}` } });
      await res.body.json();
    }));
    await pool.close();
    await timed('client.organizationMe()', N, () => inParallel(N, 16, () => client.organizationMe()));

    const cp = await client.controlPlanes.create({ name: 'bench' });
    const scope = { controlPlaneId: cp.id };
    const serviceIds: string[] = [];
    await timed('create services (POST, 16 in flight)', 1000, () => inParallel(1000, 16, async (i) => {
      serviceIds[i] = (await client.entities.service.create(scope, { name: `svc-${i}`, host: `h${i}.example`, tags: [k8sUidTag(`svc-${i}`)] })).id;
    }));
    await timed('create routes under them', 1000, () => inParallel(1000, 16, (i) =>
      client.entities.route.create(scope, { name: `route-${i}`, paths: [`/r${i}`], service: { id: serviceIds[i] }, tags: [k8sUidTag(`route-${i}`)] })));
    await timed('listAll services (size 100, 10 pages)', 1000, async () => {
      await client.entities.service.listAllArray(scope, { size: 100 });
    });
    await timed('findByUid (tag filter over 1,000)', 200, () => inParallel(200, 16, (i) => client.entities.service.findByUid(scope, `svc-${i}`)));
    await timed('upsert services (PUT, unchanged body)', 1000, () => inParallel(1000, 16, (i) =>
      client.entities.service.upsert(scope, serviceIds[i]!, { name: `svc-${i}`, host: `h${i}.example`, tags: [k8sUidTag(`svc-${i}`)] })));

    const faulty = await client.controlPlanes.create({ name: 'bench-faults' });
    fake.faults.add({ probability: 0.2, action: { kind: 'status', status: 503 } });
    fake.faults.add({ probability: 0.1, action: { kind: 'rate-limit', retryAfter: '1' } });
    const before = fake.log.length;
    let gaveUp = 0;
    await timed('createOrAdopt under 20% 5xx + 10% 429', 500, () => inParallel(500, 16, async (i) => {
      for (let attempt = 0; attempt < 10; attempt++) {
        try {
          await client.entities.service.createOrAdopt({ controlPlaneId: faulty.id }, `f-${i}`, { host: `f${i}.example`, tags: [k8sUidTag(`f-${i}`)] });
          return;
        } catch {
          gaveUp++;
        }
      }
    }));
    const calls = fake.log.length - before;
    const stored = fake.state.entities(faulty.id, 'services').length;
    console.log(`  under faults: ${(calls / 500).toFixed(2)} Konnect calls per entity, ${stored} stored for 500 uids, ${gaveUp} POSTs refused with 5xx (never retried by the client; the caller requeued)`);
  } finally {
    await connections.close();
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
