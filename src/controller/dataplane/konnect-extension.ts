// Resolves the KonnectExtension a DataPlane references into what its Deployment needs (the
// Konnect environment and the client certificate Secret), or into the KonnectExtensionApplied
// reason explaining why it cannot be applied. Pure over a lookup of cached objects.
import type { KubeObject } from '../runtime/types.ts';
import { DATAPLANE_GROUP, extensionReasons, type ExtensionReason, KONNECT_CERT_MOUNT } from './constants.ts';
import { isObject } from './merge.ts';

export interface ExtensionRef {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface ExtensionLookup {
  /** A KonnectExtension of the given group (`gateway-operator.konghq.com` or `konnect.konghq.com`). */
  konnectExtension(group: string, namespace: string, name: string): KubeObject | undefined;
  konnectControlPlane(namespace: string, name: string): KubeObject | undefined;
  secret(namespace: string, name: string): KubeObject | undefined;
}

export type ExtensionResolution =
  | { state: 'none' }
  | { state: 'applied'; env: [string, string][]; secretName: string; message: string }
  | { state: 'problem'; reason: ExtensionReason; message: string };

export const KONNECT_GROUP = 'konnect.konghq.com';

/** The DataPlane's extension references with the CRD default group filled in. */
export function extensionRefs(dataPlane: KubeObject): ExtensionRef[] {
  const spec = isObject(dataPlane.spec) ? dataPlane.spec : {};
  const list = Array.isArray(spec.extensions) ? spec.extensions : [];
  return list.filter(isObject).map((e) => ({
    group: typeof e.group === 'string' && e.group ? e.group : DATAPLANE_GROUP,
    kind: String(e.kind ?? ''),
    name: String(e.name ?? ''),
    ...(typeof e.namespace === 'string' ? { namespace: e.namespace } : {}),
  }));
}

export const isKonnectExtensionRef = (ref: ExtensionRef) =>
  ref.kind === 'KonnectExtension' && (ref.group === DATAPLANE_GROUP || ref.group === KONNECT_GROUP);

/** Host of an endpoint given as a URL (`https://x.cp.konghq.com`) or a bare host. */
export function endpointHost(endpoint: string): string {
  try {
    return new URL(endpoint.includes('://') ? endpoint : `https://${endpoint}`).hostname;
  } catch {
    return endpoint;
  }
}

const problem = (reason: ExtensionReason, message: string): ExtensionResolution => ({ state: 'problem', reason, message });
const get = (obj: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), obj);
const str = (obj: unknown, ...path: string[]) => {
  const v = get(obj, ...path);
  return typeof v === 'string' && v !== '' ? v : undefined;
};

export function resolveExtension(dataPlane: KubeObject, lookup: ExtensionLookup): ExtensionResolution {
  const namespace = dataPlane.metadata.namespace ?? '';
  const ref = extensionRefs(dataPlane).find(isKonnectExtensionRef);
  if (!ref) return { state: 'none' };
  const id = `${ref.group} KonnectExtension ${namespace}/${ref.name}`;
  if (ref.namespace !== undefined && ref.namespace !== namespace) {
    return problem(extensionReasons.refNotPermitted, `${id}: cross namespace references (to ${ref.namespace}) are not allowed`);
  }
  const extension = lookup.konnectExtension(ref.group, namespace, ref.name);
  if (!extension) return problem(extensionReasons.invalidExtension, `${id} not found`);
  const target = ref.group === DATAPLANE_GROUP ? fromGatewayOperatorExtension(extension, id) : fromKonnectExtension(extension, id, lookup);
  if ('state' in target) return target;
  const secret = lookup.secret(namespace, target.secretName);
  if (!secret) return problem(extensionReasons.invalidSecret, `${id}: client certificate Secret ${namespace}/${target.secretName} not found`);
  const data = isObject(secret.data) ? secret.data : {};
  const missing = ['tls.crt', 'tls.key'].filter((k) => typeof data[k] !== 'string' || data[k] === '');
  if (missing.length > 0) {
    return problem(extensionReasons.invalidSecret, `${id}: Secret ${namespace}/${target.secretName} lacks ${missing.join(' and ')}`);
  }
  return { state: 'applied', env: konnectEnv(target), secretName: target.secretName, message: `${id} applied` };
}

interface KonnectTarget {
  clusterType: 'ControlPlane' | 'K8SIngressController';
  controlPlaneHost?: string;
  telemetryHost: string;
  secretName: string;
  dataPlaneLabels: Record<string, string>;
}

/** Old group (the walkthrough's form): endpoints built from the control plane ID, region and server. */
function fromGatewayOperatorExtension(ext: KubeObject, id: string): KonnectTarget | ExtensionResolution {
  const spec = ext.spec;
  const type = str(spec, 'controlPlaneRef', 'type') ?? 'kic';
  const konnectID = str(spec, 'controlPlaneRef', 'konnectID');
  if (type !== 'konnectID' || !konnectID) {
    return problem(extensionReasons.invalidExtension, `${id}: spec.controlPlaneRef.type must be konnectID with a konnectID (got ${type})`);
  }
  const region = str(spec, 'controlPlaneRegion');
  if (!region) return problem(extensionReasons.invalidExtension, `${id}: spec.controlPlaneRegion is required`);
  const server = str(spec, 'serverHostname') ?? 'konghq.com';
  const secretName = str(spec, 'konnectControlPlaneAPIAuthConfiguration', 'clusterCertificateSecretRef', 'name');
  if (!secretName) return problem(extensionReasons.invalidExtension, `${id}: spec.konnectControlPlaneAPIAuthConfiguration.clusterCertificateSecretRef.name is required`);
  return {
    clusterType: 'ControlPlane',
    controlPlaneHost: `${konnectID}.${region}.cp0.${server}`,
    telemetryHost: `${konnectID}.${region}.tp0.${server}`,
    secretName,
    dataPlaneLabels: stringRecord(get(spec, 'clusterDataPlaneLabels')),
  };
}

/** konnect.konghq.com: endpoints and cluster type from the referenced KonnectGatewayControlPlane. */
function fromKonnectExtension(ext: KubeObject, id: string, lookup: ExtensionLookup): KonnectTarget | ExtensionResolution {
  const spec = ext.spec;
  const namespace = ext.metadata.namespace ?? '';
  const refType = str(spec, 'konnect', 'controlPlane', 'ref', 'type') ?? 'konnectNamespacedRef';
  const cpName = str(spec, 'konnect', 'controlPlane', 'ref', 'konnectNamespacedRef', 'name');
  if (refType !== 'konnectNamespacedRef' || !cpName) {
    return problem(extensionReasons.invalidExtension, `${id}: spec.konnect.controlPlane.ref must be a konnectNamespacedRef (got ${refType})`);
  }
  const cpNamespace = str(spec, 'konnect', 'controlPlane', 'ref', 'konnectNamespacedRef', 'namespace') ?? namespace;
  if (cpNamespace !== namespace) {
    return problem(extensionReasons.refNotPermitted, `${id}: KonnectGatewayControlPlane ${cpNamespace}/${cpName} is in another namespace`);
  }
  const provisioning = str(spec, 'clientAuth', 'certificateSecret', 'provisioning') ?? 'Automatic';
  const secretName = provisioning === 'Manual'
    ? str(spec, 'clientAuth', 'certificateSecret', 'secretRef', 'name')
    : str(ext.status, 'dataPlaneClientAuth', 'certificateSecretRef', 'name');
  if (!secretName) {
    return provisioning === 'Manual'
      ? problem(extensionReasons.invalidExtension, `${id}: spec.clientAuth.certificateSecret.secretRef is required with Manual provisioning`)
      : problem(extensionReasons.notReady, `${id}: the data plane client certificate has not been provisioned yet`);
  }
  const cp = lookup.konnectControlPlane(namespace, cpName);
  if (!cp) return problem(extensionReasons.notReady, `${id}: KonnectGatewayControlPlane ${namespace}/${cpName} not found`);
  const controlPlaneEndpoint = str(cp.status, 'konnectEndpoints', 'controlPlane');
  const telemetryEndpoint = str(cp.status, 'konnectEndpoints', 'telemetry');
  if (!controlPlaneEndpoint || !telemetryEndpoint) {
    return problem(extensionReasons.notReady, `${id}: KonnectGatewayControlPlane ${namespace}/${cpName} has no Konnect endpoints in its status yet`);
  }
  const rawType = str(cp.status, 'clusterType') ?? str(cp.spec, 'createControlPlaneRequest', 'cluster_type') ?? str(cp.spec, 'cluster_type') ?? 'CLUSTER_TYPE_CONTROL_PLANE';
  const clusterType = clusterTypes[rawType];
  if (!clusterType) return problem(extensionReasons.invalidExtension, `${id}: unsupported Konnect cluster type: ${rawType}`);
  return {
    clusterType,
    controlPlaneHost: endpointHost(controlPlaneEndpoint),
    telemetryHost: endpointHost(telemetryEndpoint),
    secretName,
    dataPlaneLabels: stringRecord(get(spec, 'konnect', 'dataPlane', 'labels')),
  };
}

const clusterTypes: Record<string, KonnectTarget['clusterType']> = {
  CLUSTER_TYPE_CONTROL_PLANE: 'ControlPlane',
  ControlPlane: 'ControlPlane',
  CLUSTER_TYPE_HYBRID: 'ControlPlane',
  CLUSTER_TYPE_K8S_INGRESS_CONTROLLER: 'K8SIngressController',
  K8SIngressController: 'K8SIngressController',
};

function stringRecord(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** KGO's Konnect data plane environment (the KIC cluster type gets the traditional role and telemetry only). */
export function konnectEnv(target: KonnectTarget): [string, string][] {
  const env: [string, string][] = [];
  if (target.clusterType === 'ControlPlane') {
    env.push(['KONG_ROLE', 'data_plane']);
    env.push(['KONG_CLUSTER_CONTROL_PLANE', `${target.controlPlaneHost}:443`]);
    env.push(['KONG_CLUSTER_SERVER_NAME', target.controlPlaneHost!]);
  } else {
    env.push(['KONG_ROLE', 'traditional']);
  }
  env.push(
    ['KONG_CLUSTER_TELEMETRY_ENDPOINT', `${target.telemetryHost}:443`],
    ['KONG_CLUSTER_TELEMETRY_SERVER_NAME', target.telemetryHost],
    ['KONG_CLUSTER_MTLS', 'pki'],
    ['KONG_CLUSTER_CERT', `${KONNECT_CERT_MOUNT}/tls.crt`],
    ['KONG_CLUSTER_CERT_KEY', `${KONNECT_CERT_MOUNT}/tls.key`],
    ['KONG_LUA_SSL_TRUSTED_CERTIFICATE', 'system'],
    ['KONG_KONNECT_MODE', 'on'],
    ['KONG_VITALS', 'off'],
  );
  const labels = Object.entries(target.dataPlaneLabels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (labels.length > 0) env.push(['KONG_CLUSTER_DP_LABELS', labels.map(([k, v]) => `${k}:${v}`).join(',')]);
  return env;
}
