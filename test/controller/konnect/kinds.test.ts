// Beyond services and routes: auth from a labelled Secret, the refusal to attach to a control
// plane group (and group members), consumers with credentials, upstreams with targets, plugin
// bindings; hashed passwords never count as drift; Konnect operation metrics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authResource, controlPlaneResource, entityKindByName } from '../../../src/controller/konnect/index.ts';
import { coreResources, type KubeObject } from '../../../src/controller/runtime/types.ts';
import { condition, eventually, FAKE_TOKEN, getObject, konnectStatus, programmedControlPlane, startEnv, type KonnectEnv } from './helpers.ts';
import { AUTH_IN_USE_FINALIZER } from '../../../src/controller/konnect/auth-reconciler.ts';
import { authConfig, controlPlane, NS, service } from './fixtures.ts';

const res = (kind: string) => entityKindByName.get(kind)!.resource;
const cpRef = { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } };

async function waitCondition(env: KonnectEnv, resource: ReturnType<typeof res>, name: string, type: string, status: string): Promise<KubeObject> {
  return eventually(async () => {
    const o = await getObject(env.kube, resource, NS, name);
    assert.equal(condition(o, type)?.status, status, `${name} ${type}: ${JSON.stringify(condition(o, type))}`);
    return o!;
  }, `${name} ${type}=${status}`);
}

test('auth from a Secret: refused without the credential label, valid once labelled; a bad token is Invalid', async (t) => {
  const env = await startEnv();
  t.after(env.close);
  await env.kube.create(coreResources.secret, { metadata: { namespace: NS, name: 'konnect-token' }, data: { token: Buffer.from(FAKE_TOKEN).toString('base64') } });
  await env.kube.create(authResource, { metadata: { namespace: NS, name: 'auth' }, spec: { type: 'secretRef', secretRef: { name: 'konnect-token' }, serverURL: 'eu.api.konghq.com' } });
  const refused = await waitCondition(env, authResource, 'auth', 'APIAuthValid', 'False');
  assert.equal(condition(refused, 'APIAuthValid')?.message, 'secret default/konnect-token does not have label konghq.com/credential: konnect');
  await env.kube.patch(coreResources.secret, NS, 'konnect-token', 'merge', { metadata: { labels: { 'konghq.com/credential': 'konnect' } } });
  const valid = await waitCondition(env, authResource, 'auth', 'APIAuthValid', 'True');
  assert.equal(condition(valid, 'APIAuthValid')?.message, 'Token from Secret default/konnect-token is valid');
  assert.equal((valid.status as { serverURL: string }).serverURL, 'https://eu.api.konghq.com');

  await env.kube.create(authResource, { metadata: { namespace: NS, name: 'bad' }, spec: { type: 'token', token: 'kpat_notAValidToken', serverURL: 'us.api.konghq.com' } });
  const bad = await waitCondition(env, authResource, 'bad', 'APIAuthValid', 'False');
  assert.equal(condition(bad, 'APIAuthValid')?.reason, 'Invalid');
  assert.equal(JSON.stringify(bad.status).includes('kpat_notAValidToken'), false, 'the token never appears in status');
});

test('a control plane group gets its members; entities refuse to attach to it', async (t) => {
  const env = await startEnv();
  t.after(env.close);
  await env.kube.create(authResource, authConfig());
  await env.kube.create(controlPlaneResource, controlPlane('member'));
  await env.kube.create(controlPlaneResource, controlPlane('group', 'auth', { cluster_type: 'CLUSTER_TYPE_CONTROL_PLANE_GROUP' }, { members: [{ name: 'member' }] }));
  const group = await waitCondition(env, controlPlaneResource, 'group', 'Programmed', 'True');
  const member = await waitCondition(env, controlPlaneResource, 'member', 'Programmed', 'True');
  assert.deepEqual(env.fake.state.groupMembers((group.status as { id: string }).id), [(member.status as { id: string }).id]);

  await env.kube.create(res('KongService'), service('svc', 'group'));
  const svc = await waitCondition(env, res('KongService'), 'svc', 'ControlPlaneRefValid', 'False');
  assert.equal(condition(svc, 'ControlPlaneRefValid')?.message, 'Attaching to ControlPlane default/group with cluster type CLUSTER_TYPE_CONTROL_PLANE_GROUP is not supported');
  assert.equal(condition(svc, 'Programmed')?.reason, 'ConditionWithStatusFalseExists');
  assert.equal(env.fake.requests({ method: 'POST', path: '/services' }).length, 0);
});

test('consumers with credentials, upstreams with targets, plugin bindings: programmed with parent ids; no drift writes; deletion cleans up', async (t) => {
  const env = await startEnv();
  t.after(env.close);
  await env.kube.create(authResource, authConfig());
  await env.kube.create(controlPlaneResource, controlPlane());
  const cp = await waitCondition(env, controlPlaneResource, 'cp', 'Programmed', 'True');
  const cpId = (cp.status as { id: string }).id;
  await env.kube.create(res('KongConsumer'), { metadata: { namespace: NS, name: 'alice' }, username: 'alice', spec: { controlPlaneRef: cpRef } });
  await env.kube.create(res('KongCredentialBasicAuth'), { metadata: { namespace: NS, name: 'alice-basic' }, spec: { consumerRef: { name: 'alice' }, username: 'alice', password: 's3cret' } });
  await env.kube.create(res('KongUpstream'), { metadata: { namespace: NS, name: 'up' }, spec: { name: 'up.internal', controlPlaneRef: cpRef } });
  await env.kube.create(res('KongTarget'), { metadata: { namespace: NS, name: 't1' }, spec: { upstreamRef: { name: 'up' }, target: '10.0.0.1:80', weight: 100 } });
  await env.kube.create(res('KongService'), service('svc'));
  await env.kube.create({ ...res('KongService'), kind: 'KongPlugin', plural: 'kongplugins', version: 'v1' }, { metadata: { namespace: NS, name: 'rate' }, plugin: 'rate-limiting', config: { minute: 5 } });
  await env.kube.create(res('KongPluginBinding'), { metadata: { namespace: NS, name: 'rate-svc' }, spec: { controlPlaneRef: cpRef, pluginRef: { name: 'rate' }, targets: { serviceRef: { group: 'configuration.konghq.com', kind: 'KongService', name: 'svc' } } } });

  const cred = await waitCondition(env, res('KongCredentialBasicAuth'), 'alice-basic', 'Programmed', 'True');
  const consumer = (await getObject(env.kube, res('KongConsumer'), NS, 'alice'))!;
  assert.equal(konnectStatus(cred).consumerID, konnectStatus(consumer).id);
  assert.equal(condition(cred, 'KongConsumerRefValid')?.status, 'True');
  const target = await waitCondition(env, res('KongTarget'), 't1', 'Programmed', 'True');
  assert.equal(konnectStatus(target).upstreamID, konnectStatus(await getObject(env.kube, res('KongUpstream'), NS, 'up')).id);
  const binding = await waitCondition(env, res('KongPluginBinding'), 'rate-svc', 'Programmed', 'True');
  const plugin = env.fake.state.entity(cpId, 'plugins', konnectStatus(binding).id!)!;
  assert.equal(plugin.name, 'rate-limiting');
  assert.deepEqual((plugin.service as { id: string }).id, konnectStatus(await getObject(env.kube, res('KongService'), NS, 'svc')).id);
  assert.equal(env.fake.state.entities(cpId, 'basic-auths').length, 1);

  // Two sync periods later nothing was written again (the stored password is hashed, not drift).
  const writes = () => env.fake.log.filter((e) => e.method !== 'GET').length;
  const before = writes();
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(writes(), before);

  const metrics = await env.registry.getSingleMetricAsString('kongward_konnect_entity_operation_count');
  assert.match(metrics, /entity_type="basic-auth credential",operation="create",success="true",status_code="201"/);
  assert.match(metrics, /entity_type="target",operation="get",success="true",status_code="200"/);

  await env.kube.delete(res('KongCredentialBasicAuth'), NS, 'alice-basic');
  await env.kube.delete(res('KongConsumer'), NS, 'alice');
  await env.kube.delete(res('KongTarget'), NS, 't1');
  await eventually(() => {
    const counts = env.fake.state.counts(cpId);
    assert.equal(counts['basic-auths'] ?? 0, 0);
    assert.equal(counts.consumers ?? 0, 0);
    assert.equal(counts.targets ?? 0, 0);
  }, 'consumer, credential and target deleted in Konnect');
});

test('an auth configuration in use by a control plane is kept until the control plane is cleaned up in Konnect', async (t) => {
  const env = await startEnv();
  t.after(env.close);
  const cp = await programmedControlPlane(env);
  const cpId = (cp.status as { id: string }).id;
  const auth = await eventually(async () => {
    const a = await getObject(env.kube, authResource, NS, 'auth');
    assert.deepEqual(a?.metadata.finalizers, [AUTH_IN_USE_FINALIZER]);
    return a!;
  }, 'in-use finalizer on the auth configuration');
  assert.ok(auth);

  // Deleted first: it stays (marked for deletion) while the control plane still needs its token.
  await env.kube.delete(authResource, NS, 'auth');
  await new Promise((r) => setTimeout(r, 400));
  await env.controllers.idle();
  const waiting = await getObject(env.kube, authResource, NS, 'auth');
  assert.ok(waiting?.metadata.deletionTimestamp, 'marked for deletion');
  assert.deepEqual(waiting.metadata.finalizers, [AUTH_IN_USE_FINALIZER]);

  // The control plane can still clean up with it; then the auth configuration goes too.
  await env.kube.delete(controlPlaneResource, NS, 'cp');
  await eventually(async () => {
    assert.equal(await getObject(env.kube, controlPlaneResource, NS, 'cp'), undefined);
    assert.equal(env.fake.state.controlPlanes.has(cpId), false, 'control plane deleted in Konnect');
    assert.equal(await getObject(env.kube, authResource, NS, 'auth'), undefined);
  }, 'control plane cleaned up, then the auth configuration gone');
});

test('an auth configuration no control plane names carries no finalizer', async (t) => {
  const env = await startEnv();
  t.after(env.close);
  await env.kube.create(authResource, authConfig());
  await eventually(async () => assert.equal(condition(await getObject(env.kube, authResource, NS, 'auth'), 'APIAuthValid')?.status, 'True'), 'auth valid');
  assert.equal((await getObject(env.kube, authResource, NS, 'auth'))?.metadata.finalizers, undefined);
});
