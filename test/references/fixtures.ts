// Objects for the reference-check tests: valid by their own rules, so only references decide.
type Json = Record<string, unknown>;

const C = 'configuration.konghq.com/v1alpha1';
const K1 = 'konnect.konghq.com/v1alpha1';
const K2 = 'konnect.konghq.com/v1alpha2';

const meta = (name: string, namespace = 'default') => ({ name, namespace });
const cpRef = (name: string, namespace?: string) => ({
  type: 'konnectNamespacedRef',
  konnectNamespacedRef: namespace ? { name, namespace } : { name },
});

export const auth = (name = 'konnect-api-auth', namespace = 'default'): Json => ({
  apiVersion: K1, kind: 'KonnectAPIAuthConfiguration', metadata: meta(name, namespace),
  spec: { type: 'token', token: 'kpat_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN', serverURL: 'us.api.konghq.com' },
});

/** v1alpha1 control plane (inline cluster_type). */
export const controlPlane = (name: string, clusterType?: string, namespace = 'default'): Json => ({
  apiVersion: K1, kind: 'KonnectGatewayControlPlane', metadata: meta(name, namespace),
  spec: { name: `konnect-${name}`, konnect: { authRef: { name: 'konnect-api-auth' } }, ...(clusterType ? { cluster_type: clusterType } : {}) },
});

/** v1alpha2 control plane (createControlPlaneRequest.cluster_type). */
export const controlPlaneV2 = (name: string, clusterType?: string, namespace = 'default'): Json => ({
  apiVersion: K2, kind: 'KonnectGatewayControlPlane', metadata: meta(name, namespace),
  spec: {
    source: 'Origin',
    createControlPlaneRequest: { name: `konnect-${name}`, ...(clusterType ? { cluster_type: clusterType } : {}) },
    konnect: { authRef: { name: 'konnect-api-auth' } },
  },
});

export const mirroredControlPlane = (name: string, observedClusterType?: string): Json => ({
  apiVersion: K2, kind: 'KonnectGatewayControlPlane', metadata: meta(name),
  spec: { source: 'Mirror', mirror: { konnect: { id: '8b4a1e2c-1111-4222-8333-944455556666' } }, konnect: { authRef: { name: 'konnect-api-auth' } } },
  ...(observedClusterType ? { status: { clusterType: observedClusterType } } : {}),
});

export const service = (name: string, cp: string, namespace = 'default', cpNamespace?: string): Json => ({
  apiVersion: C, kind: 'KongService', metadata: meta(name, namespace),
  spec: { host: 'httpbin.org', controlPlaneRef: cpRef(cp, cpNamespace) },
});

export const route = (name: string, svc: string, cp?: string): Json => ({
  apiVersion: C, kind: 'KongRoute', metadata: meta(name),
  spec: {
    protocols: ['https'], paths: ['/x'],
    serviceRef: { type: 'namespacedRef', namespacedRef: { name: svc } },
    ...(cp ? { controlPlaneRef: cpRef(cp) } : {}),
  },
});

export const upstream = (name: string, cp: string): Json => ({
  apiVersion: C, kind: 'KongUpstream', metadata: meta(name), spec: { controlPlaneRef: cpRef(cp) },
});

export const dpCertificate = (name: string, cp: string): Json => ({
  apiVersion: C, kind: 'KongDataPlaneClientCertificate', metadata: meta(name),
  spec: { controlPlaneRef: cpRef(cp), cert: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
});

export const pluginBinding = (name: string, cp: string, plugin: string, targets: Json): Json => ({
  apiVersion: C, kind: 'KongPluginBinding', metadata: meta(name),
  spec: { controlPlaneRef: cpRef(cp), pluginRef: { name: plugin }, targets },
});

export const plugin = (name: string): Json => ({
  apiVersion: 'configuration.konghq.com/v1', kind: 'KongPlugin', metadata: meta(name), plugin: 'key-auth',
});

export const konnectExtension = (version: 'v1alpha1' | 'v1alpha2', name: string, cp: string): Json => ({
  apiVersion: `konnect.konghq.com/${version}`, kind: 'KonnectExtension', metadata: meta(name),
  spec: { konnect: { controlPlane: { ref: cpRef(cp) } } },
});

export const grant = (namespace: string, from: { kind: string; namespace: string }, to: { kind: string; group?: string; name?: string }): Json => ({
  apiVersion: C, kind: 'KongReferenceGrant', metadata: meta(`allow-${from.namespace}`, namespace),
  spec: {
    from: [{ group: 'configuration.konghq.com', kind: from.kind, namespace: from.namespace }],
    to: [{ group: to.group ?? 'konnect.konghq.com', kind: to.kind, ...(to.name ? { name: to.name } : {}) }],
  },
});

export const KIC = 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER';
export const GROUP = 'CLUSTER_TYPE_CONTROL_PLANE_GROUP';

export const kicMessage = (name: string, type = KIC, namespace = 'default') =>
  `Attaching to ControlPlane ${namespace}/${name} with cluster type ${type} is not supported`;
