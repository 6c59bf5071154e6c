// Gateway (v1 and v1beta1): every upstream standard-channel rule through the engine, with the
// messages kube-apiserver prints, and the defaults it applies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest } from '../../support/validate.ts';

const VERSIONS = ['v1', 'v1beta1'];
type Json = Record<string, any>;

function gateway(version: string, spec: Json): Json {
  return {
    apiVersion: `gateway.networking.k8s.io/${version}`,
    kind: 'Gateway',
    metadata: { name: 'example', namespace: 'default' },
    spec: { gatewayClassName: 'kong', listeners: [http()], ...spec },
  };
}
const http = (extra: Json = {}): Json => ({ name: 'http', port: 80, protocol: 'HTTP', ...extra });
const https = (extra: Json = {}): Json => ({ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] }, ...extra });
const NOT_CHECKED = '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';
const HOSTNAME_RE = String.raw`^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`;

const denied: Array<[string, Json, string[]]> = [
  ['tls on an HTTP listener', { listeners: [http({ tls: { certificateRefs: [{ name: 'c' }] } })] },
    [`spec.listeners: Invalid value: "array": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']`]],
  ['tls on a TCP listener', { listeners: [http({ protocol: 'TCP', tls: { mode: 'Passthrough' } })] },
    [`spec.listeners: Invalid value: "array": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']`]],
  ['HTTPS with Passthrough', { listeners: [https({ tls: { mode: 'Passthrough' } })] },
    ['spec.listeners: Invalid value: "array": tls mode must be Terminate for protocol HTTPS']],
  ['TLS without tls', { listeners: [http({ protocol: 'TLS', port: 443 })] },
    ['spec.listeners: Invalid value: "array": tls mode must be set for protocol TLS']],
  ['hostname on a UDP listener', { listeners: [http({ protocol: 'UDP', hostname: 'example.com' })] },
    [`spec.listeners: Invalid value: "array": hostname must not be specified for protocols ['TCP', 'UDP']`]],
  ['two listeners with one name', { listeners: [http(), http({ port: 8080 })] },
    ['spec.listeners[1]: Duplicate value: map[string]interface {}{"name":"http"}', 'spec.listeners: Invalid value: "array": Listener name must be unique within the Gateway']],
  ['same port, protocol and hostname', { listeners: [http(), http({ name: 'other' })] },
    ['spec.listeners: Invalid value: "array": Combination of port, protocol and hostname must be unique for each listener']],
  ['Terminate without certificateRefs or options', { listeners: [https({ tls: { certificateRefs: [] } })] },
    ['spec.listeners[0].tls: Invalid value: "object": no such key: options evaluating rule: certificateRefs or options must be specified when mode is Terminate']],
  ['no listeners', { listeners: [] }, ['spec.listeners: Invalid value: 0: spec.listeners in body should have at least 1 items']],
  ['a port out of range', { listeners: [http({ port: 70000 })] },
    ['spec.listeners[0].port: Invalid value: 70000: spec.listeners[0].port in body should be less than or equal to 65535']],
  ['a hostname with upper case', { listeners: [http({ hostname: 'Example.com' })] },
    [`spec.listeners[0].hostname: Invalid value: "Example.com": spec.listeners[0].hostname in body should match '${HOSTNAME_RE}'`]],
  ['an unknown routes namespace policy', { listeners: [http({ allowedRoutes: { namespaces: { from: 'Nowhere' } } })] },
    ['spec.listeners[0].allowedRoutes.namespaces.from: Unsupported value: "Nowhere": supported values: "All", "Selector", "Same"', NOT_CHECKED]],
  ['a duplicate IP address', { addresses: [{ value: '10.0.0.1' }, { type: 'IPAddress', value: '10.0.0.1' }] },
    ['spec.addresses: Invalid value: "array": IPAddress values must be unique']],
  ['a duplicate hostname address', { addresses: [{ type: 'Hostname', value: 'gw.example.com' }, { type: 'Hostname', value: 'gw.example.com' }] },
    ['spec.addresses: Invalid value: "array": Hostname values must be unique']],
  ['an invalid hostname address', { addresses: [{ type: 'Hostname', value: 'not_a_host' }] },
    [`spec.addresses[0]: Invalid value: "object": Hostname value must be empty or contain only valid characters (matching ${HOSTNAME_RE})`]],
  ['an IPAddress that is no IP (oneOf)', { addresses: [{ value: 'gw.example.com' }] }, [
    '<nil>: Invalid value: "": "spec.addresses[0]" must validate one and only one schema (oneOf). Found none valid',
    '<nil>: Invalid value: "": "spec.addresses[0].value" must validate at least one schema (anyOf)',
    'spec.addresses[0].value: Invalid value: "gw.example.com": spec.addresses[0].value in body must be of type ipv4: "gw.example.com"',
    NOT_CHECKED,
  ]],
  ['an annotation key that is no key', { infrastructure: { annotations: { 'not a key': 'x' } } },
    ['spec.infrastructure.annotations: Invalid value: "object": Annotation keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters.']],
  ['an annotation key prefix over 253 characters', { infrastructure: { annotations: { [`${'a'.repeat(253)}/x`]: 'v' } } },
    [`spec.infrastructure.annotations: Invalid value: "object": If specified, the annotation key's prefix must be a DNS subdomain not longer than 253 characters in total.`]],
  ['a label key that is no key', { infrastructure: { labels: { '-bad': 'v' } } },
    ['spec.infrastructure.labels: Invalid value: "object": Label keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters.']],
  ['a label key prefix over 253 characters', { infrastructure: { labels: { [`${'a'.repeat(253)}/x`]: 'v' } } },
    [`spec.infrastructure.labels: Invalid value: "object": If specified, the label key's prefix must be a DNS subdomain not longer than 253 characters in total.`]],
  ['more than 8 labels', { infrastructure: { labels: Object.fromEntries([...Array(9).keys()].map((i) => [`k${i}`, 'v'])) } },
    ['spec.infrastructure.labels: Too many: 9: must have at most 8 items', NOT_CHECKED]],
  ['a duplicate frontend TLS port', { tls: { frontend: { default: {}, perPort: [{ port: 8443, tls: {} }, { port: 8443, tls: {} }] } } },
    ['spec.tls.frontend.perPort[1]: Duplicate value: map[string]interface {}{"port":8443}', 'spec.tls.frontend.perPort: Invalid value: "array": Port for TLS configuration must be unique within the Gateway']],
  ['no gatewayClassName', { gatewayClassName: undefined }, ['spec.gatewayClassName: Required value', NOT_CHECKED]],
];

for (const version of VERSIONS) {
  test(`Gateway ${version}: every upstream rule denies with kube-apiserver's message`, () => {
    for (const [name, spec, expected] of denied) {
      assert.deepEqual(checkManifest(gateway(version, spec)).messages, expected, name);
    }
  });

  test(`Gateway ${version}: status addresses follow their own rules`, () => {
    const withStatus = (addresses: Json[]) => ({ ...gateway(version, {}), status: { addresses } });
    assert.deepEqual(checkManifest(withStatus([{ type: 'Hostname', value: 'Not_A_Host' }])).messages,
      [`status.addresses[0]: Invalid value: "object": Hostname value must only contain valid characters (matching ${HOSTNAME_RE})`]);
    assert.deepEqual(checkManifest(withStatus([{ type: 'Hostname' }])).messages, ['status.addresses[0].value: Required value', NOT_CHECKED]);
    assert.deepEqual(checkManifest(withStatus([{ value: '10.0.0.1' }, { type: 'Hostname', value: 'gw.example.com' }])).messages, []);
    assert.equal(checkManifest(withStatus([{ value: 'nope' }])).messages[0],
      '<nil>: Invalid value: "": "status.addresses[0]" must validate one and only one schema (oneOf). Found none valid');
  });

  test(`Gateway ${version}: valid listeners, addresses and infrastructure are accepted`, () => {
    const spec = {
      listeners: [http(), https({ hostname: '*.example.com' }), { name: 'tls', port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
        { name: 'tcp', port: 9000, protocol: 'TCP' }, { name: 'custom', port: 9001, protocol: 'example.com/custom' }],
      addresses: [{ value: '10.0.0.1' }, { value: 'fd00::1' }, { type: 'Hostname', value: 'gw.example.com' }, { type: 'NamedAddress', value: 'anything' }],
      infrastructure: { labels: { 'app.kubernetes.io/name': 'gw' }, annotations: { 'example.com/a': 'b' } },
    };
    const result = checkManifest(gateway(version, spec));
    assert.deepEqual(result.messages, []);
  });

  test(`Gateway ${version}: defaults for allowedRoutes, TLS mode, certificate and route kinds and status`, () => {
    const result = checkManifest(gateway(version, {
      listeners: [https({ allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } })],
      addresses: [{ value: '10.0.0.1' }],
    }));
    assert.deepEqual(result.messages, []);
    const spec = result.object?.spec as Json;
    assert.deepEqual(spec.listeners[0].allowedRoutes, { kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }], namespaces: { from: 'Same' } });
    assert.deepEqual(spec.listeners[0].tls, { certificateRefs: [{ group: '', kind: 'Secret', name: 'cert' }], mode: 'Terminate' });
    assert.deepEqual(spec.addresses, [{ type: 'IPAddress', value: '10.0.0.1' }]);
    assert.deepEqual((result.object?.status as Json).conditions.map((c: Json) => `${c.type}=${c.status}/${c.reason}`), ['Accepted=Unknown/Pending', 'Programmed=Unknown/Pending']);
  });

  test(`Gateway ${version}: UPDATE applies the same rules and ratchets unchanged invalid values`, () => {
    const old = gateway(version, {});
    const bad = gateway(version, { listeners: [http(), http({ name: 'other' })] });
    assert.deepEqual(checkManifest(bad, { oldObject: old }).messages,
      ['spec.listeners: Invalid value: "array": Combination of port, protocol and hostname must be unique for each listener']);
    const changedPort = gateway(version, { listeners: [http({ port: 8080 })] });
    assert.deepEqual(checkManifest(changedPort, { oldObject: old }).messages, []);
  });
}
