// Every core entity endpoint through the one generic client: create under its parents, get,
// upsert (PUT replace), find by k8s-uid tag (via the flat lookup collection for nested kinds),
// delete. Plus consumer-group membership, control plane groups and DP client certificates.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { coreEntityEndpoints, type CoreEntityName } from '../../src/konnect/endpoints.ts';
import { k8sUidTag } from '../../src/konnect/entities.ts';
import { KonnectConflictError, KonnectNotFoundError, KonnectValidationError } from '../../src/konnect/errors.ts';
import { konnectFixture, PEM_CERT, PEM_KEY, type KonnectFixture } from './fixture.ts';

interface Case {
  body: Record<string, unknown>;
  /** Parent ids the endpoint path needs, built from the shared parents. */
  parents?: (p: Parents) => Record<string, string>;
  /** Field changed by the upsert, and its new value. */
  change: [string, unknown];
  /** Stored collection in the fake. */
  collection: string;
}
interface Parents { serviceId: string; consumerId: string; upstreamId: string; certificateId: string; keySetId: string }

const cases: Record<CoreEntityName, Case> = {
  service: { body: { name: 'fam-svc', host: 'svc.example' }, change: ['host', 'svc2.example'], collection: 'services' },
  route: { body: { name: 'fam-route', paths: ['/r'] }, change: ['paths', ['/r2']], collection: 'routes' },
  serviceRoute: { body: { name: 'fam-nested-route', paths: ['/n'] }, parents: (p) => ({ serviceId: p.serviceId }), change: ['strip_path', false], collection: 'routes' },
  consumer: { body: { username: 'fam-consumer' }, change: ['custom_id', 'c-1'], collection: 'consumers' },
  consumerGroup: { body: { name: 'fam-group' }, change: ['name', 'fam-group-2'], collection: 'consumer_groups' },
  plugin: { body: { name: 'rate-limiting', config: { minute: 5 } }, change: ['enabled', false], collection: 'plugins' },
  upstream: { body: { name: 'fam-upstream' }, change: ['algorithm', 'least-connections'], collection: 'upstreams' },
  target: { body: { target: '10.0.0.1:80' }, parents: (p) => ({ upstreamId: p.upstreamId }), change: ['weight', 5], collection: 'targets' },
  certificate: { body: { cert: PEM_CERT, key: PEM_KEY }, change: ['cert_alt', PEM_CERT], collection: 'certificates' },
  caCertificate: { body: { cert: PEM_CERT }, change: ['cert', PEM_CERT.replace('fake', 'fake2')], collection: 'ca_certificates' },
  sni: { body: { name: 'fam.example' }, parents: (p) => ({ certificateId: p.certificateId }), change: ['name', 'fam2.example'], collection: 'snis' },
  key: { body: { kid: 'kid-1', jwk: '{"kty":"oct"}' }, change: ['name', 'fam-key'], collection: 'keys' },
  keySet: { body: { name: 'fam-keyset' }, change: ['name', 'fam-keyset-2'], collection: 'key-sets' },
  vault: { body: { name: 'env', prefix: 'fam-env' }, change: ['description', 'env vault'], collection: 'vaults' },
  basicAuth: { body: { username: 'fam-basic', password: 'pw' }, parents: (p) => ({ consumerId: p.consumerId }), change: ['username', 'fam-basic-2'], collection: 'basic-auths' },
  keyAuth: { body: { key: 'fam-key-auth' }, parents: (p) => ({ consumerId: p.consumerId }), change: ['key', 'fam-key-auth-2'], collection: 'key-auths' },
  acl: { body: { group: 'admins' }, parents: (p) => ({ consumerId: p.consumerId }), change: ['group', 'ops'], collection: 'acls' },
  jwt: { body: { key: 'fam-jwt' }, parents: (p) => ({ consumerId: p.consumerId }), change: ['algorithm', 'HS512'], collection: 'jwts' },
  hmacAuth: { body: { username: 'fam-hmac' }, parents: (p) => ({ consumerId: p.consumerId }), change: ['username', 'fam-hmac-2'], collection: 'hmac-auths' },
};

describe('every core entity endpoint through the generic client', () => {
  let fx: KonnectFixture;
  let cpId: string;
  let parents: Parents;
  before(async () => {
    fx = await konnectFixture();
    cpId = (await fx.client.controlPlanes.create({ name: 'families' })).id;
    const scope = { controlPlaneId: cpId };
    const e = fx.client.entities;
    parents = {
      serviceId: (await e.service.create(scope, { name: 'parent-svc', host: 'p.example' })).id,
      consumerId: (await e.consumer.create(scope, { username: 'parent-consumer' })).id,
      upstreamId: (await e.upstream.create(scope, { name: 'parent-upstream' })).id,
      certificateId: (await e.certificate.create(scope, { cert: PEM_CERT, key: PEM_KEY })).id,
      keySetId: (await e.keySet.create(scope, { name: 'parent-keyset' })).id,
    };
  });
  after(() => fx.close());

  it('the table covers every endpoint', () => {
    assert.deepEqual(Object.keys(cases).sort(), Object.keys(coreEntityEndpoints).sort());
  });

  for (const [name, c] of Object.entries(cases) as [CoreEntityName, Case][]) {
    it(`${name}: create, get, upsert, find by k8s-uid, delete`, async () => {
      const client = fx.client.entities[name];
      const scope = { controlPlaneId: cpId, ...c.parents?.(parents) };
      const uid = `uid-${name}`;
      const tags = [k8sUidTag(uid), 'managed-by:kong-operator'];
      const created = await client.create(scope, { ...c.body, tags });
      assert.deepEqual(created.tags, tags);
      assert.equal(fx.fake.state.entity(cpId, c.collection, created.id)?.id, created.id, `stored in ${c.collection}`);
      assert.equal((await client.get(scope, created.id)).id, created.id);
      const [field, value] = c.change;
      const updated = await client.upsert(scope, created.id, { ...c.body, tags, [field]: value });
      assert.deepEqual(updated[field], value);
      assert.equal((await client.findByUid(scope, uid))?.id, created.id);
      assert.equal(await client.delete(scope, created.id), true);
      assert.equal(fx.fake.state.entity(cpId, c.collection, created.id), undefined);
      assert.ok((await client.get(scope, created.id).catch((e) => e)) instanceof KonnectNotFoundError);
    });
  }

  it('a key in a key set, and plugins scoped to service, route, consumer and consumer group', async () => {
    const scope = { controlPlaneId: cpId };
    const e = fx.client.entities;
    const key = await e.key.create(scope, { kid: 'in-set', jwk: '{}', set: { id: parents.keySetId } });
    assert.deepEqual(key.set, { id: parents.keySetId });
    const route = await e.route.create(scope, { paths: ['/scoped'], service: { id: parents.serviceId } });
    const group = await e.consumerGroup.create(scope, { name: 'scoped-group' });
    const scopes = [{ service: { id: parents.serviceId } }, { route: { id: route.id } }, { consumer: { id: parents.consumerId } }, { consumer_group: { id: group.id } }];
    for (const s of scopes) await e.plugin.create(scope, { name: 'cors', ...s });
    // The same plugin twice on one scope is a unique violation (conflict); a different scope is fine.
    const dup = await e.plugin.create(scope, { name: 'cors', service: { id: parents.serviceId } }).catch((err) => err);
    assert.ok(dup instanceof KonnectConflictError);
    await e.plugin.create(scope, { name: 'cors' });
    assert.equal(fx.fake.state.entities(cpId, 'plugins').filter((p) => p.name === 'cors').length, 5);
  });

  it('consumer group membership: add, list both ways, duplicate is a conflict, remove', async () => {
    const scope = { controlPlaneId: cpId };
    const group = await fx.client.entities.consumerGroup.create(scope, { name: 'members' });
    const m = fx.client.consumerGroupMembership;
    await m.add(cpId, group.id, parents.consumerId);
    assert.deepEqual((await m.consumersOf(cpId, group.id)).map((c) => c.id), [parents.consumerId]);
    assert.deepEqual((await m.groupsOf(cpId, parents.consumerId)).map((g) => g.id).includes(group.id), true);
    assert.ok((await m.add(cpId, group.id, parents.consumerId).catch((e) => e)) instanceof KonnectConflictError);
    const unknown = await m.add(cpId, group.id, '3c2b1a00-0000-4000-8000-000000000000').catch((e) => e);
    assert.ok(unknown instanceof KonnectValidationError && unknown.isReferenceOnly);
    assert.equal(await m.remove(cpId, group.id, parents.consumerId), true);
    assert.deepEqual(await m.consumersOf(cpId, group.id), []);
    assert.equal((await fx.client.entities.consumerGroup.get(scope, group.id)).name, 'members', 'GET unwraps {consumer_group}');
  });

  it('control plane groups: set members (sorted), list with cursor pages, member status, strict validation', async () => {
    const cps = fx.client.controlPlanes;
    const group = await cps.create({ name: 'group-cp', cluster_type: 'CLUSTER_TYPE_CONTROL_PLANE_GROUP' });
    const members = [];
    for (let i = 0; i < 3; i++) members.push((await cps.create({ name: `member-${i}` })).id);
    await cps.setGroupMembers(group.id, members);
    const put = fx.fake.requests({ method: 'PUT', path: '/group-memberships' }).at(-1);
    assert.deepEqual(put?.body, { members: [...members].sort().map((id) => ({ id })) });
    assert.deepEqual((await cps.listGroupMembers(group.id, 2)).map((c) => c.id), [...members].sort());
    assert.equal(await cps.isGroupMember(members[0]!), true);
    await cps.removeGroupMembers(group.id, [members[0]!]);
    assert.equal(await cps.isGroupMember(members[0]!), false);
    await cps.addGroupMembers(group.id, [members[0]!]);
    assert.deepEqual(fx.fake.state.groupMembers(group.id), [...members].sort());
    const notGroup = await cps.setGroupMembers(members[0]!, [members[1]!]).catch((e) => e);
    assert.ok(notGroup instanceof KonnectValidationError);
    const missing = await cps.setGroupMembers(group.id, ['7e57c0de-0000-4000-8000-000000000000']).catch((e) => e);
    assert.equal(missing.invalidParameters[0].rule, 'missing_reference');
    await cps.delete(members[1]!);
    assert.deepEqual(fx.fake.state.groupMembers(group.id), [members[0]!, members[2]!].sort(), 'a deleted control plane leaves its groups');
  });

  it('data plane client certificates: create, get, list, delete, legacy error bodies', async () => {
    const dp = fx.client.dataPlaneCertificates;
    const cert = await dp.create(cpId, { cert: PEM_CERT });
    assert.equal(cert.cert, PEM_CERT);
    assert.equal((await dp.get(cpId, cert.id)).id, cert.id);
    assert.deepEqual((await dp.list(cpId)).map((c) => c.id), [cert.id]);
    const dup = await dp.create(cpId, { cert: PEM_CERT }).catch((e) => e);
    assert.ok(dup instanceof KonnectConflictError);
    assert.deepEqual(dup.problem, { status: 409, message: 'certificate already exists' });
    const bad = await dp.create(cpId, { cert: 'not a pem' }).catch((e) => e);
    assert.ok(bad instanceof KonnectValidationError);
    assert.equal(await dp.delete(cpId, cert.id), true);
    assert.equal(await dp.delete(cpId, cert.id), false);
    const noCp = await dp.list('0d0d0d0d-0000-4000-8000-000000000000').catch((e) => e);
    assert.ok(noCp instanceof KonnectNotFoundError);
  });
});
