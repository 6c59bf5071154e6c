// Runs the fake Konnect for local demos: `node test/support/fake-konnect/main.ts --port 8100
// [--token kpat_...] [--seed 1] [--fail-5xx 0.2] [--fail-429 0.1] [--latency-ms 50]`.
// Point a KonnectClient at it with `baseURL: http://127.0.0.1:<port>`.
import { parseArgs } from 'node:util';
import { FAKE_TOKEN, startFakeKonnect } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8100' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string', multiple: true },
    seed: { type: 'string', default: '1' },
    'fail-5xx': { type: 'string' },
    'fail-429': { type: 'string' },
    'latency-ms': { type: 'string' },
  },
});

const fake = await startFakeKonnect({ host: values.host, port: Number(values.port), tokens: values.token ?? [FAKE_TOKEN], seed: Number(values.seed) });
if (values['fail-429']) fake.faults.add({ probability: Number(values['fail-429']), action: { kind: 'rate-limit', retryAfter: '1' } });
if (values['fail-5xx']) fake.faults.add({ probability: Number(values['fail-5xx']), action: { kind: 'status', status: 503 } });
// Rules match first-wins, so latency goes last (it applies to requests no failure hit).
if (values['latency-ms']) fake.faults.add({ probability: 1, action: { kind: 'delay', ms: Number(values['latency-ms']) } });
process.stdout.write(`${JSON.stringify({ msg: 'fake konnect listening', url: fake.url, tokens: values.token ? values.token.length : 'default (FAKE_TOKEN in server.ts)' })}\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
