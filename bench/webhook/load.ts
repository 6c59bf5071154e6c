// Keep-alive load over N connections for a fixed time; latencies measured per request.
import { Agent, request } from 'undici';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: Float64Array;
}

export async function drive(url: string, ca: string, bodies: string[], connections: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ connect: { ca }, connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const body = bodies[next++ % bodies.length] as string;
      const t0 = performance.now();
      try {
        const res = await request(url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body });
        await res.body.text();
        if (res.statusCode !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await agent.close();
  return { requests: latencies.length, errors, seconds: elapsed, latenciesMs: Float64Array.from(latencies).sort() };
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
