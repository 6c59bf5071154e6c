// Gateways of Kong's GatewayClasses against the Kubernetes API test server: a DataPlane owned by
// the Gateway, with the GatewayConfiguration's options and the listeners' ports; the Gateway's
// status follows the DataPlane; listener changes reach the DataPlane; other classes are left alone.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { Manager } from '../../../src/controller/runtime/manager.ts';
import { registerGatewayController, gatewayClassResource, gatewayConfigurationResource, gatewayResource, httpRouteResource } from '../../../src/controller/gateway/register.ts';
import { attachedRoutes, dataPlaneSpecFor, ingressPorts, listenerRouteKinds, listenersOf } from '../../../src/controller/gateway/desired.ts';
import { dataPlaneResource } from '../../../src/controller/dataplane/constants.ts';
import type { KubeObject } from '../../../src/controller/runtime/types.ts';
import { startServer, until } from '../dataplane/helpers.ts';

type Obj = KubeObject & { spec?: any; status?: any };
const NS = 'default';
const gateway = (name: string, className: string, listeners: Array<{ name: string; port: number; protocol: string }>): KubeObject =>
  ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { namespace: NS, name }, spec: { gatewayClassName: className, listeners } } as KubeObject);
type Cond = { type: string; status: string; reason: string; message?: string; observedGeneration?: number; lastTransitionTime?: string };
const condition = (obj: Obj | undefined, type: string) => (obj?.status?.conditions as Cond[] | undefined)?.find((c) => c.type === type);

/** The test API server with the Gateway controller on a Manager; stopped when the test ends. */
async function startGatewayController(t: TestContext) {
  const { server, client } = await startServer();
  const manager = new Manager({ client });
  registerGatewayController(manager);
  t.after(async () => { await manager.stop(); await client.close(); await server.close(); });
  await manager.start();
  return client;
}

test('listener ports: HTTP to 8000, HTTPS and TLS to 8443, one per port, others left out', () => {
  assert.deepEqual(ingressPorts([
    { name: 'http', port: 80, protocol: 'HTTP' }, { name: 'https', port: 443, protocol: 'HTTPS' },
    { name: 'again', port: 80, protocol: 'HTTP' }, { name: 'tls', port: 8443, protocol: 'TLS' }, { name: 'udp', port: 53, protocol: 'UDP' },
  ]), [{ name: 'http-80', port: 80, targetPort: 8000 }, { name: 'https-443', port: 443, targetPort: 8443 }, { name: 'tls-8443', port: 8443, targetPort: 8443 }]);
  const spec = dataPlaneSpecFor(gateway('g', 'kong', []), undefined) as any;
  assert.equal(spec.deployment.podTemplateSpec.spec.containers[0].name, 'proxy');
  assert.ok(spec.deployment.podTemplateSpec.spec.containers[0].image, 'a default image');
  assert.equal(spec.extensions, undefined);
});

test('attached routes: of a kind the listener takes, naming this Gateway by section and port, from allowed namespaces', () => {
  const gw = { ...gateway('edge', 'kong', []), spec: { gatewayClassName: 'kong', listeners: [
    { name: 'http', port: 80, protocol: 'HTTP' },
    { name: 'https', port: 443, protocol: 'HTTPS', allowedRoutes: { namespaces: { from: 'All' } } },
    { name: 'teams', port: 8080, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'yes' } } } } },
    { name: 'tls', port: 8443, protocol: 'TLS' },
    { name: 'grpc-only', port: 9000, protocol: 'HTTP', allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } },
    { name: 'tcp', port: 9100, protocol: 'TCP' },
  ] } } as KubeObject;
  const route = (kind: string, namespace: string, parentRefs: unknown[]) => ({ kind, metadata: { namespace, name: 'r' }, spec: { parentRefs } } as KubeObject);
  const routes = [
    route('HTTPRoute', NS, [{ name: 'edge' }]),                         // every HTTP(S) listener it may attach to
    route('HTTPRoute', NS, [{ name: 'edge', sectionName: 'http' }]),    // http only
    route('HTTPRoute', NS, [{ name: 'edge', port: 443 }]),              // https only
    route('HTTPRoute', 'team-a', [{ name: 'edge', namespace: NS }]),    // All, and Selector when labelled
    route('HTTPRoute', 'team-b', [{ name: 'edge', namespace: NS }]),    // All only
    route('HTTPRoute', NS, [{ name: 'other' }, { name: 'edge', kind: 'Service', group: '' }]), // never
    route('GRPCRoute', NS, [{ name: 'edge' }]),                         // http, https, teams? no (Same-namespace label), grpc-only
    route('TLSRoute', NS, [{ name: 'edge' }]),                          // tls only
  ];
  const labels = (ns: string): Record<string, string> => (ns === 'team-a' ? { team: 'yes' } : {});
  const counts = Object.fromEntries(listenersOf(gw).map((l) => [l.name, attachedRoutes(gw, l, routes, labels)]));
  // teams: only team-a is labelled (the routes in the Gateway's own namespace are not selected).
  assert.deepEqual(counts, { http: 3, https: 5, teams: 1, tls: 1, 'grpc-only': 1, tcp: 0 });
  assert.deepEqual(listenersOf(gw).map((l) => listenerRouteKinds(l)), [['HTTPRoute', 'GRPCRoute'], ['HTTPRoute', 'GRPCRoute'], ['HTTPRoute', 'GRPCRoute'], ['TLSRoute'], ['GRPCRoute'], []]);
});

test('the GatewayConfiguration\'s KonnectExtension becomes the DataPlane\'s, when it is in the Gateway\'s namespace', () => {
  const configuration = (namespace: string, extensions: unknown[]) => ({ metadata: { namespace, name: 'cfg' }, spec: { extensions } } as KubeObject);
  const konnect = { group: 'konnect.konghq.com', kind: 'KonnectExtension', name: 'ext' };
  const metrics = { group: 'gateway-operator.konghq.com', kind: 'DataPlaneMetricsExtension', name: 'm' };
  const g = gateway('g', 'kong', []);
  assert.deepEqual((dataPlaneSpecFor(g, configuration(NS, [metrics, konnect])) as any).extensions, [konnect]);
  assert.deepEqual((dataPlaneSpecFor(g, configuration('other', [{ ...konnect, namespace: NS }])) as any).extensions, [konnect]);
  assert.equal((dataPlaneSpecFor(g, configuration('other', [konnect])) as any).extensions, undefined, 'an extension in another namespace cannot be named by the DataPlane');
  assert.equal((dataPlaneSpecFor(g, configuration(NS, [metrics])) as any).extensions, undefined);
});

test('a Gateway of a Kong class gets a DataPlane from its GatewayConfiguration and a status that follows it', async (t) => {
  const client = await startGatewayController(t);
  await client.create(gatewayConfigurationResource, { metadata: { namespace: NS, name: 'kong-config' }, spec: {
    dataPlaneOptions: { deployment: { replicas: 2, podTemplateSpec: { spec: { containers: [{ name: 'proxy', image: 'kong/kong-gateway:3.9.1' }] } } },
      network: { services: { ingress: { type: 'ClusterIP' } } } },
  } } as KubeObject);
  await client.create(gatewayClassResource, { metadata: { name: 'kong' }, spec: { controllerName: 'konghq.com/gateway-operator',
    parametersRef: { group: 'gateway-operator.konghq.com', kind: 'GatewayConfiguration', name: 'kong-config', namespace: NS } } } as KubeObject);
  await client.create(gatewayClassResource, { metadata: { name: 'other' }, spec: { controllerName: 'example.com/other' } } as KubeObject);
  await client.create(gatewayResource, gateway('edge', 'kong', [{ name: 'http', port: 80, protocol: 'HTTP' }, { name: 'https', port: 443, protocol: 'HTTPS' }]));
  await client.create(gatewayResource, gateway('elsewhere', 'other', [{ name: 'http', port: 80, protocol: 'HTTP' }]));

  const dataPlanes = async () => (await client.list<Obj>(dataPlaneResource, NS)).items;
  const dp = await until(async () => { const all = await dataPlanes(); return all.length === 1 && all[0]; }, 'one DataPlane');
  const gw = (await client.get<Obj>(gatewayResource, NS, 'edge'));
  assert.ok(dp.metadata.name!.startsWith('edge-'));
  assert.deepEqual(dp.metadata.ownerReferences, [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', name: 'edge', uid: gw.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  assert.equal(dp.metadata.labels?.['gateway-operator.konghq.com/managed-by'], 'gateway');
  assert.equal(dp.spec.deployment.replicas, 2);
  assert.equal(dp.spec.deployment.podTemplateSpec.spec.containers[0].image, 'kong/kong-gateway:3.9.1');
  assert.deepEqual(dp.spec.network.services.ingress, { type: 'ClusterIP', ports: [{ name: 'http-80', port: 80, targetPort: 8000 }, { name: 'https-443', port: 443, targetPort: 8443 }] });

  const pending = await until(async () => { const g = await client.get<Obj>(gatewayResource, NS, 'edge'); return condition(g, 'Accepted') && g; }, 'status written');
  assert.equal(condition(pending, 'Accepted')?.status, 'True');
  assert.equal(condition(pending, 'Programmed')?.status, 'False');
  assert.deepEqual(pending.status.listeners.map((l: { name: string }) => l.name), ['http', 'https']);

  // The DataPlane becomes ready (as the DataPlane controller reports it): the Gateway is Programmed with its addresses.
  await client.patch(dataPlaneResource, NS, dp.metadata.name!, 'merge', { status: {
    conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', message: '', lastTransitionTime: '2026-11-23T00:00:00Z', observedGeneration: 1 }],
    addresses: [{ type: 'IPAddress', value: '203.0.113.7', sourceType: 'PublicLoadBalancer' }],
  } }, { subresource: 'status' });
  const programmed = await until(async () => { const g = await client.get<Obj>(gatewayResource, NS, 'edge'); return condition(g, 'Programmed')?.status === 'True' && g; }, 'Programmed');
  assert.deepEqual(programmed.status.addresses, [{ type: 'IPAddress', value: '203.0.113.7' }]);

  // An HTTPRoute naming the Gateway is counted on its listeners.
  await client.create(httpRouteResource, { metadata: { namespace: NS, name: 'web' }, spec: { parentRefs: [{ name: 'edge', sectionName: 'http' }] } } as KubeObject);
  await until(async () => {
    const g = await client.get<Obj>(gatewayResource, NS, 'edge');
    return JSON.stringify(g.status.listeners.map((l: { name: string; attachedRoutes: number }) => [l.name, l.attachedRoutes])) === JSON.stringify([['http', 1], ['https', 0]]);
  }, 'attachedRoutes counted');

  // A new listener reaches the same DataPlane.
  await client.patch(gatewayResource, NS, 'edge', 'merge', { spec: { listeners: [{ name: 'http', port: 8080, protocol: 'HTTP' }] } });
  await until(async () => { const [one, ...rest] = await dataPlanes(); return rest.length === 0 && one?.metadata.name === dp.metadata.name && one?.spec.network.services.ingress.ports[0]?.port === 8080; }, 'ports updated');
  const other = await client.get<Obj>(gatewayResource, NS, 'elsewhere');
  assert.equal(other.status, undefined, 'a Gateway of another controller is left alone');
});

test('Kong GatewayClasses are Accepted, or refused with why; a Gateway of a refused class gets nothing until it is fixed', async (t) => {
  const client = await startGatewayController(t);
  const ref = (extra: Record<string, unknown>) => ({ group: 'gateway-operator.konghq.com', kind: 'GatewayConfiguration', name: 'cfg', namespace: NS, ...extra });
  await client.create(gatewayClassResource, { metadata: { name: 'plain' }, spec: { controllerName: 'konghq.com/gateway-operator' } } as KubeObject);
  await client.create(gatewayClassResource, { metadata: { name: 'wrong-kind' }, spec: { controllerName: 'konghq.com/gateway-operator', parametersRef: ref({ group: 'example.com', kind: 'Config', namespace: undefined }) } } as KubeObject);
  await client.create(gatewayClassResource, { metadata: { name: 'later' }, spec: { controllerName: 'konghq.com/gateway-operator', parametersRef: ref({}) } } as KubeObject);
  await client.create(gatewayClassResource, { metadata: { name: 'theirs' }, spec: { controllerName: 'example.com/other' } } as KubeObject);
  await client.create(gatewayResource, gateway('waits', 'later', [{ name: 'http', port: 80, protocol: 'HTTP' }]));

  const accepted = (name: string) => until(async () => condition(await client.get<Obj>(gatewayClassResource, undefined, name), 'Accepted'), `${name} status`);
  const plain = await accepted('plain');
  assert.deepEqual({ ...plain, lastTransitionTime: undefined }, { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'GatewayClass is accepted', observedGeneration: 1, lastTransitionTime: undefined });
  assert.equal((await accepted('wrong-kind'))!.message, 'ParametersRef must reference a gateway-operator.konghq.com/GatewayConfiguration. ParametersRef must reference a namespaced resource');
  const missing = await accepted('later');
  assert.equal(missing?.status, 'False');
  assert.equal(missing?.reason, 'InvalidParameters');
  assert.equal(missing?.message, 'The referenced GatewayConfiguration does not exist');
  assert.equal((await client.get<Obj>(gatewayClassResource, undefined, 'theirs')).status, undefined, 'another controller\'s class is left alone');
  assert.deepEqual((await client.list(dataPlaneResource, NS)).items, [], 'no DataPlane for a refused class');

  // The GatewayConfiguration appears: the class is accepted and its Gateway provisioned.
  await client.create(gatewayConfigurationResource, { metadata: { namespace: NS, name: 'cfg' }, spec: {} } as KubeObject);
  await until(async () => condition(await client.get<Obj>(gatewayClassResource, undefined, 'later'), 'Accepted')?.status === 'True', 'accepted once the configuration exists');
  await until(async () => (await client.list(dataPlaneResource, NS)).items.length === 1, 'the Gateway provisioned');
});
