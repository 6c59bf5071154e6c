// Starts the real HTTPS webhook server on a random port and gives tests a TLS client that
// trusts its CA. Everything goes over real sockets.
import { Agent, request } from 'undici';
import { Registry } from 'prom-client';
import { silentLogger } from '../../src/log.ts';
import { ValidatorRegistry } from '../../src/webhooks/admission/validators.ts';
import { startWebhookServer, type WebhookServer, type WebhookServerOptions } from '../../src/webhooks/server.ts';
import { testCertificates } from './tls.ts';

export interface TestWebhook {
  server: WebhookServer;
  metrics: Registry;
  agent: Agent;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startTestWebhook(overrides: Partial<WebhookServerOptions> = {}): Promise<TestWebhook> {
  const certs = await testCertificates();
  const metrics = new Registry();
  const server = await startWebhookServer({
    host: '127.0.0.1',
    port: 0,
    certificate: { cert: certs.cert, key: certs.key },
    validators: new ValidatorRegistry(),
    logger: silentLogger(),
    metrics,
    ...overrides,
  });
  const agent = new Agent({ connect: { ca: certs.ca }, keepAliveTimeout: 10_000 });
  return {
    server,
    metrics,
    agent,
    async post(path, body, headers = {}) {
      const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      const res = await request(`${server.url}${path}`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', ...headers },
        body: payload,
      });
      const text = await res.body.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      return { status: res.statusCode, json, headers: res.headers };
    },
    async close() {
      await server.close();
      await agent.close();
    },
  };
}

/** A minimal v1 AdmissionReview for tests. */
export function admissionReview(overrides: Record<string, unknown> = {}, apiVersion = 'admission.k8s.io/v1') {
  return {
    apiVersion,
    kind: 'AdmissionReview',
    request: {
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group: 'example.kongward.dev', version: 'v1', kind: 'Widget' },
      resource: { group: 'example.kongward.dev', version: 'v1', resource: 'widgets' },
      name: 'w1',
      namespace: 'default',
      operation: 'CREATE',
      userInfo: { username: 'admin' },
      object: { apiVersion: 'example.kongward.dev/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'default' }, spec: {} },
      oldObject: null,
      dryRun: false,
      ...overrides,
    },
  };
}
