import assert from 'node:assert/strict';
import { patched, pendingStatus, programmedStatus, ruleError, runCases, schemaErrors } from './kind-cases.ts';

const binding = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongPluginBinding',
  metadata: { name: 'rate-limit-svc', namespace: 'demo' },
  spec: {
    controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } },
    pluginRef: { name: 'rate-limit' },
    targets: { serviceRef: { group: 'configuration.konghq.com', kind: 'KongService', name: 'svc' } },
  },
};
const withSpec = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => patched(binding, { spec, ...extra });
const kongRoute = { group: 'configuration.konghq.com', kind: 'KongRoute', name: 'route' };
const coreService = { group: '', kind: 'Service', name: 'svc' };
const adopt = { from: 'konnect', mode: 'override', konnect: { id: 'b6a2c3d4-0000-4000-8000-000000000001' } };
const otherCp = { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp2' } };

runCases('KongPluginBinding v1alpha1', [
  {
    name: 'a binding to a KongService is accepted with scope and pluginRef.kind defaulted',
    object: binding,
    errors: [],
    verify: (r) => {
      const spec = r.object?.spec as { scope: string; pluginRef: { kind: string } };
      assert.equal(spec.scope, 'OnlyTargets');
      assert.equal(spec.pluginRef.kind, 'KongPlugin');
    },
  },
  { name: 'a kic control plane is allowed', object: withSpec({ controlPlaneRef: { type: 'kic', konnectNamespacedRef: undefined } }), errors: [] },
  { name: 'controlPlaneRef is required', object: patched(binding, { spec: { controlPlaneRef: undefined } }), errors: schemaErrors('spec.controlPlaneRef: Required value') },
  { name: 'pluginRef is required', object: patched(binding, { spec: { pluginRef: undefined } }), errors: schemaErrors('spec.pluginRef: Required value') },
  { name: 'OnlyTargets needs a target', object: patched(binding, { spec: { targets: undefined } }),
    errors: [ruleError('spec', "At least one target reference must be set when scope is 'OnlyTargets'")] },
  { name: 'OnlyTargets with an empty targets object is denied', object: patched(patched(binding, { spec: { targets: undefined } }), { spec: { targets: {} } }),
    errors: [ruleError('spec', "At least one target reference must be set when scope is 'OnlyTargets'")] },
  { name: 'GlobalInControlPlane takes no targets', object: withSpec({ scope: 'GlobalInControlPlane' }),
    errors: [ruleError('spec', "No targets must be set when scope is 'GlobalInControlPlane'")] },
  { name: 'GlobalInControlPlane without targets is accepted', object: patched(binding, { spec: { scope: 'GlobalInControlPlane', targets: undefined } }), errors: [] },
  { name: 'pluginRef name must not be empty', object: withSpec({ pluginRef: { name: '' } }),
    errors: [ruleError('spec.pluginRef', 'pluginRef name must be set')] },
  { name: 'a KongClusterPlugin ref takes no namespace', object: withSpec({ pluginRef: { kind: 'KongClusterPlugin', name: 'p', namespace: 'x' } }),
    errors: [ruleError('spec.pluginRef', "Namespace can be set only when kind is 'KongPlugin'")] },
  { name: 'a KongPlugin ref may name a namespace', object: withSpec({ pluginRef: { name: 'p', namespace: 'other' } }), errors: [] },
  { name: 'pluginRef.kind is an enum', object: withSpec({ pluginRef: { kind: 'Plugin', name: 'p' } }),
    errors: schemaErrors('spec.pluginRef.kind: Unsupported value: "Plugin": supported values: "KongPlugin", "KongClusterPlugin"') },
  { name: 'consumer and consumer group together are denied', object: withSpec({ targets: { consumerRef: { name: 'c' }, consumerGroupRef: { name: 'g' } } }),
    errors: [ruleError('spec.targets', 'Cannot set Consumer and ConsumerGroup at the same time')] },
  { name: 'KongRoute with a core Service is denied', object: withSpec({ targets: { routeRef: kongRoute, serviceRef: coreService } }),
    errors: [ruleError('spec.targets', 'KongRoute can be used only when serviceRef is unset or set to KongService')] },
  { name: 'KongService with an Ingress is denied',
    object: withSpec({ targets: { routeRef: { group: 'networking.k8s.io', kind: 'Ingress', name: 'i' } } }),
    errors: [ruleError('spec.targets', 'KongService can be used only when routeRef is unset or set to KongRoute')] },
  { name: 'KongRoute with KongService is accepted', object: withSpec({ targets: { routeRef: kongRoute } }), errors: [] },
  { name: 'routeRef group/kind must be a route', object: withSpec({ targets: { routeRef: { group: 'configuration.konghq.com', kind: 'KongService', name: 'x' }, serviceRef: undefined } }),
    errors: [ruleError('spec.targets.routeRef', 'group/kind not allowed for the routeRef')] },
  { name: 'serviceRef group/kind must be a service', object: withSpec({ targets: { serviceRef: { group: 'networking.k8s.io', kind: 'Service', name: 'x' } } }),
    errors: [ruleError('spec.targets.serviceRef', 'group/kind not allowed for the serviceRef')] },
  { name: 'a core Service in group "core" is accepted', object: withSpec({ targets: { serviceRef: { group: 'core', kind: 'Service', name: 'x' } } }), errors: [] },
  { name: 'routeRef.kind is an enum', object: withSpec({ targets: { routeRef: { group: 'gateway.networking.k8s.io', kind: 'TCPRoute', name: 'x' } } }),
    errors: schemaErrors('spec.targets.routeRef.kind: Unsupported value: "TCPRoute": supported values: "Service", "Ingress", "HTTPRoute", "GRPCRoute", "KongService", "KongRoute"') },
  { name: 'adopt needs a konnectNamespacedRef control plane', object: withSpec({ controlPlaneRef: { type: 'kic', konnectNamespacedRef: undefined }, adopt }),
    errors: [ruleError('spec', 'spec.adopt is allowed only when controlPlaneRef is konnectNamespacedRef')] },
  { name: 'adopt from konnect needs konnect options', object: withSpec({ adopt: { from: 'konnect' } }),
    errors: [ruleError('spec.adopt', "Must specify Konnect options when from='konnect'")] },
  { name: 'adopt with a konnect id is accepted', object: withSpec({ adopt }), errors: [] },
  // UPDATE
  { name: 'adopt cannot be added in an update', object: withSpec({ adopt }), old: binding,
    errors: [ruleError('spec', 'Cannot set or unset spec.adopt in updates')] },
  { name: 'adopt konnect.id is immutable', object: withSpec({ adopt: { ...adopt, konnect: { id: 'other' } } }), old: withSpec({ adopt }),
    errors: [ruleError('spec.adopt', 'konnect.id is immutable')] },
  { name: 'controlPlaneRef is frozen once Programmed', object: withSpec({ controlPlaneRef: otherCp }, { status: programmedStatus }),
    old: withSpec({}, { status: programmedStatus }),
    errors: [ruleError('<nil>', 'spec.controlPlaneRef is immutable when an entity is already Programmed')] },
  { name: 'controlPlaneRef may change before Programmed', object: withSpec({ controlPlaneRef: otherCp }, { status: pendingStatus }),
    old: withSpec({}, { status: pendingStatus }), errors: [] },
  { name: 'targets may change once Programmed', object: withSpec({ targets: { routeRef: kongRoute } }, { status: programmedStatus }),
    old: withSpec({}, { status: programmedStatus }), errors: [] },
]);
