// The fake Konnect's own semantics, through the real client where possible: unique keys per
// entity, references, cascades, validation bodies, KIC control planes, filters, 401 shapes per
// API family, secrets never in the request log, seeded probability faults, its rate limit and
// the demo entry point.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { request } from 'undici';
import { k8sUidTag } from '../../src/konnect/entities.ts';
import { KonnectConflictError, KonnectRateLimitError, KonnectValidationError } from '../../src/konnect/errors.ts';
import { repoRoot } from '../support/shared.ts';
import { FAKE_TOKEN, startFakeKonnect } from '../support/fake-konnect/server.ts';
import { konnectFixture, PEM_CERT, PEM_KEY, type KonnectFixture } from './fixture.ts';

describe('fake Konnect semantics', () => {
  let fx: KonnectFixture;
  let cpId: string;
  const scope = () => ({ controlPlaneId: cpId });
  before(async () => {
    fx = await konnectFixture();
  });
  beforeEach(async () => {
    fx.fake.faults.clear();
    cpId = (await fx.client.controlPlanes.create({ name: `sem-${Math.random().toString(36).slice(2)}` })).id;
  });
  after(() => fx.close());

  it('unique keys per control plane answer 400 "data constraint error" (a conflict for the client)', async () => {
    const e = fx.client.entities;
    const consumer = await e.consumer.create(scope(), { username: 'u1', custom_id: 'c1' });
    const upstream = await e.upstream.create(scope(), { name: 'up' });
    const cert = await e.certificate.create(scope(), { cert: PEM_CERT, key: PEM_KEY });
    const duplicates: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      ['consumer username', () => Promise.resolve(), () => e.consumer.create(scope(), { username: 'u1' })],
      ['consumer custom_id', () => Promise.resolve(), () => e.consumer.create(scope(), { custom_id: 'c1' })],
      ['consumer group name', () => e.consumerGroup.create(scope(), { name: 'g' }), () => e.consumerGroup.create(scope(), { name: 'g' })],
      ['upstream name', () => Promise.resolve(), () => e.upstream.create(scope(), { name: 'up' })],
      ['target per upstream', () => e.target.create({ ...scope(), upstreamId: upstream.id }, { target: 'a:1' }), () => e.target.create({ ...scope(), upstreamId: upstream.id }, { target: 'a:1' })],
      ['sni name', () => e.sni.create({ ...scope(), certificateId: cert.id }, { name: 's.example' }), () => e.sni.create({ ...scope(), certificateId: cert.id }, { name: 's.example' })],
      ['vault prefix', () => e.vault.create(scope(), { name: 'env', prefix: 'p' }), () => e.vault.create(scope(), { name: 'env', prefix: 'p' })],
      ['key-auth key', () => e.keyAuth.create({ ...scope(), consumerId: consumer.id }, { key: 'k' }), () => e.keyAuth.create({ ...scope(), consumerId: consumer.id }, { key: 'k' })],
      ['acl group per consumer', () => e.acl.create({ ...scope(), consumerId: consumer.id }, { group: 'g' }), () => e.acl.create({ ...scope(), consumerId: consumer.id }, { group: 'g' })],
      ['ca certificate digest', () => e.caCertificate.create(scope(), { cert: PEM_CERT }), () => e.caCertificate.create(scope(), { cert: PEM_CERT })],
      ['key kid in set', () => e.key.create(scope(), { kid: 'x', jwk: '{}' }), () => e.key.create(scope(), { kid: 'x', jwk: '{}' })],
    ];
    for (const [label, first, second] of duplicates) {
      await first();
      const error: any = await second().catch((err: unknown) => err);
      assert.ok(error instanceof KonnectConflictError, `${label}: ${error?.message ?? 'no error'}`);
      assert.equal(error.status, 400, label);
      assert.equal(error.problem?.message, 'data constraint error', label);
      assert.equal(error.problem?.details?.[0]?.type, 'ERROR_TYPE_REFERENCE', label);
    }
    // Uniqueness is per control plane.
    const other = await fx.client.controlPlanes.create({ name: `other-${cpId}` });
    assert.equal((await e.consumer.create({ controlPlaneId: other.id }, { username: 'u1' })).username, 'u1');
  });

  it('validation: required fields, enums, ranges, unknown fields, tag length, route matchers', async () => {
    const e = fx.client.entities;
    const check = async (promise: Promise<unknown>, expected: [string, string | undefined, RegExp][]) => {
      const error: any = await promise.catch((err: unknown) => err);
      assert.ok(error instanceof KonnectValidationError, error?.message);
      assert.equal(error.problem?.message, 'validation error');
      const got = (error.problem?.details ?? []).map((d) => [d.type, d.field, d.messages?.join(' ')]);
      assert.equal(got.length, expected.length, JSON.stringify(got));
      expected.forEach(([type, field, text], i) => {
        assert.equal(got[i]![0], type);
        assert.equal(got[i]![1], field);
        assert.match(String(got[i]![2]), text);
      });
    };
    await check(e.upstream.create(scope(), { name: 'u', algorithm: 'random', slots: 5 }), [['ERROR_TYPE_FIELD', 'algorithm', /one of/], ['ERROR_TYPE_FIELD', 'slots', /between 10 and 65536/]]);
    await check(e.service.create(scope(), { host: 'h', colour: 'red' }), [['ERROR_TYPE_FIELD', 'colour', /unknown field/]]);
    await check(e.service.create(scope(), { host: 'h', tags: ['x'.repeat(138)] }), [['ERROR_TYPE_FIELD', 'tags[0]', /length must be <= 128, but got 138/]]);
    await check(e.vault.create(scope(), { name: 'env' }), [['ERROR_TYPE_ENTITY', undefined, /missing properties: 'prefix'/]]);
    await check(e.consumer.create(scope(), {}), [['ERROR_TYPE_ENTITY', undefined, /at least one of these fields must be non-empty: 'custom_id', 'username'/]]);
    await check(e.route.create(scope(), { name: 'no-matcher' }), [['ERROR_TYPE_ENTITY', undefined, /must set one of 'methods', 'hosts', 'headers', 'paths'/]]);
    await check(e.certificate.create(scope(), { cert: 'nope', key: PEM_KEY }), [['ERROR_TYPE_FIELD', 'cert', /PEM/]]);
    const svc = await e.service.create(scope(), { url: 'https://api.example:8443/v1' });
    assert.deepEqual([svc.protocol, svc.host, svc.port, svc.path, 'url' in svc], ['https', 'api.example', 8443, '/v1', false]);
  });

  it('generated and normalised fields: key-auth key, jwt key/secret, hmac secret, target port, hashed basic-auth password', async () => {
    const e = fx.client.entities;
    const consumer = await e.consumer.create(scope(), { username: 'gen' });
    const cs = { ...scope(), consumerId: consumer.id };
    assert.match(String((await e.keyAuth.create(cs, {})).key), /^[0-9a-f]{32}$/);
    const jwt = await e.jwt.create(cs, {});
    assert.equal(jwt.algorithm, 'HS256');
    assert.ok(jwt.key && jwt.secret);
    assert.ok((await e.jwt.create(cs, { algorithm: 'RS256' }).catch((err) => err)) instanceof KonnectValidationError, 'RS256 needs rsa_public_key');
    assert.ok((await e.hmacAuth.create(cs, { username: 'h' })).secret);
    const basic = await e.basicAuth.create(cs, { username: 'b', password: 'plain' });
    assert.match(String(basic.password), /^[0-9a-f]{40}$/);
    const upstream = await e.upstream.create(scope(), { name: 'tp' });
    assert.equal((await e.target.create({ ...scope(), upstreamId: upstream.id }, { target: '10.1.1.1' })).target, '10.1.1.1:8000');
    assert.ok(!JSON.stringify(fx.fake.log).includes('"plain"'), 'passwords never reach the request log');
  });

  it('references: a missing parent is a 400 ERROR_TYPE_REFERENCE; nested reads check the parent', async () => {
    const e = fx.client.entities;
    const ghost = '11111111-2222-4333-8444-555555555555';
    const error = await e.sni.create({ ...scope(), certificateId: ghost }, { name: 'ghost.example' }).catch((err) => err);
    assert.ok(error instanceof KonnectValidationError);
    assert.equal(error.isReferenceOnly, true);
    assert.match(error.problem?.details?.[0]?.messages?.[0] ?? '', /certificate \(type: foreign\) constraint failed/);
    const consumer = await e.consumer.create(scope(), { username: 'ref' });
    const other = await e.consumer.create(scope(), { username: 'ref2' });
    const acl = await e.acl.create({ ...scope(), consumerId: consumer.id }, { group: 'g' });
    assert.equal(await e.acl.find({ ...scope(), consumerId: other.id }, acl.id), undefined, 'not under another consumer');
    assert.equal((await e.acl.find({ ...scope(), consumerId: consumer.id }, acl.id))?.id, acl.id);
  });

  it('cascades: consumer takes credentials, plugins and memberships; upstream takes targets; a referenced service is refused', async () => {
    const e = fx.client.entities;
    const consumer = await e.consumer.create(scope(), { username: 'c' });
    const cs = { ...scope(), consumerId: consumer.id };
    await e.basicAuth.create(cs, { username: 'c-basic', password: 'x' });
    await e.acl.create(cs, { group: 'g' });
    await e.plugin.create(scope(), { name: 'acl', consumer: { id: consumer.id } });
    const group = await e.consumerGroup.create(scope(), { name: 'cg' });
    await fx.client.consumerGroupMembership.add(cpId, group.id, consumer.id);
    await e.consumer.delete(scope(), consumer.id);
    assert.deepEqual(fx.fake.state.counts(cpId), { consumer_groups: 1 });
    assert.deepEqual(fx.fake.state.consumerGroupMembers(cpId), []);

    const upstream = await e.upstream.create(scope(), { name: 'u' });
    await e.target.create({ ...scope(), upstreamId: upstream.id }, { target: 't:1' });
    await e.upstream.delete(scope(), upstream.id);
    assert.equal(fx.fake.state.entities(cpId, 'targets').length, 0);

    const svc = await e.service.create(scope(), { host: 's' });
    const route = await e.route.create(scope(), { paths: ['/'], service: { id: svc.id } });
    await e.plugin.create(scope(), { name: 'cors', service: { id: svc.id } });
    const refused = await e.service.delete(scope(), svc.id).catch((err) => err);
    assert.ok(refused instanceof KonnectValidationError && refused.isReferenceOnly, 'routes still reference the service');
    assert.ok(fx.fake.state.entity(cpId, 'services', svc.id));
    await e.route.delete(scope(), route.id);
    assert.equal(await e.service.delete(scope(), svc.id), true);
    assert.equal(fx.fake.state.entities(cpId, 'plugins').length, 0, 'service plugins cascade');
  });

  it('deleting a control plane removes everything in it; its core-entity paths then 404', async () => {
    await fx.client.entities.service.create(scope(), { host: 'x' });
    await fx.client.dataPlaneCertificates.create(cpId, { cert: PEM_CERT });
    assert.equal(await fx.client.controlPlanes.delete(cpId), true);
    assert.deepEqual(fx.fake.state.counts(cpId), {});
    assert.equal(fx.fake.state.dpCertificates(cpId).length, 0);
    const error = await fx.client.entities.service.listPage(scope()).catch((err) => err);
    assert.equal(error.name, 'KonnectNotFoundError');
  });

  it('KIC control planes refuse core-entity writes with 403 code 7', async () => {
    const kic = await fx.client.controlPlanes.create({ name: `kic-${cpId}`, cluster_type: 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER' });
    const error = await fx.client.entities.service.create({ controlPlaneId: kic.id }, { host: 'x' }).catch((err) => err);
    assert.ok(error instanceof KonnectValidationError);
    assert.equal(error.status, 403);
    assert.equal(error.problem?.code, 7);
    assert.match(error.message, /operation not permitted on KIC cluster/);
    assert.deepEqual((await fx.client.entities.service.listPage({ controlPlaneId: kic.id })).data, []);
  });

  it('tag filters: "," is AND, "/" is OR; size outside 1..1000 is a 400', async () => {
    const e = fx.client.entities.service;
    await e.create(scope(), { host: 'a', tags: ['a', 'b'] });
    await e.create(scope(), { host: 'b', tags: ['b'] });
    await e.create(scope(), { host: 'c', tags: ['c'] });
    assert.deepEqual((await e.listPage(scope(), { tags: ['a', 'b'] })).data.map((s) => s.host), ['a']);
    assert.deepEqual((await e.listPage(scope(), { anyTags: ['a', 'c'] })).data.map((s) => s.host), ['a', 'c']);
    assert.ok((await e.listPage(scope(), { size: 1001 }).catch((err) => err)) instanceof KonnectValidationError);
    assert.equal(fx.fake.state.entitiesWithTag(cpId, 'services', 'b').length, 2);
  });

  it('401 bodies per API family, and the token is never logged', async () => {
    const call = async (p: string) => {
      const res = await request(`${fx.fake.url}${p}`, { headers: { authorization: 'Bearer kpat_wrong' } });
      return [res.statusCode, await res.body.json()];
    };
    assert.deepEqual(await call(`/v2/control-planes/${cpId}/core-entities/services`), [401, { message: 'Unauthorized', status: 401 }]);
    assert.deepEqual(await call(`/v2/control-planes/${cpId}/dp-client-certificates`), [401, { message: 'Unauthorized' }]);
    const [status, body] = await call('/v3/organizations/me') as [number, Record<string, unknown>];
    assert.equal(status, 401);
    assert.equal(body.title, 'Unauthorized');
    assert.ok(!JSON.stringify(fx.fake.log).includes('kpat_wrong'));
    assert.ok(!JSON.stringify(fx.fake.log).includes(FAKE_TOKEN));
  });

  it('probability faults are reproducible with a seed', async () => {
    const run = async (seed: number) => {
      const fake = await startFakeKonnect({ seed });
      fake.faults.add({ probability: 0.3, action: { kind: 'status', status: 503 } });
      const outcomes = [];
      for (let i = 0; i < 30; i++) {
        const res = await request(`${fake.url}/v3/organizations/me`, { headers: { authorization: `Bearer ${FAKE_TOKEN}` } });
        await res.body.dump();
        outcomes.push(res.statusCode);
      }
      await fake.close();
      return outcomes;
    };
    const [a, b, c] = [await run(7), await run(7), await run(8)];
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    const failures = a.filter((s) => s === 503).length;
    assert.ok(failures > 3 && failures < 18, `${failures} of 30`);
  });

  it('the fake\'s own request limit answers Konnect\'s 429 with Retry-After', async () => {
    const limited = await konnectFixture({ fake: { rateLimit: { limit: 3, windowMs: 60_000 } }, client: { retry: { maxRetries: 0 } } });
    try {
      for (let i = 0; i < 3; i++) await limited.client.organizationMe();
      const error = await limited.client.organizationMe().catch((err) => err);
      assert.ok(error instanceof KonnectRateLimitError);
      assert.ok(error.retryAfterMs >= 1_000 && error.retryAfterMs <= 60_000);
    } finally {
      await limited.close();
    }
  });

  it('the client-side token bucket spaces requests over real sockets', async () => {
    const limited = await konnectFixture({ rateLimit: { ratePerSecond: 20, burst: 1 } });
    try {
      const started = Date.now();
      await Promise.all(Array.from({ length: 6 }, () => limited.client.organizationMe()));
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 230, `6 requests at 20/s with burst 1 took ${elapsed} ms`);
      assert.equal(limited.fake.requests().length, 6);
    } finally {
      await limited.close();
    }
  });

  it('main.ts serves a demo fake on the given port', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'test/support/fake-konnect/main.ts'), '--port', '0', '--token', 'kpat_demo'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [chunk] = await once(child.stdout, 'data') as [Buffer];
      const { url } = JSON.parse(chunk.toString()) as { url: string };
      const res = await request(`${url}/v3/organizations/me`, { headers: { authorization: 'Bearer kpat_demo' } });
      assert.equal(res.statusCode, 200);
      assert.match(((await res.body.json()) as { id: string }).id, /^[0-9a-f-]{36}$/);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
