// Retries, Retry-After, timeouts, dropped connections, "write applied but answer lost" and token
// redaction: the client against the fake Konnect's fault injection, over real sockets.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
  KonnectNetworkError, KonnectRateLimitError, KonnectServerError, KonnectAuthError,
} from '../../src/konnect/errors.ts';
import { k8sUidTag } from '../../src/konnect/entities.ts';
import type { Clock } from '../../src/konnect/rate-limit.ts';
import { KonnectClient } from '../../src/konnect/client.ts';
import { KonnectConnections } from '../../src/konnect/transport.ts';
import { FAKE_TOKEN, startFakeKonnect } from '../support/fake-konnect/server.ts';
import { testCertificates } from '../support/tls.ts';
import { konnectFixture, type KonnectFixture } from './fixture.ts';

function recordingClock() {
  let t = Date.now();
  const sleeps: number[] = [];
  const clock: Clock = { now: () => t, sleep: async (ms) => void (sleeps.push(ms), (t += ms)) };
  return { clock, sleeps };
}

describe('Konnect client resilience against the fake', () => {
  let fx: KonnectFixture;
  let cpId: string;
  const scope = () => ({ controlPlaneId: cpId });
  before(async () => {
    fx = await konnectFixture();
    cpId = (await fx.client.controlPlanes.create({ name: 'resilience' })).id;
  });
  beforeEach(() => fx.fake.faults.clear());
  after(() => fx.close());

  it('retries GET, PUT and DELETE on 5xx with backoff, then succeeds', async () => {
    const svc = await fx.client.entities.service.create(scope(), { host: 'r.example' });
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const rule = fx.fake.faults.add({ method, path: svc.id, times: 2, action: { kind: 'status', status: 503 } });
      const before = fx.fake.requests({ method, path: svc.id }).length;
      if (method === 'GET') assert.equal((await fx.client.entities.service.get(scope(), svc.id)).id, svc.id);
      if (method === 'PUT') assert.equal((await fx.client.entities.service.upsert(scope(), svc.id, { host: 'r2.example' })).host, 'r2.example');
      if (method === 'DELETE') assert.equal(await fx.client.entities.service.delete(scope(), svc.id), true);
      assert.equal(rule.hits, 2, method);
      assert.equal(fx.fake.requests({ method, path: svc.id }).length - before, 3, `${method}: two 503s then success`);
    }
    assert.equal(fx.fake.state.entity(cpId, 'services', svc.id), undefined);
  });

  it('never retries a POST after a 5xx: one request, KonnectServerError with problem details', async () => {
    fx.fake.faults.add({ method: 'POST', path: '/services', times: 5, action: { kind: 'status', status: 500 } });
    const before = fx.fake.requests({ method: 'POST', path: '/services' }).length;
    const error = await fx.client.entities.service.create(scope(), { host: 'p.example' }).catch((e) => e);
    assert.ok(error instanceof KonnectServerError);
    assert.equal(error.problem?.status, 500);
    assert.equal(error.problem?.detail, 'injected fault');
    assert.equal(fx.fake.requests({ method: 'POST', path: '/services' }).length - before, 1);
  });

  it('gives up after maxRetries on a persistent 5xx', async () => {
    const rule = fx.fake.faults.add({ method: 'GET', path: '/organizations/me', times: 100, action: { kind: 'status', status: 502 } });
    const error = await fx.client.organizationMe().catch((e) => e);
    assert.ok(error instanceof KonnectServerError);
    assert.equal(rule.hits, 4, 'first attempt + 3 retries');
  });

  it('dropped connection: GET is retried, POST fails with KonnectNetworkError after one attempt', async () => {
    fx.fake.faults.add({ method: 'GET', path: '/v3/organizations/me', action: { kind: 'drop' } });
    assert.ok((await fx.client.organizationMe()).id);
    fx.fake.faults.add({ method: 'POST', path: '/consumers', action: { kind: 'drop' } });
    const error = await fx.client.entities.consumer.create(scope(), { username: 'dropped' }).catch((e) => e);
    assert.ok(error instanceof KonnectNetworkError);
    assert.equal(error.timedOut, false);
    assert.equal(fx.fake.state.entities(cpId, 'consumers').filter((c) => c.username === 'dropped').length, 0, 'a dropped request changed nothing');
  });

  it('write applied but response lost: the entity exists in Konnect and is found by its k8s-uid tag', async () => {
    fx.fake.faults.add({ method: 'POST', path: '/core-entities/services', action: { kind: 'lose-response' } });
    const body = { name: 'lost-answer', host: 'lost.example', tags: [k8sUidTag('uid-lost')] };
    const error = await fx.client.entities.service.create(scope(), body).catch((e) => e);
    assert.ok(error instanceof KonnectNetworkError);
    assert.equal(fx.fake.requests({ method: 'POST', path: '/core-entities/services' }).at(-1)?.outcome, 'response-lost');
    const stored = fx.fake.state.entitiesWithTag(cpId, 'services', k8sUidTag('uid-lost'));
    assert.equal(stored.length, 1, 'the write happened');
    // What the reconciler does next: a retried create conflicts on the name, so it adopts by tag.
    const again = await fx.client.entities.service.create(scope(), body).catch((e) => e);
    assert.equal(again.name, 'KonnectConflictError');
    const adopted = await fx.client.entities.service.findByUid(scope(), 'uid-lost');
    assert.equal(adopted?.id, stored[0]!.id);
    assert.equal(fx.fake.state.entitiesWithTag(cpId, 'services', k8sUidTag('uid-lost')).length, 1, 'exactly one entity');
  });

  it('times out a slow answer (KonnectNetworkError.timedOut) and retries an idempotent call', async () => {
    const client = fx.newClient({ requestTimeoutMs: 100, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const rule = fx.fake.faults.add({ method: 'GET', path: '/organizations/me', times: 2, action: { kind: 'delay', ms: 400 } });
    const started = Date.now();
    const error = await client.organizationMe().catch((e) => e);
    assert.ok(error instanceof KonnectNetworkError);
    assert.equal(error.timedOut, true);
    assert.match(error.message, /timed out after 100 ms/);
    assert.equal(rule.hits, 2);
    assert.ok(Date.now() - started < 1_500);
    fx.fake.faults.add({ method: 'GET', path: '/organizations/me', action: { kind: 'delay', ms: 300 } });
    assert.ok((await client.organizationMe()).id, 'second attempt after a timeout succeeds');
  });

  it('429: waits Retry-After (seconds or HTTP date) and retries, even a POST', async () => {
    const { clock, sleeps } = recordingClock();
    const client = fx.newClient({ clock });
    fx.fake.faults.add({ method: 'POST', path: '/core-entities/upstreams', action: { kind: 'rate-limit', retryAfter: '2' } });
    const upstream = await client.entities.upstream.create(scope(), { name: 'u-429' });
    assert.equal(upstream.name, 'u-429');
    assert.deepEqual(sleeps, [2_000]);
    assert.equal(fx.fake.state.entities(cpId, 'upstreams').filter((u) => u.name === 'u-429').length, 1);

    const date = new Date(clock.now() + 5_000).toUTCString();
    fx.fake.faults.add({ method: 'GET', path: '/organizations/me', action: { kind: 'rate-limit', retryAfter: date } });
    await client.organizationMe();
    assert.ok(sleeps[1]! > 3_000 && sleeps[1]! <= 5_000, `HTTP date honoured: ${sleeps[1]}`);
  });

  it('429 with a real 1 s Retry-After is waited for in real time', async () => {
    fx.fake.faults.add({ method: 'GET', path: '/organizations/me', action: { kind: 'rate-limit', retryAfter: '1' } });
    const started = Date.now();
    await fx.client.organizationMe();
    assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
  });

  it('429 beyond the in-client wait budget surfaces as KonnectRateLimitError (15 s default without the header)', async () => {
    const { clock } = recordingClock();
    const client = fx.newClient({ clock, retry: { maxRetryAfterMs: 1_000, maxRetries: 0 } });
    fx.fake.faults.add({ method: 'GET', path: '/organizations/me', action: { kind: 'rate-limit', retryAfter: '77' } });
    const long = await client.organizationMe().catch((e) => e);
    assert.ok(long instanceof KonnectRateLimitError);
    assert.equal(long.retryAfterMs, 77_000);
    assert.equal(long.retryAfterHeader, true);
    assert.equal(long.problem?.message, 'API rate limit exceeded');
    fx.fake.faults.add({ method: 'GET', path: '/organizations/me', action: { kind: 'rate-limit', retryAfter: null } });
    const bare = await client.organizationMe().catch((e) => e);
    assert.ok(bare instanceof KonnectRateLimitError);
    assert.equal(bare.retryAfterMs, 15_000);
    assert.equal(bare.retryAfterHeader, false);
  });

  it('the token appears in no error message, inspected error, log line or fake request log', async () => {
    const secret = 'kpat_SECRETsecretSECRET0123456789abcdefSECRET';
    const client = fx.newClient({ token: secret });
    const errors: unknown[] = [];
    errors.push(await client.organizationMe().catch((e) => e));
    fx.fake.faults.add({ method: 'GET', action: { kind: 'drop' }, times: 10 });
    errors.push(await fx.newClient({ token: secret, retry: { maxRetries: 0 } }).organizationMe().catch((e) => e));
    fx.fake.faults.clear();
    // A proxy that echoes the token back in its error body.
    fx.fake.faults.add({ method: 'GET', action: { kind: 'status', status: 400, body: { message: `bad token ${secret}` } } });
    errors.push(await client.organizationMe().catch((e) => e));
    assert.ok(errors[0] instanceof KonnectAuthError);
    assert.ok(errors[1] instanceof KonnectNetworkError);
    assert.match((errors[2] as Error).message, /bad token \[REDACTED\]/);
    for (const error of errors) {
      const e = error as Error;
      for (const text of [e.message, e.stack ?? '', inspect(e, { depth: 10 }), JSON.stringify(e)]) assert.ok(!text.includes(secret), text);
    }
    assert.ok(fx.logLines().includes('konnect request'), 'debug lines were written');
    assert.ok(!fx.logLines().includes(secret));
    assert.ok(!fx.logLines().includes(FAKE_TOKEN));
    assert.ok(!JSON.stringify(fx.fake.log).includes(secret));
  });

  it('reports one event per attempt for metrics (status or network)', async () => {
    fx.events.length = 0;
    fx.fake.faults.add({ method: 'GET', path: '/organizations/me', action: { kind: 'status', status: 503 } });
    await fx.client.organizationMe();
    assert.deepEqual(fx.events.map((e) => [e.action, e.entity, e.status, e.attempt]), [['get', 'organization', 503, 0], ['get', 'organization', 200, 1]]);
  });
});

describe('Konnect client connection handling', () => {
  it('a refused connection retries even a POST (nothing was sent), then fails with KonnectNetworkError', async () => {
    const fx = await konnectFixture();
    const url = fx.fake.url;
    await fx.fake.close();
    const events: string[] = [];
    const client = fx.newClient({ baseURL: url, observe: (e) => events.push(`${e.method} ${e.status}`) });
    const error = await client.entities.service.create({ controlPlaneId: 'x' }, { host: 'h' }).catch((e) => e);
    assert.ok(error instanceof KonnectNetworkError);
    assert.match(error.message, /ECONNREFUSED/);
    assert.deepEqual(events, ['POST network', 'POST network', 'POST network', 'POST network']);
    await fx.connections.close();
  });

  it('talks HTTPS to a fake with a private CA through the shared pool options', async () => {
    const certs = await testCertificates();
    const fake = await startFakeKonnect({ tls: { cert: certs.cert, key: certs.key } });
    const connections = new KonnectConnections({ pool: { connect: { ca: certs.ca } }, rateLimit: false });
    try {
      assert.match(fake.url, /^https:\/\//);
      const client = new KonnectClient({ token: FAKE_TOKEN, baseURL: fake.url, connections });
      assert.ok((await client.organizationMe()).id);
    } finally {
      await connections.close();
      await fake.close();
    }
  });
});
