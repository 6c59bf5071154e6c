// The pure decisions of the DataPlane controller, without sockets: pod template merging, the
// desired objects, drift detection, Konnect environment, addresses and conditions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/controller/runtime/types.ts';
import { strategicMerge } from '../../../src/controller/dataplane/merge.ts';
import { covers, drift, keepServiceAllocations, withOwnedFields } from '../../../src/controller/dataplane/compare.ts';
import { desiredDeployment, desiredIngressService, serviceSelector } from '../../../src/controller/dataplane/desired.ts';
import { endpointHost, konnectEnv, resolveExtension } from '../../../src/controller/dataplane/konnect-extension.ts';
import { computeStatus, serviceAddresses, setConditions, statusUpToDate } from '../../../src/controller/dataplane/status.ts';

const dp = (spec: Record<string, unknown>, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'gateway-operator.konghq.com/v1beta1', kind: 'DataPlane',
  metadata: { name: 'dp', namespace: 'ns', uid: 'u-1', generation: 4, ...extra }, spec,
});
const proxyOf = (d: KubeObject) => ((d.spec as any).template.spec.containers as any[]).find((c) => c.name === 'proxy');

test('strategic merge: containers and env by name, ports by containerPort, scalars replaced', () => {
  const merged = strategicMerge(
    { spec: { containers: [{ name: 'proxy', image: 'a', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 8000, name: 'proxy' }] }], dnsPolicy: 'ClusterFirst' } },
    { spec: { containers: [{ name: 'proxy', env: [{ name: 'B', value: 'user' }, { name: 'C', value: '3' }], ports: [{ containerPort: 8000, protocol: 'TCP' }] }, { name: 'sidecar', image: 's' }], dnsPolicy: 'None' } },
  ) as any;
  assert.deepEqual(merged.spec.containers[0].env, [{ name: 'A', value: '1' }, { name: 'B', value: 'user' }, { name: 'C', value: '3' }]);
  assert.deepEqual(merged.spec.containers[0].ports, [{ containerPort: 8000, name: 'proxy', protocol: 'TCP' }]);
  assert.equal(merged.spec.containers[0].image, 'a');
  assert.equal(merged.spec.containers[1].name, 'sidecar');
  assert.equal(merged.spec.dnsPolicy, 'None');
});

test('desired Deployment: user template over defaults, Konnect env over the user, replicas left to the autoscaler', () => {
  const d = desiredDeployment(dp({
    deployment: { podTemplateSpec: { spec: { containers: [{ name: 'proxy', image: 'kong:3.9', env: [{ name: 'KONG_DATABASE', value: 'off' }, { name: 'KONG_ROLE', value: 'mine' }] }] } } },
  }), { certSecretName: 'cert', konnect: { env: [['KONG_ROLE', 'data_plane']], secretName: 'client' } });
  const proxy = proxyOf(d);
  assert.equal(proxy.image, 'kong:3.9');
  assert.equal(proxy.env.filter((e: any) => e.name === 'KONG_DATABASE').length, 1);
  assert.deepEqual(proxy.env.find((e: any) => e.name === 'KONG_ROLE'), { name: 'KONG_ROLE', value: 'data_plane' });
  assert.equal((d.spec as any).replicas, 1);
  assert.deepEqual((d.spec as any).selector.matchLabels, { app: 'dp', 'gateway-operator.konghq.com/selector': 'u-1' });
  const scaled = desiredDeployment(dp({ deployment: { scaling: { horizontal: { maxReplicas: 3 } } } }), { certSecretName: 'c' });
  assert.equal('replicas' in (scaled.spec as any), false);
  assert.equal(proxyOf(scaled).image, 'kong/kong-gateway:3.9', 'default image when none is given');
});

test('desired ingress Service: fixed name, type, ports, annotations, selector override', () => {
  const s = desiredIngressService(dp(
    { network: { services: { ingress: { name: 'edge', type: 'NodePort', ports: [{ port: 8080, targetPort: 8000, nodePort: 30080 }], annotations: { a: 'b' }, labels: { l: 'v' } } } } },
    { annotations: { 'gateway-operator.konghq.com/service-selector-override': 'x=1,y=2' } },
  ));
  assert.equal(s.metadata.name, 'edge');
  assert.equal(s.metadata.generateName, undefined);
  assert.equal(s.metadata.labels!.l, 'v');
  assert.deepEqual(s.metadata.annotations, { a: 'b' });
  assert.deepEqual((s.spec as any).ports, [{ protocol: 'TCP', port: 8080, targetPort: 8000, nodePort: 30080 }]);
  assert.equal((s.spec as any).type, 'NodePort');
  assert.deepEqual((s.spec as any).selector, { x: '1', y: '2' });
  assert.deepEqual(serviceSelector(dp({})), { app: 'dp' });
});

test('drift: apiserver defaults and foreign labels are not drift; changed values and added list items are', () => {
  const desired = desiredDeployment(dp({}), { certSecretName: 'c' });
  const actual = structuredClone(desired) as any;
  actual.metadata.labels.extra = 'x';
  actual.spec.template.spec.containers[0].terminationMessagePath = '/dev/termination-log';
  actual.spec.strategy = { type: 'RollingUpdate' };
  assert.deepEqual(drift(desired, actual, ['spec']), []);
  actual.spec.template.spec.containers[0].env.push({ name: 'X', value: '1' });
  assert.deepEqual(drift(desired, actual, ['spec']), ['spec']);
  actual.metadata.ownerReferences = [];
  assert.ok(drift(desired, actual, ['spec']).includes('metadata.ownerReferences'));
  assert.equal(covers({ a: [1, 2] }, { a: [1, 2], b: 3 }), true);
  assert.equal(covers({ a: [1, 2] }, { a: [1] }), false);
});

test('update body keeps resourceVersion, foreign labels and the Service allocations', () => {
  const desired = desiredIngressService(dp({}));
  const actual: KubeObject = {
    metadata: { name: 'svc', namespace: 'ns', resourceVersion: '7', labels: { other: 'o' }, ownerReferences: [{ apiVersion: 'v1', kind: 'Other', name: 'x', uid: 'x' }] },
    spec: { type: 'ClusterIP', clusterIP: '10.0.0.5', ports: [{ port: 80, protocol: 'TCP', nodePort: 31000 }] },
  };
  const body = withOwnedFields(desired, actual, ['spec'], keepServiceAllocations) as any;
  assert.equal(body.metadata.resourceVersion, '7');
  assert.equal(body.metadata.labels.other, 'o');
  assert.equal(body.metadata.ownerReferences.length, 2);
  assert.equal(body.spec.clusterIP, '10.0.0.5');
  assert.equal(body.spec.type, 'LoadBalancer');
  assert.equal(body.spec.ports[0].nodePort, 31000);
});

test('Konnect: endpoint hosts, label list, cross-namespace reference refused', () => {
  assert.equal(endpointHost('https://acfe5f253f.cp.konghq.com'), 'acfe5f253f.cp.konghq.com');
  assert.equal(endpointHost('x.tp0.konghq.com:443'), 'x.tp0.konghq.com');
  const env = Object.fromEntries(konnectEnv({ clusterType: 'ControlPlane', controlPlaneHost: 'c', telemetryHost: 't', secretName: 's', dataPlaneLabels: { b: '2', a: '1' } }));
  assert.equal(env.KONG_CLUSTER_DP_LABELS, 'a:1,b:2');
  const lookup = { konnectExtension: () => undefined, konnectControlPlane: () => undefined, secret: () => undefined };
  const r = resolveExtension(dp({ extensions: [{ kind: 'KonnectExtension', name: 'e', namespace: 'elsewhere' }] }), lookup);
  assert.equal(r.state === 'problem' && r.reason, 'RefNotPermitted');
  assert.deepEqual(resolveExtension(dp({}), lookup), { state: 'none' });
});

test('addresses: load balancer IPs (public or private), hostnames, else the cluster IP', () => {
  assert.deepEqual(serviceAddresses({ metadata: {}, spec: { clusterIP: '10.1.2.3' }, status: { loadBalancer: { ingress: [{ ip: '10.0.0.9' }] } } }),
    [{ type: 'IPAddress', value: '10.0.0.9', sourceType: 'PrivateLoadBalancer' }]);
  assert.deepEqual(serviceAddresses({ metadata: {}, spec: { clusterIP: '10.1.2.3' } }), [{ type: 'IPAddress', value: '10.1.2.3', sourceType: 'PrivateIP' }]);
  assert.deepEqual(serviceAddresses({ metadata: {}, spec: { clusterIP: 'None' } }), []);
});

test('conditions: transition time moves only when the status flips; an unchanged status is up to date', () => {
  const first = setConditions([], [{ type: 'Ready', status: 'False', reason: 'PodsNotReady', message: 'm' }], '2026-01-01T00:00:01Z');
  const same = setConditions(first, [{ type: 'Ready', status: 'False', reason: 'WaitingToBecomeReady', message: 'n' }], '2026-01-01T00:00:02Z');
  assert.equal(same[0]!.lastTransitionTime, '2026-01-01T00:00:01Z');
  const flipped = setConditions(same, [{ type: 'Ready', status: 'True', reason: 'PodsReady', message: 'o' }], '2026-01-01T00:00:03Z');
  assert.equal(flipped[0]!.lastTransitionTime, '2026-01-01T00:00:03Z');
  const deployment: KubeObject = { metadata: { name: 'd', generation: 2 }, spec: { replicas: 2 }, status: { observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2 } };
  const service: KubeObject = { metadata: { name: 's' }, spec: { clusterIP: '10.0.0.1' } };
  const plane = dp({});
  const status = computeStatus(plane, { deployment, ingressService: service, selector: 'app=dp', now: '2026-01-01T00:00:01Z' });
  assert.equal(status.conditions[0]!.reason, 'PodsReady');
  assert.equal(status.conditions[0]!.observedGeneration, 4);
  const stored = { ...plane, status };
  assert.equal(statusUpToDate(stored, computeStatus(stored, { deployment, ingressService: service, selector: 'app=dp', now: '2026-01-01T00:00:09Z' })), true);
  const rolling = { ...deployment, metadata: { name: 'd', generation: 3 } };
  assert.equal(computeStatus(stored, { deployment: rolling, ingressService: service, selector: 'app=dp', now: '2026-01-01T00:00:09Z' }).conditions[0]!.reason, 'PodsNotReady');
});
