// Table parts beyond spec -> body: KongConsumer consumerGroups (memberships added and removed),
// KongService caCertificateRefs, KongCertificate/KongCACertificate secretRef (Secret problems as
// conditions that never quote the data), KongPlugin configFrom/configPatches from Secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityKindByName, SECRET_REF_VALID } from '../../../src/controller/konnect/index.ts';
import { coreResources, type KubeObject } from '../../../src/controller/runtime/types.ts';
import { testCertificates } from '../../support/tls.ts';
import { issueCa, issueServingCertificate } from '../../../src/certs/issue.ts';
import { condition, eventually, getObject, konnectStatus, pluginResource, programmedControlPlane, startEnv, type KonnectEnv } from './helpers.ts';
import { NS, service } from './fixtures.ts';

const res = (kind: string) => entityKindByName.get(kind)!.resource;
const cpRef = { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } };
const b64 = (s: string) => Buffer.from(s).toString('base64');

async function waitFor(env: KonnectEnv, kind: string, name: string, type: string, status: string): Promise<KubeObject> {
  return eventually(async () => {
    const o = await getObject(env.kube, res(kind), NS, name);
    assert.equal(condition(o, type)?.status, status, `${name} ${type}: ${JSON.stringify(condition(o, type))}`);
    return o!;
  }, `${kind} ${name} ${type}=${status}`);
}

test('KongConsumer consumerGroups: memberships follow the list (added, then moved); KongService caCertificateRefs become ca_certificates', async (t) => {
  const env = await startEnv();
  t.after(env.close);
  const pems = await testCertificates();
  const cpId = ((await programmedControlPlane(env)).status as { id: string }).id;
  for (const g of ['gold', 'silver']) await env.kube.create(res('KongConsumerGroup'), { metadata: { namespace: NS, name: g }, spec: { name: g, controlPlaneRef: cpRef } });
  await env.kube.create(res('KongConsumer'), { metadata: { namespace: NS, name: 'alice' }, username: 'alice', consumerGroups: ['gold', 'missing'], spec: { controlPlaneRef: cpRef } });

  // Until gold is programmed the condition may name gold; then it names the missing group.
  const refused = await eventually(async () => {
    const o = await getObject(env.kube, res('KongConsumer'), NS, 'alice');
    assert.equal(condition(o, 'KongConsumerGroupRefsValid')?.message, 'Referenced KongConsumerGroup default/missing does not exist');
    return o!;
  }, 'missing group reported');
  assert.equal(condition(refused, 'KongConsumerGroupRefsValid')?.status, 'False');
  assert.equal(condition(refused, 'Programmed')?.reason, 'ConditionWithStatusFalseExists');

  await env.kube.patch(res('KongConsumer'), NS, 'alice', 'merge', { consumerGroups: ['gold'] });
  const alice = await waitFor(env, 'KongConsumer', 'alice', 'Programmed', 'True');
  const groupId = async (name: string) => konnectStatus(await getObject(env.kube, res('KongConsumerGroup'), NS, name)).id!;
  const consumerId = konnectStatus(alice).id!;
  await eventually(async () => assert.deepEqual(env.fake.state.consumerGroupMembers(cpId), [{ consumerGroupId: await groupId('gold'), consumerId }]), 'member of gold');

  await env.kube.patch(res('KongConsumer'), NS, 'alice', 'merge', { consumerGroups: ['silver'] });
  await eventually(async () => assert.deepEqual(env.fake.state.consumerGroupMembers(cpId), [{ consumerGroupId: await groupId('silver'), consumerId }]), 'moved to silver');

  // caCertificateRefs: the CA certificate's Konnect id goes into the service's ca_certificates.
  await env.kube.create(res('KongCACertificate'), { metadata: { namespace: NS, name: 'ca' }, spec: { type: 'inline', cert: pems.ca, controlPlaneRef: cpRef } });
  await env.kube.create(res('KongService'), service('svc', 'cp', { caCertificateRefs: [{ name: 'ca' }], tls_verify: true }));
  const svc = await waitFor(env, 'KongService', 'svc', 'Programmed', 'True');
  const caId = konnectStatus(await getObject(env.kube, res('KongCACertificate'), NS, 'ca')).id!;
  assert.deepEqual(env.fake.state.entity(cpId, 'services', konnectStatus(svc).id!)!.ca_certificates, [caId]);
  assert.deepEqual((svc.status as { konnect: { caCertificateIDs: string[] } }).konnect.caCertificateIDs, [caId]);
  assert.equal(condition(svc, 'KongCACertificateRefsValid')?.status, 'True');

  // Steady state: no writes in two sync periods (memberships are read, not rewritten).
  const writes = () => env.fake.log.filter((e) => e.method !== 'GET').length;
  const before = writes();
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(writes(), before);
});

test('KongCertificate and KongCACertificate from Secrets: problems are conditions without the data; fixed Secrets are programmed', async (t) => {
  const env = await startEnv();
  t.after(env.close);
  const pems = await testCertificates();
  const cpId = ((await programmedControlPlane(env)).status as { id: string }).id;
  await env.kube.create(res('KongCertificate'), { metadata: { namespace: NS, name: 'cert' }, spec: { type: 'secretRef', secretRef: { name: 'tls' }, controlPlaneRef: cpRef } });
  const missing = await waitFor(env, 'KongCertificate', 'cert', SECRET_REF_VALID, 'False');
  assert.equal(condition(missing, SECRET_REF_VALID)?.message, 'spec.secretRef: Secret default/tls does not exist');

  const garbage = 'not-a-pem-but-secret-material';
  await env.kube.create(coreResources.secret, { metadata: { namespace: NS, name: 'tls' }, type: 'kubernetes.io/tls', data: { 'tls.crt': b64(garbage), 'tls.key': b64(pems.key) } });
  const bad = await eventually(async () => {
    const o = await getObject(env.kube, res('KongCertificate'), NS, 'cert');
    assert.equal(condition(o, SECRET_REF_VALID)?.message, 'spec.secretRef: Secret default/tls key tls.crt does not hold PEM data');
    return o!;
  }, 'garbage reported');
  assert.equal(condition(bad, 'Programmed')?.status, 'False');
  assert.ok(!JSON.stringify(bad.status).includes(garbage) && !JSON.stringify(bad.status).includes('PRIVATE KEY'), 'no Secret data in status');

  await env.kube.patch(coreResources.secret, NS, 'tls', 'merge', { data: { 'tls.crt': b64(pems.cert) } });
  const cert = await waitFor(env, 'KongCertificate', 'cert', 'Programmed', 'True');
  assert.equal(condition(cert, SECRET_REF_VALID)?.status, 'True');
  const stored = env.fake.state.entity(cpId, 'certificates', konnectStatus(cert).id!)!;
  assert.equal(stored.cert, pems.cert.trim());

  await env.kube.create(coreResources.secret, { metadata: { namespace: NS, name: 'ca' }, data: { 'ca.crt': b64(pems.ca) } });
  await env.kube.create(res('KongCACertificate'), { metadata: { namespace: NS, name: 'ca' }, spec: { type: 'secretRef', secretRef: { name: 'ca' }, controlPlaneRef: cpRef } });
  const ca = await waitFor(env, 'KongCACertificate', 'ca', 'Programmed', 'True');
  assert.equal(env.fake.state.entity(cpId, 'ca_certificates', konnectStatus(ca).id!)!.cert, pems.ca.trim());
});

test('KongPlugin configFrom and configPatches: the binding sends the config read from Secrets', async (t) => {
  const env = await startEnv();
  t.after(env.close);
  const cpId = ((await programmedControlPlane(env)).status as { id: string }).id;
  await env.kube.create(res('KongService'), service('svc'));
  await env.kube.create(coreResources.secret, { metadata: { namespace: NS, name: 'plugin-conf' }, data: { config: b64('{"minute": 7, "policy": "local"}'), hour: b64('100') } });
  await env.kube.create(pluginResource, { metadata: { namespace: NS, name: 'rate' }, plugin: 'rate-limiting', configFrom: { secretKeyRef: { name: 'plugin-conf', key: 'config' } } });
  await env.kube.create(pluginResource, { metadata: { namespace: NS, name: 'rate2' }, plugin: 'rate-limiting', config: { minute: 1 }, configPatches: [{ path: '/hour', valueFrom: { secretKeyRef: { name: 'plugin-conf', key: 'hour' } } }] });
  const binding = (name: string, plugin: string, target: Record<string, unknown>) => ({ metadata: { namespace: NS, name }, spec: { controlPlaneRef: cpRef, pluginRef: { name: plugin }, targets: target } });
  await env.kube.create(res('KongPluginBinding'), binding('b1', 'rate', { serviceRef: { group: 'configuration.konghq.com', kind: 'KongService', name: 'svc' } }));
  await env.kube.create(res('KongPluginBinding'), binding('b2', 'rate2', {}));
  await env.kube.create(res('KongPluginBinding'), binding('b3', 'missing-secret', {}));
  await env.kube.create(pluginResource, { metadata: { namespace: NS, name: 'missing-secret' }, plugin: 'cors', configFrom: { secretKeyRef: { name: 'nope', key: 'config' } } });

  const b1 = await waitFor(env, 'KongPluginBinding', 'b1', 'Programmed', 'True');
  assert.deepEqual(env.fake.state.entity(cpId, 'plugins', konnectStatus(b1).id!)!.config, { minute: 7, policy: 'local' });
  const b2 = await waitFor(env, 'KongPluginBinding', 'b2', 'Programmed', 'True');
  assert.deepEqual(env.fake.state.entity(cpId, 'plugins', konnectStatus(b2).id!)!.config, { minute: 1, hour: 100 });
  const b3 = await waitFor(env, 'KongPluginBinding', 'b3', SECRET_REF_VALID, 'False');
  assert.equal(condition(b3, SECRET_REF_VALID)?.message, 'configFrom: Secret default/nope does not exist');
});

test('a changed Secret is sent to Konnect at once, not at the next sync period: a renewed certificate, a new plugin config', async (t) => {
  // A sync period far beyond the test: only the Secret watch can explain a prompt update.
  const env = await startEnv({ controllers: { syncPeriodMs: 60_000 } });
  t.after(env.close);
  const first = await testCertificates();
  const policy = { service: 'renewed', namespace: NS, development: true };
  const renewedCa = await issueCa(policy, Date.now());
  const renewed = await issueServingCertificate(renewedCa, policy, Date.now());
  const cpId = ((await programmedControlPlane(env)).status as { id: string }).id;
  await env.kube.create(coreResources.secret, { metadata: { namespace: NS, name: 'tls' }, type: 'kubernetes.io/tls', data: { 'tls.crt': b64(first.cert), 'tls.key': b64(first.key) } });
  await env.kube.create(res('KongCertificate'), { metadata: { namespace: NS, name: 'cert' }, spec: { type: 'secretRef', secretRef: { name: 'tls' }, controlPlaneRef: cpRef } });
  await env.kube.create(coreResources.secret, { metadata: { namespace: NS, name: 'plugin-conf' }, data: { config: b64('{"minute": 7}') } });
  await env.kube.create(pluginResource, { metadata: { namespace: NS, name: 'rate' }, plugin: 'rate-limiting', configFrom: { secretKeyRef: { name: 'plugin-conf', key: 'config' } } });
  await env.kube.create(res('KongPluginBinding'), { metadata: { namespace: NS, name: 'b1' }, spec: { controlPlaneRef: cpRef, pluginRef: { name: 'rate' }, targets: {} } });
  const cert = await waitFor(env, 'KongCertificate', 'cert', 'Programmed', 'True');
  const binding = await waitFor(env, 'KongPluginBinding', 'b1', 'Programmed', 'True');
  const stored = () => ({
    cert: env.fake.state.entity(cpId, 'certificates', konnectStatus(cert).id!)!.cert,
    config: env.fake.state.entity(cpId, 'plugins', konnectStatus(binding).id!)!.config,
  });
  assert.deepEqual(stored(), { cert: first.cert.trim(), config: { minute: 7 } });

  const writes = () => env.fake.log.filter((e) => e.method !== 'GET').length;
  const before = writes();
  await env.kube.create(coreResources.secret, { metadata: { namespace: NS, name: 'unrelated' }, data: { x: b64('y') } });
  await env.kube.patch(coreResources.secret, NS, 'unrelated', 'merge', { data: { x: b64('z') } });
  await new Promise((r) => setTimeout(r, 300));
  await env.controllers.idle();
  assert.equal(writes(), before, 'a Secret nothing reads changes nothing');

  await env.kube.patch(coreResources.secret, NS, 'tls', 'merge', { data: { 'tls.crt': b64(renewed.cert), 'tls.key': b64(renewed.key) } });
  await env.kube.patch(coreResources.secret, NS, 'plugin-conf', 'merge', { data: { config: b64('{"minute": 9}') } });
  await eventually(() => assert.deepEqual(stored(), { cert: renewed.cert.trim(), config: { minute: 9 } }), 'the new Secret values in Konnect');
});

test('a binding to a KongClusterPlugin sends that plugin, and follows its changes', async (t) => {
  const env = await startEnv({ controllers: { syncPeriodMs: 60_000 } });
  t.after(env.close);
  const clusterPlugins = { group: 'configuration.konghq.com', version: 'v1', kind: 'KongClusterPlugin', plural: 'kongclusterplugins', namespaced: false };
  const cpId = ((await programmedControlPlane(env)).status as { id: string }).id;
  await env.kube.create(clusterPlugins, { metadata: { name: 'global-cors' }, plugin: 'cors', config: { origins: ['https://a.example'] } } as KubeObject);
  await env.kube.create(res('KongPluginBinding'), { metadata: { namespace: NS, name: 'cors' }, spec: { controlPlaneRef: cpRef, pluginRef: { kind: 'KongClusterPlugin', name: 'global-cors' }, targets: {} } });
  const binding = await waitFor(env, 'KongPluginBinding', 'cors', 'Programmed', 'True');
  assert.equal(condition(binding, 'KongPluginRefValid')?.message, 'Referenced KongClusterPlugin global-cors exists');
  const stored = () => env.fake.state.entity(cpId, 'plugins', konnectStatus(binding).id!)!;
  assert.equal(stored().name, 'cors');
  assert.deepEqual(stored().config, { origins: ['https://a.example'] });

  await env.kube.patch(clusterPlugins, undefined, 'global-cors', 'merge', { config: { origins: ['https://b.example'] } });
  await eventually(() => assert.deepEqual(stored().config, { origins: ['https://b.example'] }), 'the cluster plugin change in Konnect');

  // A binding naming a KongClusterPlugin that does not exist says so (not "KongPlugin reference is not set").
  await env.kube.create(res('KongPluginBinding'), { metadata: { namespace: NS, name: 'nope' }, spec: { controlPlaneRef: cpRef, pluginRef: { kind: 'KongClusterPlugin', name: 'nope' }, targets: {} } });
  const missing = await waitFor(env, 'KongPluginBinding', 'nope', 'KongPluginRefValid', 'False');
  assert.equal(condition(missing, 'KongPluginRefValid')?.message, 'Referenced KongClusterPlugin nope does not exist');
});
