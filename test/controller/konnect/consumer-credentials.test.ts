// KongConsumer `credentials` Secrets (KIC style) for consumers in Konnect: each labelled Secret
// becomes a managed KongCredential* owned by the consumer and the Secret, programmed in Konnect;
// a changed Secret updates it, a Secret dropped from the list deletes it; bad Secrets make none
// and are explained without their values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityKindByName } from '../../../src/controller/konnect/index.ts';
import { desiredCredential } from '../../../src/controller/konnect/consumer-credentials.ts';
import { coreResources, type KubeObject } from '../../../src/controller/runtime/types.ts';
import { condition, eventually, konnectStatus, programmedControlPlane, startEnv } from './helpers.ts';
import { NS } from './fixtures.ts';

const res = (kind: string) => entityKindByName.get(kind)!.resource;
const cpRef = { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } };
const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (name: string, type: string | undefined, data: Record<string, string>): KubeObject => ({
  metadata: { namespace: NS, name, ...(type ? { labels: { 'konghq.com/credential': type } } : {}) },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
} as KubeObject);

test('a Secret tells what credential it makes, or why none, never quoting its values', () => {
  assert.deepEqual(desiredCredential(secret('s', 'basic-auth', { username: 'alice', password: 'pw' }) as never), { kind: 'KongCredentialBasicAuth', spec: { username: 'alice', password: 'pw' } });
  assert.deepEqual(desiredCredential(secret('s', 'jwt', { key: 'k', algorithm: 'HS256', secret: 'hush' }) as never), { kind: 'KongCredentialJWT', spec: { key: 'k', algorithm: 'HS256', secret: 'hush' } });
  assert.deepEqual(desiredCredential(secret('s', 'basic-auth', { username: 'alice' }) as never), { problem: 'Secret default/s used as basic-auth credential, but lacks password key' });
  assert.deepEqual(desiredCredential(secret('s', 'jwt', { key: 'k', algorithm: 'RS256' }) as never), { problem: 'Secret default/s used as jwt credential, but key rsa_public_key is required when algorithm is RS256' });
  assert.deepEqual(desiredCredential(secret('s', 'jwt', { key: 'k', algorithm: 'none' }) as never), { problem: 'Secret default/s used as jwt credential, but algorithm "none" is not supported' });
  assert.deepEqual(desiredCredential(secret('s', 'oauth2', { key: 'k' }) as never), { problem: 'Secret default/s used as credential, but has unsupported type oauth2' });
  assert.deepEqual(desiredCredential(secret('s', undefined, { key: 'topsecret' }) as never), { problem: 'Secret default/s used as credential, but lacks konghq.com/credential label' });
});

test('KongConsumer credentials: managed credentials follow the Secrets and reach Konnect', async (t) => {
  const env = await startEnv();
  t.after(env.close);
  await programmedControlPlane(env);
  await env.kube.create(coreResources.secret, secret('alice-basic', 'basic-auth', { username: 'alice', password: 'first' }));
  await env.kube.create(coreResources.secret, secret('alice-key', 'key-auth', { key: 'k-123' }));
  await env.kube.create(coreResources.secret, secret('alice-acl', 'acl', { group: 'admins' }));
  await env.kube.create(coreResources.secret, secret('unlabelled', undefined, { key: 'never-used' }));
  await env.kube.create(res('KongConsumer'), {
    metadata: { namespace: NS, name: 'alice' }, username: 'alice', credentials: ['alice-basic', 'alice-key', 'alice-acl', 'unlabelled', 'missing'], spec: { controlPlaneRef: cpRef },
  } as KubeObject);
  const consumer = await eventually(async () => {
    const [c] = (await env.kube.list(res('KongConsumer'), NS)).items;
    assert.ok(konnectStatus(c).id);
    return c!;
  }, 'consumer programmed');

  const managed = async (kind: string) => (await env.kube.list(res(kind), NS)).items;
  const programmedOne = (kind: string, check: (cred: KubeObject) => void) => eventually(async () => {
    const items = await managed(kind);
    assert.equal(items.length, 1, `one ${kind}`);
    const cred = items[0]!;
    assert.equal(condition(cred, 'Programmed')?.status, 'True', `${kind} programmed`);
    assert.equal(konnectStatus(cred).consumerID, konnectStatus(consumer).id);
    check(cred);
    return cred;
  }, `${kind} managed and programmed`);
  const basic = await programmedOne('KongCredentialBasicAuth', (cred) => {
    assert.ok(cred.metadata.name!.startsWith('alice-'));
    assert.deepEqual(cred.metadata.ownerReferences?.map((o) => [o.kind, o.name, o.controller ?? false]), [['KongConsumer', 'alice', true], ['Secret', 'alice-basic', false]]);
    assert.deepEqual(cred.spec, { consumerRef: { name: 'alice' }, username: 'alice', password: 'first' });
  });
  await programmedOne('KongCredentialAPIKey', (cred) => assert.equal((cred.spec as { key: string }).key, 'k-123'));
  await programmedOne('KongCredentialACL', (cred) => assert.equal((cred.spec as { group: string }).group, 'admins'));

  // A new password in the Secret updates the same credential.
  await env.kube.patch(coreResources.secret, NS, 'alice-basic', 'merge', { data: { password: b64('second') } });
  await eventually(async () => {
    const [cred] = await managed('KongCredentialBasicAuth');
    assert.equal(cred?.metadata.name, basic.metadata.name);
    assert.equal((cred?.spec as { password: string }).password, 'second');
  }, 'password updated');

  // Dropped from the list: its credential goes (and with it the Konnect credential).
  await env.kube.patch(res('KongConsumer'), NS, 'alice', 'merge', { credentials: ['alice-basic', 'alice-acl'] });
  await eventually(async () => assert.deepEqual(await managed('KongCredentialAPIKey'), []), 'key-auth credential deleted');
  assert.equal((await managed('KongCredentialBasicAuth')).length, 1);
  assert.equal((await managed('KongCredentialACL')).length, 1);
});
