// The DataPlane ports policy (KO v2.2.3 ValidatingAdmissionPolicy
// `ports.dataplane.gateway-operator.konghq.com`) as a kongward check: ingress targetPorts must
// be ports the proxy container's env makes Kong listen on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listenPorts, portMapPorts, portMapsMessage, proxyListenMessage } from '../../../src/api/gateway-operator/dataplane-ports-check.ts';
import { runCases, type Manifest } from './cases.ts';

const dataPlane = (env: unknown[] | undefined, ports: unknown[] | undefined, extra: Manifest = {}): Manifest => ({
  apiVersion: 'gateway-operator.konghq.com/v1beta1',
  kind: 'DataPlane',
  metadata: { name: 'dp', namespace: 'default' },
  spec: {
    deployment: {
      podTemplateSpec: {
        spec: { containers: [{ name: 'proxy', image: 'kong/kong-gateway:3.9.1.0', ...(env ? { env } : {}) }] },
      },
    },
    ...(ports ? { network: { services: { ingress: { ports } } } } : {}),
    ...extra,
  },
});
const env = (name: string, value: string) => ({ name, value });
const port = (port: number, targetPort?: number | string) => (targetPort === undefined ? { port } : { port, targetPort });
const PORT_PATH = (i: number) => `spec.network.services.ingress.ports[${i}].targetPort`;
const mapsError = (i: number, value: string) => `${PORT_PATH(i)}: Invalid value: ${value}: ${portMapsMessage}`;
const listenError = (i: number, value: string) => `${PORT_PATH(i)}: Invalid value: ${value}: ${proxyListenMessage}`;

test('DataPlane ports: the messages are the policy\'s, word for word', () => {
  assert.equal(portMapsMessage, 'Each port from spec.network.services.ingress.ports has to have an accompanying port in KONG_PORT_MAPS env');
  assert.equal(
    proxyListenMessage,
    'Each port from spec.network.services.ingress.ports has to have an accompanying port in KONG_PROXY_LISTEN or KONG_STREAM_LISTEN env',
  );
});

test('DataPlane ports: listen and port-map parsing (IPv4, IPv6, flags, spaces)', () => {
  assert.deepEqual(listenPorts('0.0.0.0:8000 reuseport backlog=16384, 0.0.0.0:8443 http2 ssl reuseport backlog=16384'), ['8000', '8443']);
  assert.deepEqual(listenPorts('[::]:8000, [::]:8443 ssl'), ['8000', '8443']);
  assert.deepEqual(listenPorts('off'), ['off']);
  assert.deepEqual(portMapPorts('80:8000, 443:8443'), ['8000', '8443']);
  assert.deepEqual(portMapPorts('8000'), ['8000']);
});

const listen = env('KONG_PROXY_LISTEN', '0.0.0.0:8000 reuseport backlog=16384, 0.0.0.0:8443 http2 ssl reuseport backlog=16384');
const maps = env('KONG_PORT_MAPS', '80:8000, 443:8443');

runCases('DataPlane ports', [
  { name: 'ports matching KONG_PORT_MAPS and KONG_PROXY_LISTEN', object: dataPlane([maps, listen], [port(80, 8000), port(443, 8443)]), errors: [] },
  { name: 'a port missing from KONG_PORT_MAPS', object: dataPlane([env('KONG_PORT_MAPS', '80:8000'), listen], [port(80, 8000), port(443, 8443)]), errors: [mapsError(1, '8443')] },
  { name: 'a port missing from KONG_PROXY_LISTEN', object: dataPlane([listen], [port(80, 8000), port(81, 8001)]), errors: [listenError(1, '8001')] },
  { name: 'a port missing from both', object: dataPlane([maps, listen], [port(81, 8001)]), errors: [mapsError(0, '8001'), listenError(0, '8001')] },
  { name: 'IPv6 KONG_PROXY_LISTEN', object: dataPlane([env('KONG_PROXY_LISTEN', '[::]:8000, [::]:8443 ssl')], [port(80, 8000), port(443, 8443)]), errors: [] },
  { name: 'a port served by KONG_STREAM_LISTEN', object: dataPlane([listen, env('KONG_STREAM_LISTEN', '0.0.0.0:9000 reuseport')], [port(9000, 9000)]), errors: [] },
  { name: 'without KONG_PROXY_LISTEN Kong listens on 8000 and 8443', object: dataPlane([env('KONG_LOG_LEVEL', 'debug')], [port(80, 8000), port(443, 8443)]), errors: [] },
  { name: 'without KONG_PROXY_LISTEN other ports are denied', object: dataPlane([env('KONG_LOG_LEVEL', 'debug')], [port(80, 8080)]), errors: [listenError(0, '8080')] },
  { name: 'a named targetPort is compared as text', object: dataPlane([listen], [port(80, 'proxy')]), errors: [listenError(0, '"proxy"')] },
  { name: 'a string targetPort with the right number', object: dataPlane([listen], [port(80, '8000')]), errors: [] },
  { name: 'no env on the proxy container: nothing to check', object: dataPlane(undefined, [port(80, 1234)]), errors: [] },
  { name: 'no ingress ports: nothing to check', object: dataPlane([listen], undefined), errors: [] },
  { name: 'an empty ports list', object: dataPlane([env('KONG_PORT_MAPS', '80:1')], []), errors: [] },
  {
    name: 'a port without targetPort cannot be checked (the policy fails on it)',
    object: dataPlane([listen], [port(80)]),
    errors: [`${PORT_PATH(0)}: Required value: targetPort is needed to check it against the env of the proxy container`],
  },
  {
    name: 'KONG_PORT_MAPS from a ConfigMap cannot be checked (the policy fails on it)',
    object: dataPlane([{ name: 'KONG_PORT_MAPS', valueFrom: { configMapKeyRef: { name: 'kong', key: 'maps' } } }], [port(80, 8000)]),
    errors: [
      'spec.deployment.podTemplateSpec.spec.containers[0].env[0].value: Required value: KONG_PORT_MAPS must have an inline value to check spec.network.services.ingress.ports against it',
    ],
  },
  {
    name: 'the env of the proxy container is read even when it is not the first container',
    object: (() => {
      const object = dataPlane([listen], [port(80, 8001)]);
      const spec = (object.spec as Manifest).deployment as Manifest;
      const podSpec = (spec.podTemplateSpec as Manifest).spec as Manifest;
      podSpec.containers = [{ name: 'sidecar', image: 'busybox', env: [env('KONG_PROXY_LISTEN', '0.0.0.0:8001')] }, ...(podSpec.containers as unknown[])];
      return object;
    })(),
    errors: [listenError(0, '8001')],
  },
  {
    name: 'checked on UPDATE as well',
    object: dataPlane([listen], [port(80, 8001)]),
    old: dataPlane([listen], [port(80, 8000)]),
    errors: [listenError(0, '8001')],
  },
]);
