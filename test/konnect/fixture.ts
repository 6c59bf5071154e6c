// Test fixture: a fake Konnect on a real socket and a KonnectClient pointed at it, with fast
// retries, its own connection pools and a recording logger.
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log.ts';
import { KonnectClient, type KonnectClientOptions } from '../../src/konnect/client.ts';
import { KonnectConnections, type KonnectRequestEvent } from '../../src/konnect/transport.ts';
import type { TokenBucketOptions } from '../../src/konnect/rate-limit.ts';
import { FAKE_TOKEN, startFakeKonnect, type FakeKonnect, type FakeKonnectOptions } from '../support/fake-konnect/server.ts';

export interface KonnectFixture {
  fake: FakeKonnect;
  client: KonnectClient;
  connections: KonnectConnections;
  events: KonnectRequestEvent[];
  logLines: () => string;
  /** Another client on the same fake (own options). */
  newClient(overrides?: Partial<KonnectClientOptions>): KonnectClient;
  close(): Promise<void>;
}

export async function konnectFixture(
  options: { fake?: FakeKonnectOptions; client?: Partial<KonnectClientOptions>; rateLimit?: TokenBucketOptions | false } = {},
): Promise<KonnectFixture> {
  const fake = await startFakeKonnect(options.fake);
  const connections = new KonnectConnections({ rateLimit: options.rateLimit ?? false });
  const events: KonnectRequestEvent[] = [];
  let lines = '';
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines += chunk.toString();
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const newClient = (overrides: Partial<KonnectClientOptions> = {}) =>
    new KonnectClient({
      token: FAKE_TOKEN,
      baseURL: fake.url,
      connections,
      requestTimeoutMs: 2_000,
      retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetries: 3 },
      logger,
      observe: (e) => events.push(e),
      ...options.client,
      ...overrides,
    });
  return {
    fake,
    client: newClient(),
    connections,
    events,
    logLines: () => lines,
    newClient,
    async close() {
      await connections.close();
      await fake.close();
    },
  };
}

export const PEM_CERT = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
export const PEM_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEfake\n-----END PRIVATE KEY-----\n';
