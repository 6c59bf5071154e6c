// Kong's limits for Gateways and GatewayClasses of the managed controller, through the same
// validator registry /validate uses: one cause per offending listener and field, on v1 and
// v1beta1, CREATE and UPDATE; unmanaged and unknown classes get only the upstream rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StaticGatewayClassLookup, type GatewayClassLookup } from '../../src/gateway/class-lookup.ts';
import { kongGatewayRules } from '../../src/gateway/gateway-rules.ts';
import { formatFieldError } from '../../src/validation/field-error.ts';
import { admissionRequest, gateway, gatewayClass, gatewayRegistry, http, https, verdict, type Json } from './helpers.ts';

const KONG = 'konghq.com/gateway-operator';
const classes = new StaticGatewayClassLookup([
  ['kong', { controllerName: KONG }],
  ['other', { controllerName: 'example.com/other-controller' }],
]);
const registry = gatewayRegistry(classes);
const UNSUPPORTED_TCP = 'spec.listeners[1].protocol: Unsupported value: "TCP": supported values: "HTTP", "HTTPS" (Kong: UnsupportedProtocol)';

const kongDenials: Array<[string, Json, string[]]> = [
  ['a TCP listener', { listeners: [http(), { name: 'tcp', port: 9000, protocol: 'TCP' }] }, [UNSUPPORTED_TCP]],
  ['a UDP listener', { listeners: [{ name: 'udp', port: 53, protocol: 'UDP' }] },
    ['spec.listeners[0].protocol: Unsupported value: "UDP": supported values: "HTTP", "HTTPS" (Kong: UnsupportedProtocol)']],
  ['a TLS passthrough listener', { listeners: [{ name: 'tls', port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' } }] }, [
    'spec.listeners[0].protocol: Unsupported value: "TLS": supported values: "HTTP", "HTTPS" (Kong: UnsupportedProtocol)',
    'spec.listeners[0].tls.mode: Invalid value: "Passthrough": Only Terminate mode is supported.',
  ]],
  ['two certificates', { listeners: [https({ tls: { certificateRefs: [{ name: 'a' }, { name: 'b' }] } })] },
    ['spec.listeners[0].tls.certificateRefs: Too many: 2: Only one certificate per listener is supported.']],
  ['HTTPS without tls', { listeners: [https({ tls: undefined })] },
    ['spec.listeners[0].tls: Required value: Only one certificate per listener is supported.']],
  ['HTTPS with options but no certificate', { listeners: [https({ tls: { options: { 'example.com/x': 'y' } } })] },
    ['spec.listeners[0].tls.certificateRefs: Required value: Only one certificate per listener is supported.']],
  ['a certificate in a ConfigMap', { listeners: [https({ tls: { certificateRefs: [{ kind: 'ConfigMap', name: 'c' }] } })] },
    ['spec.listeners[0].tls.certificateRefs[0].kind: Invalid value: "ConfigMap": Kong supports only certificates in core Secrets (kind "Secret")']],
  ['a certificate of another group', { listeners: [https({ tls: { certificateRefs: [{ group: 'cert-manager.io', kind: 'Secret', name: 'c' }] } })] },
    ['spec.listeners[0].tls.certificateRefs[0].group: Invalid value: "cert-manager.io": Kong supports only certificates in core Secrets (group "")']],
  ['TCPRoute allowed', { listeners: [http({ allowedRoutes: { kinds: [{ group: 'gateway.networking.k8s.io', kind: 'TCPRoute' }] } })] },
    ['spec.listeners[0].allowedRoutes.kinds[0]: Invalid value: "gateway.networking.k8s.io/TCPRoute": Route TCPRoute not supported.']],
  ['GRPCRoute next to HTTPRoute (group defaulted)', { listeners: [http({ allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }] } })] },
    ['spec.listeners[0].allowedRoutes.kinds[1]: Invalid value: "gateway.networking.k8s.io/GRPCRoute": Route GRPCRoute not supported.']],
  ['an HTTPRoute of another group', { listeners: [http({ allowedRoutes: { kinds: [{ group: 'example.com', kind: 'HTTPRoute' }] } })] },
    ['spec.listeners[0].allowedRoutes.kinds[0]: Invalid value: "example.com/HTTPRoute": Route HTTPRoute not supported.']],
  ['HTTP and HTTPS on one port', { listeners: [http(), https({ port: 80 })] },
    ['spec.listeners[1].protocol: Invalid value: "HTTPS": port 80 already serves HTTP (spec.listeners[0]); Kong cannot serve two protocols on one port (ProtocolConflict)']],
  ['requested addresses', { listeners: [http()], addresses: [{ value: '10.0.0.1' }] },
    ['spec.addresses: Forbidden: Kong does not assign requested addresses: the Gateway\'s addresses are those of its DataPlane ingress Service (set the Service through the GatewayConfiguration)']],
  ['frontend client certificate validation', { listeners: [http()], tls: { frontend: { default: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] } } } } },
    ['spec.tls.frontend: Forbidden: Kong does not apply Gateway-level client certificate validation; clients would be accepted without it']],
  ['several problems at once: one cause per listener and field', {
    listeners: [
      http({ allowedRoutes: { kinds: [{ kind: 'TLSRoute' }] } }),
      { name: 'tcp', port: 9000, protocol: 'TCP', allowedRoutes: { kinds: [{ kind: 'TCPRoute' }] } },
      https({ tls: { certificateRefs: [{ name: 'a' }, { kind: 'ConfigMap', name: 'b' }] } }),
    ],
  }, [
    'spec.listeners[0].allowedRoutes.kinds[0]: Invalid value: "gateway.networking.k8s.io/TLSRoute": Route TLSRoute not supported.',
    UNSUPPORTED_TCP,
    'spec.listeners[1].allowedRoutes.kinds[0]: Invalid value: "gateway.networking.k8s.io/TCPRoute": Route TCPRoute not supported.',
    'spec.listeners[2].tls.certificateRefs: Too many: 2: Only one certificate per listener is supported.',
    'spec.listeners[2].tls.certificateRefs[1].kind: Invalid value: "ConfigMap": Kong supports only certificates in core Secrets (kind "Secret")',
  ]],
];

for (const version of ['v1', 'v1beta1']) {
  test(`Gateway ${version}, managed class: each Kong limit is denied with its cause`, async () => {
    for (const [name, spec, expected] of kongDenials) {
      const result = await verdict(registry, admissionRequest(gateway(version, spec)));
      assert.deepEqual(result.messages, expected, name);
      assert.deepEqual(result.warnings, [], name);
    }
  });

  test(`Gateway ${version}, managed class: what Kong serves is allowed; ignored extras warn`, async () => {
    const ok = await verdict(registry, admissionRequest(gateway(version, {
      listeners: [http({ allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } }), https({ hostname: 'a.example.com' }), https({ name: 'b', hostname: 'b.example.com' }), http({ name: 'alt', port: 8080 })],
    })));
    assert.deepEqual(ok, { messages: [], warnings: [] });
    const warned = await verdict(registry, admissionRequest(gateway(version, {
      listeners: [http()],
      allowedListeners: { namespaces: { from: 'All' } },
      tls: { backend: { clientCertificateRef: { name: 'client' } } },
    })));
    assert.deepEqual(warned.messages, []);
    assert.deepEqual(warned.warnings, [
      'spec.tls.backend.clientCertificateRef: ignored by Kong; Kong will not present this certificate to backends',
      'spec.allowedListeners.namespaces.from: "All" has no effect: Kong does not attach ListenerSets',
    ]);
  });

  test(`Gateway ${version}: an unmanaged class gets only the upstream rules`, async () => {
    for (const [name, spec] of kongDenials) {
      const result = await verdict(registry, admissionRequest(gateway(version, { ...spec, gatewayClassName: 'other' })));
      assert.deepEqual(result, { messages: [], warnings: [] }, name);
    }
    const upstream = await verdict(registry, admissionRequest(gateway(version, { gatewayClassName: 'other', listeners: [http(), http({ name: 'x' })] })));
    assert.deepEqual(upstream.messages, ['spec.listeners: Invalid value: "array": Combination of port, protocol and hostname must be unique for each listener']);
  });

  test(`Gateway ${version}: an unknown class gets the upstream rules and a warning naming it`, async () => {
    const spec = { gatewayClassName: 'not-yet', listeners: [{ name: 'tcp', port: 9000, protocol: 'TCP' }] };
    const result = await verdict(registry, admissionRequest(gateway(version, spec)));
    assert.deepEqual(result.messages, []);
    assert.deepEqual(result.warnings, [
      `spec.gatewayClassName: GatewayClass "not-yet" is not known to kongward; only the upstream Gateway API rules were checked, not Kong's limits for classes of controller "${KONG}"`,
    ]);
    const syncing: GatewayClassLookup = { get: (name) => (name === 'kong' ? { controllerName: KONG } : undefined), ready: () => false };
    const early = gatewayRegistry(syncing);
    const unknownWhileSyncing = await verdict(early, admissionRequest(gateway(version, spec)));
    assert.match(unknownWhileSyncing.warnings[0] ?? '', /GatewayClass "not-yet" could not be looked up yet \(the GatewayClass cache is not synced\)/);
    // What an unsynced cache already holds is used.
    const known = await verdict(early, admissionRequest(gateway(version, { ...spec, gatewayClassName: 'kong' })));
    assert.deepEqual(known.messages, ['spec.listeners[0].protocol: Unsupported value: "TCP": supported values: "HTTP", "HTTPS" (Kong: UnsupportedProtocol)']);
  });

  test(`Gateway ${version}: the controller name is configurable`, async () => {
    const custom = gatewayRegistry(new StaticGatewayClassLookup([['kong', { controllerName: KONG }], ['mine', { controllerName: 'example.com/kong' }]]), 'example.com/kong');
    const tcp = { listeners: [http(), { name: 'tcp', port: 9000, protocol: 'TCP' }] };
    assert.deepEqual((await verdict(custom, admissionRequest(gateway(version, { ...tcp, gatewayClassName: 'mine' })))).messages, [UNSUPPORTED_TCP]);
    assert.deepEqual((await verdict(custom, admissionRequest(gateway(version, tcp)))).messages, []);
  });

  test(`Gateway ${version}: objects the upstream rules deny get no Kong causes on top`, async () => {
    const result = await verdict(registry, admissionRequest(gateway(version, { listeners: [https({ tls: { mode: 'Passthrough' } })] })));
    assert.deepEqual(result.messages, ['spec.listeners: Invalid value: "array": tls mode must be Terminate for protocol HTTPS']);
  });

  test(`Gateway ${version}: UPDATE denies new causes and only warns about ones the old object had`, async () => {
    const tcp = { name: 'tcp', port: 9000, protocol: 'TCP' };
    const valid = gateway(version, { listeners: [http()] });
    const withTcp = gateway(version, { listeners: [http(), tcp] });
    assert.deepEqual((await verdict(registry, admissionRequest(withTcp, valid))).messages, [UNSUPPORTED_TCP]);

    const relabelled = { ...withTcp, metadata: { ...withTcp.metadata, labels: { team: 'a' }, finalizers: [] } };
    const ratcheted = await verdict(registry, admissionRequest(relabelled, withTcp));
    assert.deepEqual(ratcheted.messages, []);
    assert.deepEqual(ratcheted.warnings, [`${UNSUPPORTED_TCP} (already so before this update; Kong still cannot serve it)`]);

    const moreTcp = gateway(version, { listeners: [http(), tcp, { name: 'udp', port: 53, protocol: 'UDP' }] });
    const grown = await verdict(registry, admissionRequest(moreTcp, withTcp));
    assert.deepEqual(grown.messages, ['spec.listeners[2].protocol: Unsupported value: "UDP": supported values: "HTTP", "HTTPS" (Kong: UnsupportedProtocol)']);
    assert.equal(grown.warnings.length, 1);

    // Moving an unmanaged Gateway to the managed class makes its limits count.
    const movedIn = await verdict(registry, admissionRequest(withTcp, gateway(version, { gatewayClassName: 'other', listeners: [http(), tcp] })));
    assert.deepEqual(movedIn.messages, [UNSUPPORTED_TCP]);
    assert.deepEqual(await verdict(registry, admissionRequest(null, withTcp)), { messages: [], warnings: [] });
  });

  test(`GatewayClass ${version}: a managed class's parametersRef must name a namespaced GatewayConfiguration`, async () => {
    const cases: Array<[string, Json, string[]]> = [
      ['no parametersRef', { controllerName: KONG }, []],
      ['a GatewayConfiguration with namespace', { controllerName: KONG, parametersRef: { group: 'gateway-operator.konghq.com', kind: 'GatewayConfiguration', name: 'c', namespace: 'kong' } }, []],
      ['a ConfigMap without namespace', { controllerName: KONG, parametersRef: { group: '', kind: 'ConfigMap', name: 'c' } }, [
        'spec.parametersRef.group: Invalid value: "": ParametersRef must reference a gateway-operator.konghq.com/GatewayConfiguration',
        'spec.parametersRef.kind: Invalid value: "ConfigMap": ParametersRef must reference a gateway-operator.konghq.com/GatewayConfiguration',
        'spec.parametersRef.namespace: Required value: ParametersRef must reference a namespaced resource',
      ]],
      ['a GatewayConfiguration without namespace', { controllerName: KONG, parametersRef: { group: 'gateway-operator.konghq.com', kind: 'GatewayConfiguration', name: 'c' } },
        ['spec.parametersRef.namespace: Required value: ParametersRef must reference a namespaced resource']],
      ['an unmanaged class with any parameters', { controllerName: 'example.com/x', parametersRef: { group: '', kind: 'ConfigMap', name: 'c' } }, []],
    ];
    for (const [name, spec, expected] of cases) {
      assert.deepEqual((await verdict(registry, admissionRequest(gatewayClass(version, 'kong', spec)))).messages, expected, name);
    }
  });

  test(`GatewayClass ${version}: UPDATE keeps controllerName immutable and ratchets parametersRef causes`, async () => {
    const managed = gatewayClass(version, 'kong', { controllerName: KONG });
    const switched = await verdict(registry, admissionRequest(gatewayClass(version, 'kong', { controllerName: 'example.com/x' }), managed));
    assert.deepEqual(switched.messages, ['spec.controllerName: Invalid value: "string": Value is immutable']);
    const badRef = { controllerName: KONG, parametersRef: { group: 'gateway-operator.konghq.com', kind: 'GatewayConfiguration', name: 'c' } };
    const added = await verdict(registry, admissionRequest(gatewayClass(version, 'kong', badRef), managed));
    assert.deepEqual(added.messages, ['spec.parametersRef.namespace: Required value: ParametersRef must reference a namespaced resource']);
    const described = await verdict(registry, admissionRequest(gatewayClass(version, 'kong', { ...badRef, description: 'x' }), gatewayClass(version, 'kong', badRef)));
    assert.deepEqual(described.messages, []);
    assert.equal(described.warnings.length, 1);
  });
}

test('kongGatewayRules: the same port and hostname twice is a HostnameConflict (unreachable past the CRD, kept for direct callers)', () => {
  const result = kongGatewayRules({ spec: { listeners: [http({ hostname: 'a.example.com' }), http({ name: 'again', hostname: 'a.example.com' }), http({ name: 'other', hostname: 'b.example.com' })] } });
  assert.deepEqual(result.errors.map(formatFieldError), [
    'spec.listeners[1].hostname: Invalid value: "a.example.com": port 80 already serves this hostname (spec.listeners[0]) (HostnameConflict)',
  ]);
});

test('kongGatewayRules reads absent values with the CRD defaults (raw offline documents)', () => {
  const result = kongGatewayRules({ spec: { listeners: [{ name: 'h', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'c' }] }, allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } }] } });
  assert.deepEqual(result, { errors: [], warnings: [] });
});
