// /validate throughput, latency and server CPU per request, beside a bare Fastify HTTPS
// baseline measured in the same run. Each server runs in its own process (pinned to CPU 0
// when taskset exists); the load generator runs here (pinned to CPU 1).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueCa, issueServingCertificate } from '../src/certs/issue.ts';
import { drive, percentile } from './webhook/load.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = path.resolve(here, '..', '..', 'shared', 'fixtures', 'admission');

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Realistic reviews: the captured fixtures when present, else a KongService CREATE. */
export function realisticReviews(): string[] {
  try {
    return readdirSync(shared)
      .filter((f) => f.endsWith('.json') && !f.includes('delete'))
      .map((f) => JSON.stringify(JSON.parse(readFileSync(path.join(shared, f), 'utf8'))));
  } catch {
    const object = {
      apiVersion: 'configuration.konghq.com/v1alpha1', kind: 'KongService',
      metadata: { name: 'httpbin', namespace: 'demo', uid: 'b6b1f6a2-0000-4000-8000-000000000001', generation: 1 },
      spec: { host: 'httpbin.org', protocol: 'https', port: 443, controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'demo-cp' } } },
    };
    return [JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: {
      uid: '00000000-0000-4000-8000-000000000001', kind: { group: 'configuration.konghq.com', version: 'v1alpha1', kind: 'KongService' },
      resource: { group: 'configuration.konghq.com', version: 'v1alpha1', resource: 'kongservices' }, name: 'httpbin', namespace: 'demo',
      operation: 'CREATE', userInfo: { username: 'admin' }, object, oldObject: null, dryRun: false } })];
  }
}

function startChild(mode: string, env: NodeJS.ProcessEnv, pin: boolean): Promise<{ child: ChildProcess; port: number }> {
  const script = path.join(here, 'webhook', 'server-child.ts');
  const args = [process.execPath, script, mode];
  const child = pin
    ? spawn('taskset', ['-c', '0', ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env })
    : spawn(args[0] as string, args.slice(1), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ child, port: m.port }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

function stats(child: ChildProcess): Promise<{ cpuMicros: number; maxRssKb: number }> {
  return new Promise((resolve) => {
    child.once('message', (m: { cpuMicros: number; maxRssKb: number }) => resolve(m));
    child.send({ type: 'stats' });
  });
}

export interface WebhookFigures {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  cpuPerReqMicros: number;
  peakRssMb: number;
  errors: number;
}

interface RunningServer {
  mode: string;
  child: ChildProcess;
  url: string;
}

async function startServers(modes: string[], env: NodeJS.ProcessEnv): Promise<RunningServer[]> {
  const pin = hasTaskset();
  const servers: RunningServer[] = [];
  for (const mode of modes) {
    const { child, port } = await startChild(mode, env, pin);
    servers.push({ mode, child, url: `https://127.0.0.1:${port}/validate` });
  }
  return servers;
}

async function measureOnce(server: RunningServer, ca: string, bodies: string[], options: { connections: number; seconds: number }) {
  const before = await stats(server.child);
  const result = await drive(server.url, ca, bodies, options.connections, options.seconds);
  const after = await stats(server.child);
  return { result, cpuPerReqMicros: (after.cpuMicros - before.cpuMicros) / result.requests, peakRssMb: after.maxRssKb / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Every server runs for the whole benchmark; rounds interleave them (baseline, kongward, ...,
 * baseline, ...), so a burst of load from elsewhere on this shared machine hits all of them
 * alike. Figures are medians over the rounds.
 */
export async function measureAll(modes: string[], bodies: string[], options: { connections: number; seconds: number; rounds: number }): Promise<WebhookFigures[]> {
  const now = Date.now();
  const policy = { service: 'bench', namespace: 'bench', development: true };
  const ca = await issueCa(policy, now);
  const leaf = await issueServingCertificate(ca, policy, now);
  const servers = await startServers(modes, { ...process.env, BENCH_CERT: leaf.cert, BENCH_KEY: leaf.key });
  try {
    for (const server of servers) await drive(server.url, ca.cert, bodies, options.connections, 1); // warm-up (JIT, connections)
    const samples = new Map<string, Array<Awaited<ReturnType<typeof measureOnce>>>>();
    for (let round = 0; round < options.rounds; round++) {
      for (const server of servers) {
        const sample = await measureOnce(server, ca.cert, bodies, options);
        samples.set(server.mode, [...(samples.get(server.mode) ?? []), sample]);
      }
    }
    return servers.map(({ mode }) => {
      const runs = samples.get(mode) ?? [];
      return {
        name: mode,
        reqPerSec: median(runs.map((r) => r.result.requests / r.result.seconds)),
        p50: median(runs.map((r) => percentile(r.result.latenciesMs, 50))),
        p99: median(runs.map((r) => percentile(r.result.latenciesMs, 99))),
        cpuPerReqMicros: median(runs.map((r) => r.cpuPerReqMicros)),
        peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
        errors: runs.reduce((n, r) => n + r.result.errors, 0),
      };
    });
  } finally {
    for (const server of servers) server.child.send({ type: 'exit' });
  }
}

export function printTable(rows: WebhookFigures[], baseline: WebhookFigures): void {
  console.log('| server | req/s | p50 ms | p99 ms | CPU µs/req | vs baseline | peak RSS MiB | errors |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.reqPerSec.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.cpuPerReqMicros.toFixed(1)} | ${(r.cpuPerReqMicros / baseline.cpuPerReqMicros).toFixed(2)}x | ${r.peakRssMb.toFixed(0)} | ${r.errors} |`);
  }
}

export default async function run(): Promise<void> {
  const bodies = realisticReviews();
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const options = { connections: 10, seconds, rounds };
  console.log(`\n## /validate over HTTPS keep-alive: ${options.connections} connections, ${rounds} interleaved rounds of ${seconds} s per server (medians), ${bodies.length} distinct reviews`);
  const [baseline, bare, full] = await measureAll(['baseline', 'kongward-no-validators', 'kongward'], bodies, options);
  printTable([baseline!, bare!, full!], baseline!);
  console.log('targets: kongward-no-validators CPU ≤ 1.15x baseline and p99 < 3 ms (issue 2); kongward with all validators CPU ≤ 1.3x (issue 3)');
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
