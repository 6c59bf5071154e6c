// KonnectExtension on a DataPlane: the seed walkthrough (old group, konnectID), the konnect.konghq.com
// form (endpoints from the KonnectGatewayControlPlane status), and the KonnectExtensionApplied
// reasons when the extension or its Secret is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { sharedPath, SHARED_MISSING } from '../../support/shared.ts';
import { coreResources, type KubeObject } from '../../../src/controller/runtime/types.ts';
import { dataPlane, NS, ownedBy, settle, startController, startServer, until } from './helpers.ts';

type Obj = KubeObject & { spec: any; status?: any };
const envOf = (d: Obj) => Object.fromEntries((d.spec.template.spec.containers[0].env as { name: string; value: string }[]).map((e) => [e.name, e.value]));
const condition = (server: Awaited<ReturnType<typeof startServer>>['server'], name: string, type: string) =>
  ((server.object('gateway-operator.konghq.com/v1beta1', 'DataPlane', NS, name) as Obj | undefined)?.status?.conditions as any[] | undefined)?.find((c) => c.type === type);

test('the seed walkthrough DataPlane with its KonnectExtension gets the Konnect environment and mounts', async (t) => {
  const dir = sharedPath('examples', 'walkthrough');
  if (!dir) return t.skip(SHARED_MISSING);
  const load = (file: string) => parse(readFileSync(`${dir}/${file}`, 'utf8')) as KubeObject;
  const { server, client } = await startServer();
  const controller = startController(client);
  t.after(async () => { await controller.stop(); await client.close(); await server.close(); });
  await controller.start();
  // The Secret arrives last: first the missing-Secret condition, then the Deployment.
  server.seed(load('05-konnect-extension.yaml'), load('06-dataplane.yaml'));
  const missing = await until(() => { const c = condition(server, 'dataplane-example', 'KonnectExtensionApplied'); return c?.reason === 'InvalidSecret' && c; }, 'KonnectExtensionApplied');
  assert.equal(missing.status, 'False');
  assert.equal(missing.reason, 'InvalidSecret');
  assert.match(missing.message, /konnect-client-tls not found/);
  const readyCondition = condition(server, 'dataplane-example', 'Ready');
  assert.equal(readyCondition.status, 'False');
  assert.equal(readyCondition.reason, 'ReferencedResourcesNotAvailable');
  assert.equal(ownedBy(server, 'apps/v1', 'Deployment', 'dataplane-example').length, 0, 'no broken Deployment');
  assert.equal(condition(server, 'dataplane-example', 'AcceptedExtensions').status, 'True');

  server.seed(load('04-client-tls-secret.yaml'));
  const [deployment] = await until(() => { const d = ownedBy(server, 'apps/v1', 'Deployment', 'dataplane-example'); return d.length > 0 && d as Obj[]; }, 'Deployment');
  const env = envOf(deployment!);
  assert.deepEqual(
    Object.fromEntries(['KONG_ROLE', 'KONG_CLUSTER_CONTROL_PLANE', 'KONG_CLUSTER_SERVER_NAME', 'KONG_CLUSTER_TELEMETRY_ENDPOINT', 'KONG_CLUSTER_TELEMETRY_SERVER_NAME',
      'KONG_CLUSTER_MTLS', 'KONG_CLUSTER_CERT', 'KONG_CLUSTER_CERT_KEY', 'KONG_LUA_SSL_TRUSTED_CERTIFICATE', 'KONG_KONNECT_MODE', 'KONG_VITALS', 'KONG_LOG_LEVEL', 'KONG_DATABASE'].map((k) => [k, env[k]])),
    {
      KONG_ROLE: 'data_plane',
      KONG_CLUSTER_CONTROL_PLANE: '9e7f0b8993.us.cp0.konghq.com:443',
      KONG_CLUSTER_SERVER_NAME: '9e7f0b8993.us.cp0.konghq.com',
      KONG_CLUSTER_TELEMETRY_ENDPOINT: '9e7f0b8993.us.tp0.konghq.com:443',
      KONG_CLUSTER_TELEMETRY_SERVER_NAME: '9e7f0b8993.us.tp0.konghq.com',
      KONG_CLUSTER_MTLS: 'pki',
      KONG_CLUSTER_CERT: '/etc/secrets/kong-cluster-cert/tls.crt',
      KONG_CLUSTER_CERT_KEY: '/etc/secrets/kong-cluster-cert/tls.key',
      KONG_LUA_SSL_TRUSTED_CERTIFICATE: 'system',
      KONG_KONNECT_MODE: 'on',
      KONG_VITALS: 'off',
      KONG_LOG_LEVEL: 'debug',
      KONG_DATABASE: 'off',
    },
  );
  const pod = deployment!.spec.template.spec;
  assert.equal(pod.containers[0].image, 'kong/kong-gateway:3.8.1.0');
  assert.ok(pod.containers[0].volumeMounts.some((m: any) => m.name === 'kong-cluster-cert' && m.mountPath === '/etc/secrets/kong-cluster-cert'));
  assert.ok(pod.volumes.some((v: any) => v.name === 'kong-cluster-cert' && v.secret.secretName === 'konnect-client-tls'));
  await until(() => condition(server, 'dataplane-example', 'KonnectExtensionApplied')?.status === 'True', 'KonnectExtensionApplied True');
  assert.equal(condition(server, 'dataplane-example', 'KonnectExtensionApplied').reason, 'KonnectExtensionApplied');

  await t.test('the Secret deleted again: condition back to InvalidSecret, the running Deployment left as it is', async () => {
    await settle(controller);
    await client.delete(coreResources.secret, NS, 'konnect-client-tls');
    await until(() => condition(server, 'dataplane-example', 'KonnectExtensionApplied')?.reason === 'InvalidSecret', 'InvalidSecret');
    const [after] = ownedBy(server, 'apps/v1', 'Deployment', 'dataplane-example') as Obj[];
    assert.equal(after!.metadata.resourceVersion, deployment!.metadata.resourceVersion);
  });
});

test('konnect.konghq.com KonnectExtension: endpoints from the KonnectGatewayControlPlane status, labels, KIC cluster type, missing extension', async (t) => {
  const { server, client } = await startServer();
  const controller = startController(client);
  t.after(async () => { await controller.stop(); await client.close(); await server.close(); });
  await controller.start();
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'dp-cert', namespace: NS }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' } };
  const cp = {
    apiVersion: 'konnect.konghq.com/v1alpha2', kind: 'KonnectGatewayControlPlane', metadata: { name: 'cp', namespace: NS },
    spec: { createControlPlaneRequest: { name: 'cp' } },
  };
  const ext = {
    apiVersion: 'konnect.konghq.com/v1alpha2', kind: 'KonnectExtension', metadata: { name: 'ext', namespace: NS },
    spec: {
      clientAuth: { certificateSecret: { provisioning: 'Manual', secretRef: { name: 'dp-cert' } } },
      konnect: { controlPlane: { ref: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } } }, dataPlane: { labels: { zone: 'b', env: 'prod' } } },
    },
  };
  server.seed(secret, cp, ext, dataPlane('dpk', { extensions: [{ group: 'konnect.konghq.com', kind: 'KonnectExtension', name: 'ext' }] }),
    dataPlane('dpx', { extensions: [{ group: 'konnect.konghq.com', kind: 'KonnectExtension', name: 'absent' }] }));
  // Informers deliver the seeded objects in any order; the condition settles on the last word.
  const notReady = await until(() => { const c = condition(server, 'dpk', 'KonnectExtensionApplied'); return /no Konnect endpoints/.test(c?.message ?? '') && c; }, 'condition');
  assert.equal(notReady.reason, 'KonnectExtensionNotReady');
  assert.match(notReady.message, /no Konnect endpoints/);
  const absent = await until(() => condition(server, 'dpx', 'KonnectExtensionApplied'), 'condition on dpx');
  await until(() => condition(server, 'dpx', 'Ready'), 'Ready on dpx');
  assert.equal(absent.reason, 'InvalidExtension');
  assert.equal(condition(server, 'dpx', 'Ready').reason, 'ValidationFailed');

  await client.patch({ group: 'konnect.konghq.com', version: 'v1alpha2', kind: 'KonnectGatewayControlPlane', plural: 'konnectgatewaycontrolplanes', namespaced: true },
    NS, 'cp', 'merge', { status: { konnectEndpoints: { controlPlane: 'https://acfe5f253f.cp.konghq.com', telemetry: 'https://acfe5f253f.tp0.konghq.com' } } }, { subresource: 'status' });
  const [deployment] = await until(() => { const d = ownedBy(server, 'apps/v1', 'Deployment', 'dpk'); return d.length > 0 && d as Obj[]; }, 'Deployment');
  const env = envOf(deployment!);
  assert.equal(env.KONG_CLUSTER_CONTROL_PLANE, 'acfe5f253f.cp.konghq.com:443');
  assert.equal(env.KONG_CLUSTER_SERVER_NAME, 'acfe5f253f.cp.konghq.com');
  assert.equal(env.KONG_CLUSTER_TELEMETRY_ENDPOINT, 'acfe5f253f.tp0.konghq.com:443');
  assert.equal(env.KONG_CLUSTER_DP_LABELS, 'env:prod,zone:b');
  assert.equal(env.KONG_ROLE, 'data_plane');

  await t.test('a KIC control plane: traditional role, telemetry only', async () => {
    await client.patch({ group: 'konnect.konghq.com', version: 'v1alpha2', kind: 'KonnectGatewayControlPlane', plural: 'konnectgatewaycontrolplanes', namespaced: true },
      NS, 'cp', 'merge', { status: { clusterType: 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER' } }, { subresource: 'status' });
    const [d] = await until(() => { const x = ownedBy(server, 'apps/v1', 'Deployment', 'dpk') as Obj[]; return envOf(x[0]!).KONG_ROLE === 'traditional' && x; }, 'traditional role');
    const e = envOf(d!);
    assert.equal(e.KONG_CLUSTER_CONTROL_PLANE, undefined);
    assert.equal(e.KONG_CLUSTER_SERVER_NAME, undefined);
    assert.equal(e.KONG_CLUSTER_TELEMETRY_SERVER_NAME, 'acfe5f253f.tp0.konghq.com');
    assert.equal(ownedBy(server, 'apps/v1', 'Deployment', 'dpk').length, 1);
  });
});
