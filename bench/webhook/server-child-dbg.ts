// A server under test, run in its own process so its CPU time and RSS are its own.
// argv[2]: "baseline" (bare Fastify HTTPS: parse the body, answer allowed) or "kongward".
// Reports {port} once listening; answers {cpu, maxRssKb} on request over IPC.
import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { silentLogger } from '../../src/log.ts';
import { buildValidators } from '../../src/webhooks/admission/default-validators.ts';
import { ValidatorRegistry } from '../../src/webhooks/admission/validators.ts';
import { startWebhookServer } from '../../src/webhooks/server.ts';

const mode = process.argv[2];
const registry = new Registry();
const cert = process.env.BENCH_CERT ?? '';
const key = process.env.BENCH_KEY ?? '';

async function start(): Promise<number> {
  if (mode === 'baseline') {
    const app = Fastify({ https: { cert, key }, logger: false, bodyLimit: 7 * 1024 * 1024 });
    app.post('/validate', async (req) => {
      const review = req.body as { apiVersion: string; request: { uid: string } };
      return { apiVersion: review.apiVersion, kind: 'AdmissionReview', response: { uid: review.request.uid, allowed: true } };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    return (app.server.address() as { port: number }).port;
  }
  const server = await startWebhookServer({
    host: '127.0.0.1',
    port: 0,
    certificate: { cert, key },
    // "kongward": every validator the webhook runs without a cluster (engine + Gateway rules).
    validators: mode === 'kongward-no-validators' ? new ValidatorRegistry() : buildValidators(),
    logger: silentLogger(),
    metrics: registry,
  });
  return server.port;
}

const port = await start();
process.send?.({ port });
process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    const usage = process.cpuUsage();
    void registry.getSingleMetricAsString('controller_runtime_webhook_latency_seconds').then((t) => { const sum = /_sum\{[^}]*\} ([\d.e-]+)/.exec(t)?.[1]; const count = /_count\{[^}]*\} (\d+)/.exec(t)?.[1]; console.error('decide mean µs', (Number(sum) / Number(count) * 1e6).toFixed(1), 'n', count); process.send?.({ cpuMicros: usage.user + usage.system, maxRssKb: process.resourceUsage().maxRSS }); });
  }
  if (message.type === 'exit') process.exit(0);
});
