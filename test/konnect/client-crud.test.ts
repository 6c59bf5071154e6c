// KonnectClient against the fake Konnect over real sockets: identity, control planes, core
// entity CRUD, pagination across pages, tag lookup, and typed errors with problem details.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  KonnectAuthError, KonnectConflictError, KonnectNotFoundError, KonnectValidationError,
} from '../../src/konnect/errors.ts';
import { k8sUidTag } from '../../src/konnect/entities.ts';
import { FAKE_ORG_ID } from '../support/fake-konnect/server.ts';
import { konnectFixture, type KonnectFixture } from './fixture.ts';

describe('Konnect client CRUD against the fake', () => {
  let fx: KonnectFixture;
  let cpId: string;
  before(async () => {
    fx = await konnectFixture();
    cpId = (await fx.client.controlPlanes.create({ name: 'crud-cp', labels: { 'k8s-uid': 'cp-uid-1' } })).id;
  });
  after(() => fx.close());

  it('GET /v3/organizations/me gives the organisation of the token', async () => {
    const org = await fx.client.organizationMe();
    assert.equal(org.id, FAKE_ORG_ID);
    assert.equal(fx.fake.requests({ path: '/v3/organizations/me' }).length, 1);
  });

  it('control planes: create, get with endpoints, list with filters and pages, patch, delete', async () => {
    const cp = await fx.client.controlPlanes.get(cpId);
    assert.equal(cp.name, 'crud-cp');
    assert.match(cp.config.control_plane_endpoint, /^https:\/\/[0-9a-f]+\..*cp0\.konghq\.com$/);
    assert.equal(cp.config.cluster_type, 'CLUSTER_TYPE_CONTROL_PLANE');
    for (let i = 0; i < 5; i++) await fx.client.controlPlanes.create({ name: `page-cp-${i}` });
    const page = await fx.client.controlPlanes.listPage({ pageSize: 2, pageNumber: 2 });
    assert.deepEqual([page.data.length, page.page.number, page.page.total], [2, 2, 6]);
    const all: string[] = [];
    for await (const c of fx.client.controlPlanes.listAll({ pageSize: 4, filter: { nameContains: 'page-cp-' } })) all.push(c.name);
    assert.deepEqual(all, ['page-cp-0', 'page-cp-1', 'page-cp-2', 'page-cp-3', 'page-cp-4']);
    assert.deepEqual(fx.fake.requests({ method: 'GET', path: /^\/v2\/control-planes$/ }).map((r) => r.query['page[number]']).slice(-2), ['1', '2']);
    assert.equal((await fx.client.controlPlanes.findByUid('cp-uid-1'))?.id, cpId);
    assert.equal(await fx.client.controlPlanes.findByUid('nobody'), undefined);
    const patched = await fx.client.controlPlanes.update(cpId, { description: 'changed' });
    assert.equal(patched.description, 'changed');
    assert.equal(patched.name, 'crud-cp');
    const doomed = await fx.client.controlPlanes.create({ name: 'doomed' });
    assert.equal(await fx.client.controlPlanes.delete(doomed.id), true);
    assert.equal(await fx.client.controlPlanes.delete(doomed.id), false);
    assert.equal(await fx.client.controlPlanes.find(doomed.id), undefined);
  });

  it('control plane errors: 409 on a duplicate name, 400 with invalid_parameters, 404', async () => {
    const conflict = await fx.client.controlPlanes.create({ name: 'crud-cp' }).catch((e) => e);
    assert.ok(conflict instanceof KonnectConflictError);
    assert.equal(conflict.status, 409);
    assert.equal(conflict.problem?.title, 'Conflict');
    assert.equal(conflict.problem?.detail, `Key (org_id, name)=(${FAKE_ORG_ID}, crud-cp) already exists.`);
    assert.match(conflict.problem?.instance ?? '', /^kong:trace:\d+$/);
    assert.deepEqual(conflict.operation, { action: 'create', entity: 'control plane', method: 'POST', path: '/v2/control-planes' });

    const invalid = await fx.client.controlPlanes.update(cpId, { cluster_type: 'CLUSTER_TYPE_CONTROL_PLANE_GROUP' } as never).catch((e) => e);
    assert.ok(invalid instanceof KonnectValidationError);
    assert.deepEqual(invalid.invalidParameters, [{ field: 'cluster_type', rule: 'unknown_property', reason: 'is an unknown property' }]);
    assert.match(invalid.message, /cluster_type: is an unknown property/);

    const badLabel = await fx.client.controlPlanes.create({ name: 'x', labels: { konnect: 'a' } }).catch((e) => e);
    assert.deepEqual(badLabel.invalidParameters.map((p: { field: string; rule: string }) => [p.field, p.rule]), [['name', 'min_length'], ['labels.konnect', 'is_label']]);

    const missing = await fx.client.controlPlanes.get('5b1f2a8e-0000-4000-8000-000000000000').catch((e) => e);
    assert.ok(missing instanceof KonnectNotFoundError);
    assert.equal(missing.problem?.title, 'Not Found');
  });

  it('services: create with tags, get, upsert replaces the whole entity, delete is idempotent', async () => {
    const services = fx.client.entities.service;
    const scope = { controlPlaneId: cpId };
    const created = await services.create(scope, { name: 'svc-a', host: 'a.example', port: 8080, tags: [k8sUidTag('uid-a'), 'team:x'] });
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.equal(created.protocol, 'http');
    assert.equal(typeof created.created_at, 'number');
    assert.deepEqual(await services.get(scope, created.id), created);
    const replaced = await services.upsert(scope, created.id, { name: 'svc-a', host: 'b.example', tags: created.tags });
    assert.equal(replaced.host, 'b.example');
    assert.equal(replaced.port, 80, 'PUT is a full replacement: an omitted port returns to its default');
    assert.equal(replaced.created_at, created.created_at);

    const putId = '0b8a2c1e-7c7f-4b59-9d5e-3a0a4a7e1f11';
    const upserted = await services.upsert(scope, putId, { host: 'c.example' });
    assert.equal(upserted.id, putId, 'PUT creates under the given id');
    assert.equal(fx.fake.state.entity(cpId, 'services', putId)?.host, 'c.example');

    assert.equal(await services.delete(scope, putId), true);
    assert.equal(await services.delete(scope, putId), true, 'Konnect answers 204 for an absent core entity');
    assert.equal(await services.find(scope, putId), undefined);
    const notFound = await services.get(scope, putId).catch((e) => e);
    assert.ok(notFound instanceof KonnectNotFoundError);
    assert.equal(notFound.operation.entity, 'service');
    assert.equal(notFound.operation.path, `/v2/control-planes/${cpId}/core-entities/services/${putId}`);
  });

  it('lists walk every page (offset/next) and find by k8s-uid tag', async () => {
    const cp = await fx.client.controlPlanes.create({ name: 'paging-cp' });
    const scope = { controlPlaneId: cp.id };
    for (let i = 0; i < 230; i++) await fx.client.entities.consumer.create(scope, { username: `user-${i}`, tags: [k8sUidTag(`u-${i}`), i % 2 ? 'odd' : 'even'] });
    const before = fx.fake.requests({ method: 'GET', path: `/${cp.id}/core-entities/consumers` }).length;
    const all = await fx.client.entities.consumer.listAllArray(scope, { size: 100 });
    assert.equal(all.length, 230);
    assert.equal(new Set(all.map((c) => c.id)).size, 230);
    assert.deepEqual(all.slice(0, 2).map((c) => c.username), ['user-0', 'user-1']);
    const listCalls = fx.fake.requests({ method: 'GET', path: `/${cp.id}/core-entities/consumers` }).slice(before);
    assert.equal(listCalls.length, 3);
    assert.equal(listCalls[0]!.query.offset, undefined);
    assert.ok(listCalls[1]!.query.offset);

    const page = await fx.client.entities.consumer.listPage(scope, { size: 1000, tags: ['odd'] });
    assert.equal(page.data.length, 115);
    assert.equal(page.offset, undefined);
    const found = await fx.client.entities.consumer.findByUid(scope, 'u-77');
    assert.equal(found?.username, 'user-77');
    assert.equal(await fx.client.entities.consumer.findByUid(scope, 'u-none'), undefined);
    assert.equal((await fx.client.entities.consumer.listPage(scope, { nameEquals: 'x' })).data.length, 0);
  });

  it('core-entity errors: unique violation is a conflict, validation details, missing reference, 401', async () => {
    const scope = { controlPlaneId: cpId };
    await fx.client.entities.service.create(scope, { name: 'unique-svc', host: 'u.example' });
    const dup = await fx.client.entities.service.create(scope, { name: 'unique-svc', host: 'v.example' }).catch((e) => e);
    assert.ok(dup instanceof KonnectConflictError);
    assert.equal(dup.status, 400);
    assert.equal(dup.problem?.code, 3);
    assert.equal(dup.problem?.message, 'data constraint error');
    assert.match(dup.problem?.details?.[0]?.messages?.[0] ?? '', /name \(type: unique\) constraint failed/);

    const invalid = await fx.client.entities.service.create(scope, { name: 'no-host', protocol: 'ftp' }).catch((e) => e);
    assert.ok(invalid instanceof KonnectValidationError);
    assert.equal(invalid.problem?.message, 'validation error');
    assert.deepEqual(invalid.problem?.details?.map((d) => [d.type, d.field]), [['ERROR_TYPE_FIELD', 'protocol'], ['ERROR_TYPE_ENTITY', undefined]]);

    const dangling = await fx.client.entities.route.create(scope, { paths: ['/x'], service: { id: '9f0e7c51-1111-4111-8111-111111111111' } }).catch((e) => e);
    assert.ok(dangling instanceof KonnectValidationError);
    assert.equal(dangling.isReferenceOnly, true, 'a missing parent is transient (requeue soon)');

    const stranger = fx.newClient({ token: 'spat_notRegistered' });
    const denied = await stranger.entities.service.listPage(scope).catch((e) => e);
    assert.ok(denied instanceof KonnectAuthError);
    assert.deepEqual(denied.problem, { status: 401, message: 'Unauthorized' });
    const deniedCp = await stranger.controlPlanes.get(cpId).catch((e) => e);
    assert.ok(deniedCp instanceof KonnectAuthError);
    assert.equal(deniedCp.problem?.detail, 'Invalid credentials');
  });
});
