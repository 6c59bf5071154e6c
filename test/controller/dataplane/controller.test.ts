// The DataPlane controller against the Kubernetes API test server, through the real client:
// provisioning, updates, repairs, readiness, zero-write resyncs, and no duplicates when a
// create's answer is lost or the controller restarts in the middle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { KubeClient } from '../../../src/controller/runtime/kube-client.ts';
import { coreResources, type KubeObject } from '../../../src/controller/runtime/types.ts';
import { dataPlaneResource } from '../../../src/controller/dataplane/constants.ts';
import { CA_NAMESPACE, dataPlane, LossyProxy, NS, ownedBy, settle, startController, startServer, until, writes } from './helpers.ts';

type Obj = KubeObject & { spec: any; status?: any; data?: any };
const env = (d: Obj) => Object.fromEntries((d.spec.template.spec.containers[0].env as { name: string; value: string }[]).map((e) => [e.name, e.value]));
const deploymentsOf = (server: Awaited<ReturnType<typeof startServer>>['server'], dp: string) => ownedBy(server, 'apps/v1', 'Deployment', dp) as Obj[];
const servicesOf = (server: Awaited<ReturnType<typeof startServer>>['server'], dp: string, part: string) => ownedBy(server, 'v1', 'Service', dp, part) as Obj[];
const secretsOf = (server: Awaited<ReturnType<typeof startServer>>['server'], dp: string) => ownedBy(server, 'v1', 'Secret', dp, 'admin-certificate') as Obj[];
const dpStatus = (server: Awaited<ReturnType<typeof startServer>>['server'], name: string) =>
  (server.object('gateway-operator.konghq.com/v1beta1', 'DataPlane', NS, name) as Obj | undefined)?.status;
const ready = (status: any) => (status?.conditions as any[] | undefined)?.find((c) => c.type === 'Ready');

test('a DataPlane gets its Deployment, Services, admin certificate and status; changes, repairs and readiness follow', async (t) => {
  const { server, client } = await startServer();
  const controller = startController(client);
  t.after(async () => { await controller.stop(); await client.close(); await server.close(); });
  await controller.start();
  const [dp] = server.seed(dataPlane('dp1', {
    deployment: { replicas: 2, podTemplateSpec: { metadata: { labels: { team: 'edge' } }, spec: { containers: [{ name: 'proxy', image: 'kong/kong-gateway:3.9.1', env: [{ name: 'KONG_LOG_LEVEL', value: 'debug' }] }] } } },
  }));
  await until(() => deploymentsOf(server, 'dp1').length === 1 && ready(dpStatus(server, 'dp1')), 'provisioning');
  await settle(controller);

  await t.test('Deployment: owner, labels, image, env defaults merged with the user, readiness, admin certificate mount', () => {
    const [d] = deploymentsOf(server, 'dp1');
    assert.ok(d!.metadata.name!.startsWith('dataplane-dp1-'));
    assert.deepEqual(d!.metadata.ownerReferences, [{ apiVersion: 'gateway-operator.konghq.com/v1beta1', kind: 'DataPlane', name: 'dp1', uid: dp!.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    assert.equal(d!.metadata.labels!['gateway-operator.konghq.com/managed-by'], 'dataplane');
    assert.equal(d!.metadata.labels!['app.kubernetes.io/managed-by'], 'kongward');
    assert.equal(d!.spec.replicas, 2);
    const proxy = d!.spec.template.spec.containers[0];
    assert.equal(proxy.name, 'proxy');
    assert.equal(proxy.image, 'kong/kong-gateway:3.9.1');
    const e = env(d!);
    assert.equal(e.KONG_DATABASE, 'off');
    assert.equal(e.KONG_LOG_LEVEL, 'debug');
    assert.equal(e.KONG_ADMIN_SSL_CERT, '/var/cluster-certificate/tls.crt');
    assert.equal(e.KONG_PROXY_LISTEN, '0.0.0.0:8000 reuseport backlog=16384, 0.0.0.0:8443 http2 ssl reuseport backlog=16384');
    assert.deepEqual(proxy.readinessProbe.httpGet, { path: '/status/ready', port: 8100, scheme: 'HTTP' });
    assert.equal(d!.spec.template.metadata.labels.team, 'edge');
    assert.equal(d!.spec.template.metadata.labels.app, 'dp1');
    const [secret] = secretsOf(server, 'dp1');
    assert.equal(d!.spec.template.spec.volumes[0].secret.secretName, secret!.metadata.name);
    assert.deepEqual(proxy.volumeMounts[0], { name: 'cluster-certificate', mountPath: '/var/cluster-certificate', readOnly: true });
  });

  await t.test('Services: ingress LoadBalancer 80->8000/443->8443, headless admin 8444', () => {
    const [ingress] = servicesOf(server, 'dp1', 'ingress-service');
    assert.ok(ingress!.metadata.name!.startsWith('dataplane-ingress-dp1-'));
    assert.equal(ingress!.spec.type, 'LoadBalancer');
    assert.deepEqual(ingress!.spec.ports.map((p: any) => [p.name, p.port, p.targetPort]), [['http', 80, 8000], ['https', 443, 8443]]);
    assert.deepEqual(ingress!.spec.selector, { app: 'dp1' });
    assert.equal(ingress!.metadata.labels!['gateway-operator.konghq.com/dataplane-service-type'], 'ingress');
    const [admin] = servicesOf(server, 'dp1', 'admin-service');
    assert.ok(admin!.metadata.name!.startsWith('dataplane-admin-dp1-'));
    assert.equal(admin!.spec.clusterIP, 'None');
    assert.equal(admin!.spec.publishNotReadyAddresses, true);
    assert.deepEqual(admin!.spec.ports.map((p: any) => [p.name, p.port, p.targetPort]), [['admin', 8444, 8444]]);
  });

  await t.test('admin certificate: signed by the cluster CA Secret (created), names of the admin Service', () => {
    const caSecret = server.object('v1', 'Secret', CA_NAMESPACE, 'kongward-cluster-ca') as Obj;
    assert.ok(caSecret, 'cluster CA Secret created');
    const ca = new X509Certificate(Buffer.from(caSecret.data['tls.crt'], 'base64'));
    const [secret] = secretsOf(server, 'dp1');
    assert.equal(secret!.type, 'kubernetes.io/tls');
    const leaf = new X509Certificate(Buffer.from(secret!.data['tls.crt'], 'base64'));
    assert.ok(leaf.verify(ca.publicKey));
    const [admin] = servicesOf(server, 'dp1', 'admin-service');
    assert.match(leaf.subjectAltName ?? '', new RegExp(`DNS:\\*\\.${admin!.metadata.name}\\.default\\.svc`));
    assert.equal(Buffer.from(secret!.data['ca.crt'], 'base64').toString(), Buffer.from(caSecret.data['tls.crt'], 'base64').toString());
  });

  await t.test('status before pods are ready: PodsNotReady, selector, service', () => {
    const status = dpStatus(server, 'dp1');
    const [ingress] = servicesOf(server, 'dp1', 'ingress-service');
    assert.equal(ready(status).status, 'False');
    assert.equal(ready(status).reason, 'PodsNotReady');
    assert.equal(ready(status).observedGeneration, 1);
    assert.equal(status.service, ingress!.metadata.name);
    assert.equal(status.selector, `app=dp1,gateway-operator.konghq.com/selector=${dp!.metadata.uid}`);
  });

  await t.test('a full resync with nothing changed makes zero writes', async () => {
    server.resetCounts();
    controller.resync();
    await settle(controller);
    assert.equal(writes(server), 0);
  });

  await t.test('Deployment status as a kubelet writes it, and a load balancer address -> Ready, replicas, addresses', async () => {
    const [d] = deploymentsOf(server, 'dp1');
    await client.patch(coreResources.deployment, NS, d!.metadata.name!, 'merge', { status: { observedGeneration: d!.metadata.generation, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 } }, { subresource: 'status' });
    await until(() => ready(dpStatus(server, 'dp1'))?.reason === 'WaitingToBecomeReady', 'waiting for an address');
    const [ingress] = servicesOf(server, 'dp1', 'ingress-service');
    await client.patch(coreResources.service, NS, ingress!.metadata.name!, 'merge', { status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }, { hostname: 'lb.example.com' }] } } }, { subresource: 'status' });
    const status = await until(() => { const s = dpStatus(server, 'dp1'); return ready(s)?.status === 'True' && s; }, 'Ready');
    assert.equal(ready(status).reason, 'PodsReady');
    assert.equal(status.readyReplicas, 2);
    assert.equal(status.replicas, 2);
    assert.deepEqual(status.addresses, [
      { type: 'IPAddress', value: '203.0.113.7', sourceType: 'PublicLoadBalancer' },
      { type: 'Hostname', value: 'lb.example.com', sourceType: 'PublicLoadBalancer' },
    ]);
  });

  await t.test('spec changes roll the Deployment and update the ingress Service', async () => {
    const current = server.object('gateway-operator.konghq.com/v1beta1', 'DataPlane', NS, 'dp1') as Obj;
    const spec = structuredClone(current.spec);
    spec.deployment.replicas = 3;
    spec.deployment.podTemplateSpec.spec.containers[0].image = 'kong/kong-gateway:3.10';
    spec.network = { services: { ingress: { type: 'ClusterIP', ports: [{ name: 'web', port: 8080, targetPort: 8000 }], annotations: { 'example.com/x': 'y' } } } };
    await client.replace(dataPlaneResource, { ...current, spec });
    await until(() => {
      const [d] = deploymentsOf(server, 'dp1');
      return d!.spec.replicas === 3 && d!.spec.template.spec.containers[0].image === 'kong/kong-gateway:3.10';
    }, 'Deployment rolled');
    const [ingress] = await until(() => { const s = servicesOf(server, 'dp1', 'ingress-service'); return s[0]?.spec.type === 'ClusterIP' && s; }, 'Service updated');
    assert.deepEqual(ingress!.spec.ports.map((p: any) => [p.name, p.port, p.targetPort]), [['web', 8080, 8000]]);
    assert.equal(ingress!.metadata.annotations!['example.com/x'], 'y');
    assert.equal(deploymentsOf(server, 'dp1').length, 1);
    await until(() => ready(dpStatus(server, 'dp1'))?.status === 'False', 'rollout makes the DataPlane not ready');
  });

  await t.test('edits to owned objects are reverted; deleted ones recreated', async () => {
    await settle(controller);
    const [d] = deploymentsOf(server, 'dp1');
    const edited = structuredClone(d!) as Obj;
    edited.spec.template.spec.containers[0].env.push({ name: 'SNEAKY', value: '1' });
    edited.spec.replicas = 9;
    await client.replace(coreResources.deployment, edited);
    await until(() => { const [x] = deploymentsOf(server, 'dp1'); return x!.spec.replicas === 3 && !('SNEAKY' in env(x!)); }, 'Deployment restored');
    const [admin] = servicesOf(server, 'dp1', 'admin-service');
    await client.delete(coreResources.service, NS, admin!.metadata.name!);
    const [again] = await until(() => { const s = servicesOf(server, 'dp1', 'admin-service'); return s.length === 1 && s[0]!.metadata.name !== admin!.metadata.name && s; }, 'admin Service recreated');
    // The certificate names the admin Service, so it is reissued for the new one.
    await until(() => {
      const [secret] = secretsOf(server, 'dp1');
      return new X509Certificate(Buffer.from(secret!.data['tls.crt'], 'base64')).subjectAltName?.includes(`*.${again!.metadata.name}.default.svc`);
    }, 'certificate reissued');
    const [secret] = secretsOf(server, 'dp1');
    await client.delete(coreResources.secret, NS, secret!.metadata.name!);
    await until(() => secretsOf(server, 'dp1').length === 1 && deploymentsOf(server, 'dp1')[0]!.spec.template.spec.volumes[0].secret.secretName === secretsOf(server, 'dp1')[0]!.metadata.name, 'certificate recreated and mounted');
    await settle(controller);
    assert.equal(deploymentsOf(server, 'dp1').length, 1);
    assert.equal(servicesOf(server, 'dp1', 'admin-service').length, 1);
    assert.equal(secretsOf(server, 'dp1').length, 1);
  });
});

test('no duplicates when a create answer is lost or the controller restarts mid-reconcile', async (t) => {
  const { server, client } = await startServer();
  const proxy = await LossyProxy.start(server.url);
  const lossyClient = new KubeClient(proxy.kubeConfig());
  t.after(async () => { await lossyClient.close(); await client.close(); await proxy.close(); await server.close(); });

  // Controller A: the Deployment create reaches the server but its answer is lost; A is stopped
  // before it can retry (a crash between the create and the status write).
  proxy.loseAnswers('POST', '/deployments', 1);
  const a = startController(lossyClient);
  let stopped: Promise<void> | undefined;
  proxy.onDrop = () => { stopped = a.stop(); };
  await a.start();
  server.seed(dataPlane('dp2'));
  await until(() => stopped !== undefined, 'the lost answer');
  await stopped;
  proxy.onDrop = undefined;
  assert.equal(deploymentsOf(server, 'dp2').length, 1, 'the Deployment was written despite the lost answer');
  assert.equal(dpStatus(server, 'dp2'), undefined, 'A never wrote status');

  // Controller B starts from scratch and finds everything by labels.
  const b = startController(client);
  t.after(() => b.stop());
  await b.start();
  await until(() => ready(dpStatus(server, 'dp2')), 'B reconciled');
  await settle(b);
  assert.equal(deploymentsOf(server, 'dp2').length, 1);
  assert.equal(servicesOf(server, 'dp2', 'ingress-service').length, 1);
  assert.equal(servicesOf(server, 'dp2', 'admin-service').length, 1);
  assert.equal(secretsOf(server, 'dp2').length, 1);

  await t.test('a lost answer within one controller: it lists live before creating again', async () => {
    const c = startController(lossyClient);
    await c.start();
    proxy.loseAnswers('POST', '/services', 1);
    server.seed(dataPlane('dp3'));
    await until(() => proxy.dropped === 2, 'the second lost answer');
    await until(() => ready(dpStatus(server, 'dp3')), 'reconciled after the retry');
    await settle(c);
    await c.stop();
    assert.equal(servicesOf(server, 'dp3', 'ingress-service').length, 1);
    assert.equal(servicesOf(server, 'dp3', 'admin-service').length, 1);
    assert.equal(deploymentsOf(server, 'dp3').length, 1);
  });
});

test('only Deployments and Services kongward manages are cached, not every one in the cluster', async (t) => {
  const { server, client } = await startServer();
  const controller = startController(client);
  t.after(async () => { await controller.stop(); await client.close(); await server.close(); });
  server.seed(
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: NS, name: 'someone-elses' }, spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'x', image: 'x' }] } } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { namespace: NS, name: 'someone-elses' }, spec: { ports: [{ port: 80 }] } },
  );
  await controller.start();
  server.seed(dataPlane('dp1', {}));
  await until(() => deploymentsOf(server, 'dp1').length === 1 && servicesOf(server, 'dp1', 'ingress-service').length === 1, 'provisioning');
  await settle(controller);
  const cachedNames = (informer: typeof controller.caches.deployments) => informer.list(NS).map((o) => o.metadata.name);
  assert.deepEqual(cachedNames(controller.caches.deployments), [deploymentsOf(server, 'dp1')[0]!.metadata.name]);
  assert.ok(!cachedNames(controller.caches.services).includes('someone-elses'));
  assert.ok(cachedNames(controller.caches.services).length >= 1);
});
