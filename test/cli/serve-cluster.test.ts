// kongward serve --kubeconfig: the webhook learns which GatewayClasses are Kong's from a
// watch-backed cache of the cluster (the Kubernetes API test server here), and /readyz waits
// for that cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { KubeApiServer } from '../support/kube-apiserver/index.ts';
import { spawnCli, waitForLog } from '../support/cli.ts';

function gatewayReview(uid: string, className: string) {
  const object = {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'demo' },
    spec: { gatewayClassName: className, listeners: [{ name: 'tcp', port: 9000, protocol: 'TCP', allowedRoutes: { namespaces: { from: 'Same' } } }] },
  };
  return {
    apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
    request: { uid, kind: { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'Gateway' }, name: 'gw', namespace: 'demo', operation: 'CREATE', object, oldObject: null, dryRun: false },
  };
}

test('serve --kubeconfig: Gateways of a GatewayClass the cluster says is Kong\'s get Kong\'s limits', async () => {
  const api = await KubeApiServer.start();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kongward-cluster-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  await writeFile(kubeconfig, api.kubeConfig().exportConfig());
  api.seed(
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'kong' }, spec: { controllerName: 'konghq.com/gateway-operator' } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'other' }, spec: { controllerName: 'example.com/other' } },
  );
  const child = spawnCli(['serve', '--dev', '--dev-cert-dir', dir, '--port', '0', '--probe-port', '0', '--kubeconfig', kubeconfig]);
  try {
    const serving = await waitForLog(child, (line) => line.msg === 'kongward webhook serving');
    assert.equal(serving.cluster, true);
    const probes = String(serving.probes);
    let ready = 0;
    for (let i = 0; i < 100 && ready !== 200; i++) {
      ready = (await fetch(`${probes}/readyz`)).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(ready, 200, '/readyz once the GatewayClass cache has synced');
    assert.equal((await fetch(`${probes}/readyz/caches`)).status, 200);

    const agent = new Agent({ connect: { ca: await readFile(path.join(dir, 'ca.crt'), 'utf8') } });
    const post = async (body: unknown) => {
      const res = await request(String(serving.url), { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return ((await res.body.json()) as { response: { allowed: boolean; status?: { message: string } } }).response;
    };
    const managed = await post(gatewayReview('u1', 'kong'));
    assert.equal(managed.allowed, false);
    assert.match(managed.status?.message ?? '', /spec\.listeners\[0\]\.protocol: Unsupported value: "TCP": supported values: "HTTP", "HTTPS"/);
    const other = await post(gatewayReview('u2', 'other'));
    assert.equal(other.allowed, true, 'a class of another controller gets only upstream rules');
    await agent.close();
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
});
