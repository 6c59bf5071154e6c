// Every entity kind of the table, end to end: one object of each (with its parents) becomes
// Programmed with exactly one Konnect entity carrying its k8s tags; objects with their own
// controlPlaneRef get an owner reference to the control plane; deleting everything leaves
// nothing in Konnect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityKindByName, entityKinds, referenceGrantResource } from '../../../src/controller/konnect/index.ts';
import type { KubeObject, ResourceDescriptor } from '../../../src/controller/runtime/types.ts';
import { testCertificates } from '../../support/tls.ts';
import { condition, eventually, konnectStatus, pluginResource, programmedControlPlane, startEnv, type KonnectEnv } from './helpers.ts';
import { NS, route, service } from './fixtures.ts';

const cpRef = { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } };

interface KindCase {
  kind: string;
  name: string;
  /** Fake Konnect collection holding the entity (`dp-certificates`: the DP certificate list). */
  collection: string;
  object: KubeObject;
  /** The object's own controlPlaneRef names the control plane in its namespace: owner reference expected. */
  owned: boolean;
}

const obj = (kind: string, name: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: `configuration.konghq.com/${entityKindByName.get(kind)!.resource.version}`, kind, metadata: { namespace: NS, name }, spec, ...extra,
});

async function allKindCases(): Promise<KindCase[]> {
  const pems = await testCertificates();
  const consumerRef = { name: 'alice' };
  return [
    { kind: 'KongService', name: 'svc', collection: 'services', object: service('svc'), owned: true },
    { kind: 'KongRoute', name: 'rt', collection: 'routes', object: route('rt', 'svc'), owned: false },
    { kind: 'KongConsumer', name: 'alice', collection: 'consumers', object: obj('KongConsumer', 'alice', { controlPlaneRef: cpRef }, { username: 'alice' }), owned: true },
    { kind: 'KongConsumerGroup', name: 'gold', collection: 'consumer_groups', object: obj('KongConsumerGroup', 'gold', { name: 'gold', controlPlaneRef: cpRef }), owned: true },
    { kind: 'KongPluginBinding', name: 'rate-svc', collection: 'plugins', owned: true, object: obj('KongPluginBinding', 'rate-svc', { controlPlaneRef: cpRef, pluginRef: { name: 'rate' }, targets: { serviceRef: { group: 'configuration.konghq.com', kind: 'KongService', name: 'svc' } } }) },
    { kind: 'KongUpstream', name: 'up', collection: 'upstreams', object: obj('KongUpstream', 'up', { name: 'up.internal', controlPlaneRef: cpRef }), owned: true },
    { kind: 'KongTarget', name: 't1', collection: 'targets', object: obj('KongTarget', 't1', { upstreamRef: { name: 'up' }, target: '10.0.0.1:80', weight: 100 }), owned: false },
    { kind: 'KongCertificate', name: 'cert', collection: 'certificates', object: obj('KongCertificate', 'cert', { type: 'inline', cert: pems.cert, key: pems.key, controlPlaneRef: cpRef }), owned: true },
    { kind: 'KongCACertificate', name: 'ca', collection: 'ca_certificates', object: obj('KongCACertificate', 'ca', { type: 'inline', cert: pems.ca, controlPlaneRef: cpRef }), owned: true },
    { kind: 'KongSNI', name: 'sni', collection: 'snis', object: obj('KongSNI', 'sni', { certificateRef: { name: 'cert' }, name: 'api.example.com' }), owned: false },
    { kind: 'KongKeySet', name: 'ks', collection: 'key-sets', object: obj('KongKeySet', 'ks', { name: 'ks', controlPlaneRef: cpRef }), owned: true },
    { kind: 'KongKey', name: 'key', collection: 'keys', owned: true, object: obj('KongKey', 'key', { kid: 'kid-1', jwk: '{"kty":"oct","kid":"kid-1","k":"c2VjcmV0"}', keySetRef: { type: 'namespacedRef', namespacedRef: { name: 'ks' } }, controlPlaneRef: cpRef }) },
    // Cluster-scoped: its controlPlaneRef names the namespace, and a KongReferenceGrant (from namespace "") permits it.
    { kind: 'KongVault', name: 'env-vault', collection: 'vaults', owned: false, object: { ...obj('KongVault', 'env-vault', { backend: 'env', prefix: 'env-vault', config: { prefix: 'KW_' }, controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp', namespace: NS } } }), metadata: { name: 'env-vault' } } },
    { kind: 'KongCredentialBasicAuth', name: 'alice-basic', collection: 'basic-auths', object: obj('KongCredentialBasicAuth', 'alice-basic', { consumerRef, username: 'alice', password: 's3cret' }), owned: false },
    { kind: 'KongCredentialAPIKey', name: 'alice-key', collection: 'key-auths', object: obj('KongCredentialAPIKey', 'alice-key', { consumerRef, key: 'alice-api-key' }), owned: false },
    { kind: 'KongCredentialACL', name: 'alice-acl', collection: 'acls', object: obj('KongCredentialACL', 'alice-acl', { consumerRef, group: 'admins' }), owned: false },
    { kind: 'KongCredentialJWT', name: 'alice-jwt', collection: 'jwts', object: obj('KongCredentialJWT', 'alice-jwt', { consumerRef, key: 'alice-iss', algorithm: 'HS256', secret: 'jwt-secret' }), owned: false },
    { kind: 'KongCredentialHMAC', name: 'alice-hmac', collection: 'hmac-auths', object: obj('KongCredentialHMAC', 'alice-hmac', { consumerRef, username: 'alice-hmac', secret: 'hmac-secret' }), owned: false },
    { kind: 'KongDataPlaneClientCertificate', name: 'dp-cert', collection: 'dp-certificates', object: obj('KongDataPlaneClientCertificate', 'dp-cert', { cert: pems.ca, controlPlaneRef: cpRef }), owned: true },
  ];
}

const nsOf = (resource: ResourceDescriptor) => (resource.namespaced ? NS : undefined);

async function read(env: KonnectEnv, resource: ResourceDescriptor, name: string): Promise<KubeObject | undefined> {
  try {
    return await env.kube.get(resource, nsOf(resource), name);
  } catch {
    return undefined;
  }
}

test('every entity kind: Programmed, exactly one tagged Konnect entity, owner reference to its control plane; nothing left after deletion', async (t) => {
  const env = await startEnv();
  t.after(env.close);
  const cases = await allKindCases();
  assert.deepEqual(cases.map((c) => c.kind).sort(), entityKinds.map((k) => k.kind).sort(), 'one case per kind of the table');

  const cp = await programmedControlPlane(env);
  const cpId = (cp.status as { id: string }).id;
  await env.kube.create(referenceGrantResource, {
    metadata: { namespace: NS, name: 'vaults-to-cp' },
    spec: { from: [{ group: 'configuration.konghq.com', kind: 'KongVault', namespace: '' }], to: [{ group: 'konnect.konghq.com', kind: 'KonnectGatewayControlPlane' }] },
  });
  await env.kube.create(pluginResource, { metadata: { namespace: NS, name: 'rate' }, plugin: 'rate-limiting', config: { minute: 5 } });
  for (const c of cases) await env.kube.create(entityKindByName.get(c.kind)!.resource, c.object);

  for (const c of cases) {
    const resource = entityKindByName.get(c.kind)!.resource;
    const o = await eventually(async () => {
      const current = await read(env, resource, c.name);
      assert.equal(condition(current, 'Programmed')?.status, 'True', `${c.kind} ${JSON.stringify((current?.status as { conditions?: unknown })?.conditions)}`);
      return current!;
    }, `${c.kind} programmed`, 15_000);
    const id = konnectStatus(o).id;
    assert.equal(konnectStatus(o).controlPlaneID, cpId, c.kind);
    if (c.collection === 'dp-certificates') {
      assert.deepEqual(env.fake.state.dpCertificates(cpId).map((d) => d.id), [id], `${c.kind}: exactly one`);
    } else {
      const stored = env.fake.state.entitiesWithTag(cpId, c.collection, `k8s-uid:${o.metadata.uid}`);
      assert.deepEqual(stored.map((s) => s.id), [id], `${c.kind}: exactly one entity with its k8s-uid tag`);
      assert.equal(env.fake.state.entities(cpId, c.collection).length, 1, `${c.kind}: nothing else in ${c.collection}`);
      const tags = stored[0]!.tags as string[];
      for (const tag of [`k8s-kind:${c.kind}`, `k8s-name:${c.name}`, 'k8s-group:configuration.konghq.com', 'managed-by:kongward']) assert.ok(tags.includes(tag), `${c.kind} tag ${tag}`);
      assert.equal(tags.includes(`k8s-namespace:${NS}`), resource.namespaced, `${c.kind} k8s-namespace tag only when namespaced`);
    }
    const owners = (o.metadata.ownerReferences ?? []).filter((r) => r.kind === 'KonnectGatewayControlPlane');
    assert.deepEqual(owners.map((r) => r.uid), c.owned ? [cp.metadata.uid] : [], `${c.kind} owner references`);
  }

  for (const c of cases) await env.kube.delete(entityKindByName.get(c.kind)!.resource, nsOf(entityKindByName.get(c.kind)!.resource), c.name);
  await eventually(async () => {
    for (const c of cases) assert.equal(await read(env, entityKindByName.get(c.kind)!.resource, c.name), undefined, `${c.kind} gone`);
  }, 'all objects deleted', 15_000);
  assert.deepEqual(env.fake.state.counts(cpId), {}, 'nothing left in Konnect');
  assert.deepEqual(env.fake.state.dpCertificates(cpId), []);
});
