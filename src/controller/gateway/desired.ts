// What a Gateway of a Kong GatewayClass asks for, as Kong Gateway Operator provisions it
// (kgo-facts section 6, "Gateway flow"): a DataPlane whose options come from the class's
// GatewayConfiguration (`spec.dataPlaneOptions`, defaults when none, and its KonnectExtension),
// whose ingress ports are the
// listeners' (HTTP to the proxy's 8000, HTTPS and TLS to 8443), owned by the Gateway; and the
// Gateway's status from it. Pure functions: the reconciler reads and writes.
import { setCondition, type Condition, type ConditionInput } from '../runtime/conditions.ts';
import type { KubeObject } from '../runtime/types.ts';
import { DEFAULT_IMAGE } from '../dataplane/constants.ts';
import { isPlainObject as isObject } from '../../validation/values.ts';

type Json = Record<string, unknown>;

export interface Listener {
  name: string;
  port: number;
  protocol: string;
  /** The listener as written (allowedRoutes...). */
  raw?: Json;
}

export function listenersOf(gateway: KubeObject): Listener[] {
  const listeners = isObject(gateway.spec) && Array.isArray(gateway.spec.listeners) ? gateway.spec.listeners : [];
  return listeners.filter(isObject).map((l) => ({ name: String(l.name ?? ''), port: Number(l.port), protocol: String(l.protocol ?? ''), raw: l }));
}

const TARGET_PORT: Record<string, number> = { HTTP: 8000, HTTPS: 8443, TLS: 8443 };

/** One ingress port per listener port Kong serves (the first listener on a port names it). */
export function ingressPorts(listeners: readonly Listener[]): Array<{ name: string; port: number; targetPort: number }> {
  const out: Array<{ name: string; port: number; targetPort: number }> = [];
  for (const listener of listeners) {
    const targetPort = TARGET_PORT[listener.protocol];
    if (targetPort === undefined || !Number.isInteger(listener.port) || out.some((p) => p.port === listener.port)) continue;
    out.push({ name: `${listener.protocol.toLowerCase()}-${listener.port}`, port: listener.port, targetPort });
  }
  return out;
}

/** The DataPlane spec for a Gateway: the GatewayConfiguration's dataPlaneOptions plus the listeners' ports. */
export function dataPlaneSpecFor(gateway: KubeObject, configuration: KubeObject | undefined): Json {
  const options = isObject(configuration?.spec) && isObject(configuration.spec.dataPlaneOptions) ? configuration.spec.dataPlaneOptions : {};
  const deployment: Json = isObject(options.deployment) ? structuredClone(options.deployment) : {};
  const template: Json = isObject(deployment.podTemplateSpec) ? deployment.podTemplateSpec : {};
  const podSpec: Json = isObject(template.spec) ? template.spec : {};
  const containers = Array.isArray(podSpec.containers) ? podSpec.containers.filter(isObject) : [];
  const proxy = containers.find((c) => c.name === 'proxy');
  if (!proxy) containers.unshift({ name: 'proxy', image: DEFAULT_IMAGE });
  else if (!proxy.image) proxy.image = DEFAULT_IMAGE;
  deployment.podTemplateSpec = { ...template, spec: { ...podSpec, containers } };
  const network = isObject(options.network) ? structuredClone(options.network) : {};
  const services: Json = isObject(network.services) ? network.services : {};
  const ingress: Json = isObject(services.ingress) ? services.ingress : {};
  const extensions = konnectExtensionFor(gateway, configuration);
  return {
    deployment,
    network: { ...network, services: { ...services, ingress: { ...ingress, ports: ingressPorts(listenersOf(gateway)) } } },
    ...(extensions ? { extensions } : {}),
  };
}

/**
 * The GatewayConfiguration's KonnectExtension (`spec.extensions`), as the DataPlane's one extension.
 * A DataPlane can only name an extension in its own namespace, so one elsewhere is not carried.
 */
function konnectExtensionFor(gateway: KubeObject, configuration: KubeObject | undefined): Json[] | undefined {
  const refs = isObject(configuration?.spec) && Array.isArray(configuration.spec.extensions) ? configuration.spec.extensions.filter(isObject) : [];
  const extension = refs.find((e) => e.kind === 'KonnectExtension' && (e.group === 'konnect.konghq.com' || e.group === 'gateway-operator.konghq.com'));
  if (!extension || typeof extension.name !== 'string') return undefined;
  const namespace = typeof extension.namespace === 'string' ? extension.namespace : configuration?.metadata.namespace;
  return namespace === gateway.metadata.namespace ? [{ group: extension.group, kind: 'KonnectExtension', name: extension.name }] : undefined;
}

const readyOf = (dataPlane: KubeObject | undefined): Condition | undefined =>
  ((isObject(dataPlane?.status) ? dataPlane.status.conditions : undefined) as Condition[] | undefined)?.find((c) => c.type === 'Ready');

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
/** Route kinds a listener takes by default, by protocol (the Gateway API's defaults for what Kong serves). */
const DEFAULT_ROUTE_KINDS: Record<string, string[]> = { HTTP: ['HTTPRoute', 'GRPCRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'], TLS: ['TLSRoute'] };

/** The route kinds a listener takes: `allowedRoutes.kinds` (of the Gateway API group) or its protocol's defaults. */
export function listenerRouteKinds(listener: Listener): string[] {
  const allowed = isObject(listener.raw?.allowedRoutes) ? listener.raw.allowedRoutes : {};
  const explicit = Array.isArray(allowed.kinds) ? allowed.kinds.filter(isObject) : undefined;
  const defaults = DEFAULT_ROUTE_KINDS[listener.protocol] ?? [];
  if (!explicit) return defaults;
  return explicit.filter((k) => (k.group ?? GATEWAY_GROUP) === GATEWAY_GROUP && typeof k.kind === 'string' && defaults.includes(k.kind)).map((k) => k.kind as string);
}

/**
 * How many of `routes` (HTTPRoutes, GRPCRoutes, TLSRoutes) attach to the listener: of a kind it
 * takes, with a parentRef naming this Gateway (and the listener, when it names a section or port),
 * from a namespace the listener allows (`allowedRoutes.namespaces.from`: Same by default, All, or
 * Selector over the namespace's labels).
 */
export function attachedRoutes(gateway: KubeObject, listener: Listener, routes: readonly KubeObject[], namespaceLabels: (namespace: string) => Record<string, string> | undefined): number {
  const kinds = listenerRouteKinds(listener);
  if (kinds.length === 0) return 0;
  const allowed = isObject(listener.raw?.allowedRoutes) ? listener.raw.allowedRoutes : {};
  const namespaces = isObject(allowed.namespaces) ? allowed.namespaces : {};
  const from = typeof namespaces.from === 'string' ? namespaces.from : 'Same';
  const selector = isObject(namespaces.selector) && isObject(namespaces.selector.matchLabels) ? namespaces.selector.matchLabels as Record<string, string> : undefined;
  const namespaceAllowed = (namespace: string | undefined): boolean => {
    if (from === 'All') return true;
    if (from === 'Same') return namespace === gateway.metadata.namespace;
    if (from === 'Selector' && selector && namespace) {
      const labels = namespaceLabels(namespace) ?? {};
      return Object.entries(selector).every(([k, v]) => labels[k] === v);
    }
    return false;
  };
  return routes.filter((route) => {
    if (!kinds.includes(route.kind ?? '') || !namespaceAllowed(route.metadata.namespace)) return false;
    const parentRefs = isObject(route.spec) && Array.isArray(route.spec.parentRefs) ? route.spec.parentRefs.filter(isObject) : [];
    return parentRefs.some((ref) => (ref.group ?? 'gateway.networking.k8s.io') === 'gateway.networking.k8s.io' && (ref.kind ?? 'Gateway') === 'Gateway'
      && ref.name === gateway.metadata.name && (ref.namespace ?? route.metadata.namespace) === gateway.metadata.namespace
      && (ref.sectionName === undefined || ref.sectionName === listener.name) && (ref.port === undefined || ref.port === listener.port));
  }).length;
}

export interface RouteView {
  routes: readonly KubeObject[];
  namespaceLabels(namespace: string): Record<string, string> | undefined;
}

/** The Gateway's status (Gateway API conditions and addresses, KGO's DataPlaneReady) from its DataPlane and routes. */
export function gatewayStatus(gateway: KubeObject, dataPlane: KubeObject | undefined, now: Date, view: RouteView = { routes: [], namespaceLabels: () => undefined }): Json {
  const previous = isObject(gateway.status) ? gateway.status : {};
  const generation = gateway.metadata.generation;
  const ready = readyOf(dataPlane)?.status === 'True';
  const set = (list: Condition[] | undefined, input: ConditionInput) => setCondition(list, { ...input, ...(generation !== undefined ? { observedGeneration: generation } : {}) }, now);
  let conditions = previous.conditions as Condition[] | undefined;
  conditions = set(conditions, { type: 'Accepted', status: 'True', reason: 'Accepted', message: '' });
  conditions = set(conditions, ready
    ? { type: 'DataPlaneReady', status: 'True', reason: 'Ready', message: '' }
    : { type: 'DataPlaneReady', status: 'False', reason: 'Pending', message: dataPlane ? 'Waiting for the DataPlane to become ready' : 'Waiting for the DataPlane to be created' });
  conditions = set(conditions, ready
    ? { type: 'Programmed', status: 'True', reason: 'Programmed', message: '' }
    : { type: 'Programmed', status: 'False', reason: 'Pending', message: 'Waiting for the DataPlane to become ready' });
  const addresses = ((isObject(dataPlane?.status) && Array.isArray(dataPlane.status.addresses) ? dataPlane.status.addresses : []) as Json[])
    .filter((a) => typeof a.value === 'string')
    .map((a) => ({ type: a.type === 'Hostname' ? 'Hostname' : 'IPAddress', value: a.value }));
  const previousListeners = Array.isArray(previous.listeners) ? (previous.listeners as Json[]) : [];
  const listeners = listenersOf(gateway).map((listener) => {
    const served = TARGET_PORT[listener.protocol] !== undefined;
    const before = previousListeners.find((l) => l.name === listener.name);
    let lc = before?.conditions as Condition[] | undefined;
    lc = set(lc, served ? { type: 'Accepted', status: 'True', reason: 'Accepted', message: '' } : { type: 'Accepted', status: 'False', reason: 'UnsupportedProtocol', message: `Protocol ${listener.protocol} is not supported` });
    lc = set(lc, { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: '' });
    lc = set(lc, { type: 'Conflicted', status: 'False', reason: 'NoConflicts', message: '' });
    lc = set(lc, served && ready ? { type: 'Programmed', status: 'True', reason: 'Programmed', message: '' } : { type: 'Programmed', status: 'False', reason: 'Pending', message: '' });
    return {
      name: listener.name,
      supportedKinds: served ? listenerRouteKinds(listener).map((kind) => ({ group: GATEWAY_GROUP, kind })) : [],
      attachedRoutes: served ? attachedRoutes(gateway, listener, view.routes, view.namespaceLabels) : 0,
      conditions: lc,
    };
  });
  return { ...previous, conditions, addresses, listeners };
}

/** Why a Kong GatewayClass's parametersRef cannot be used (Kong Gateway Operator's messages), none when it can. */
export function gatewayClassProblems(gatewayClass: KubeObject, configurationExists: (namespace: string, name: string) => boolean): string[] {
  const ref = isObject(gatewayClass.spec) && isObject(gatewayClass.spec.parametersRef) ? gatewayClass.spec.parametersRef : undefined;
  if (!ref) return [];
  const problems: string[] = [];
  if (ref.group !== 'gateway-operator.konghq.com' || ref.kind !== 'GatewayConfiguration') problems.push('ParametersRef must reference a gateway-operator.konghq.com/GatewayConfiguration');
  if (typeof ref.namespace !== 'string' || ref.namespace === '') problems.push('ParametersRef must reference a namespaced resource');
  if (problems.length === 0 && !configurationExists(ref.namespace as string, String(ref.name ?? ''))) problems.push('The referenced GatewayConfiguration does not exist');
  return problems;
}

/** The GatewayClass status: Accepted, or InvalidParameters with the problems joined as KGO does. */
export function gatewayClassStatus(gatewayClass: KubeObject, problems: readonly string[], now: Date): Json {
  const previous = isObject(gatewayClass.status) ? gatewayClass.status : {};
  const generation = gatewayClass.metadata.generation;
  const input: ConditionInput = problems.length
    ? { type: 'Accepted', status: 'False', reason: 'InvalidParameters', message: problems.join('. ') }
    : { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'GatewayClass is accepted' };
  const conditions = setCondition(previous.conditions as Condition[] | undefined, { ...input, ...(generation !== undefined ? { observedGeneration: generation } : {}) }, now);
  return { ...previous, conditions };
}
