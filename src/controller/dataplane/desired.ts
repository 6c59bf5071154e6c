// Desired state of a DataPlane's owned objects: pure functions from the DataPlane (and what was
// resolved for it) to the Deployment, the two Services and the admin certificate Secret's
// metadata. The reconciler compares these with what exists on the fields they set.
import { apiVersionOf, type KubeObject, type OwnerReference } from '../runtime/types.ts';
import {
  CLUSTER_CERT_MOUNT, CLUSTER_CERT_VOLUME, DEFAULT_IMAGE, defaultProxyEnv, dataPlaneResource, KONNECT_CERT_MOUNT, KONNECT_CERT_VOLUME,
  labels, MANAGED_BY_VALUE, type Part, ports, PROXY_CONTAINER, SERVICE_SELECTOR_OVERRIDE_ANNOTATION,
} from './constants.ts';
import { isObject, strategicMerge, upsertEnv, type Json, type JsonObject } from './merge.ts';

export function ownerReference(dataPlane: KubeObject): OwnerReference {
  return {
    apiVersion: apiVersionOf(dataPlaneResource), kind: 'DataPlane', name: dataPlane.metadata.name!,
    uid: dataPlane.metadata.uid!, controller: true, blockOwnerDeletion: true,
  };
}

/** Labels on every object a DataPlane owns (KGO's managed-by trio, kongward's own, the part). */
export function managedLabels(dataPlane: KubeObject, part: Part): Record<string, string> {
  return {
    [labels.app]: dataPlane.metadata.name!,
    [labels.managedBy]: MANAGED_BY_VALUE,
    [labels.managedByName]: dataPlane.metadata.name!,
    [labels.managedByNamespace]: dataPlane.metadata.namespace!,
    [labels.appManagedBy]: 'kongward',
    [labels.part]: part,
  };
}

/** `namespace/part` selector of the objects one DataPlane owns (the owner uid is checked after). */
export function partSelector(dataPlane: KubeObject, part: Part): string {
  return [
    `${labels.managedBy}=${MANAGED_BY_VALUE}`, `${labels.managedByName}=${dataPlane.metadata.name}`,
    `${labels.managedByNamespace}=${dataPlane.metadata.namespace}`, `${labels.part}=${part}`,
  ].join(',');
}

function baseMetadata(dataPlane: KubeObject, part: Part, generateName: string, extraLabels: Record<string, string> = {}): KubeObject['metadata'] {
  return {
    generateName, namespace: dataPlane.metadata.namespace!,
    labels: { ...extraLabels, ...managedLabels(dataPlane, part) },
    ownerReferences: [ownerReference(dataPlane)],
  };
}

const spec = (dataPlane: KubeObject): JsonObject => (isObject(dataPlane.spec) ? dataPlane.spec : {});
const at = (obj: Json | undefined, ...path: string[]): Json | undefined => path.reduce<Json | undefined>((o, k) => (isObject(o) ? o[k] : undefined), obj);

/** Pod labels: what the Deployment selects on (`app` plus the DataPlane's uid). */
export function podSelectorLabels(dataPlane: KubeObject): Record<string, string> {
  return { [labels.app]: dataPlane.metadata.name!, [labels.selector]: dataPlane.metadata.uid! };
}

/** `status.selector`: the pod selector as a label selector string (what the scale subresource reads). */
export function statusSelector(dataPlane: KubeObject): string {
  return Object.entries(podSelectorLabels(dataPlane)).map(([k, v]) => `${k}=${v}`).join(',');
}

export interface DeploymentInputs {
  certSecretName: string;
  /** Konnect environment and client certificate Secret when a KonnectExtension applies. */
  konnect?: { env: [string, string][]; secretName: string };
}

export function desiredDeployment(dataPlane: KubeObject, inputs: DeploymentInputs): KubeObject {
  const user = at(spec(dataPlane), 'deployment', 'podTemplateSpec');
  const userProxy = (at(user, 'spec', 'containers') as Json[] | undefined)?.find((c) => isObject(c) && c.name === PROXY_CONTAINER);
  const image = (isObject(userProxy) && typeof userProxy.image === 'string' && userProxy.image) || DEFAULT_IMAGE;
  const proxy: JsonObject = {
    name: PROXY_CONTAINER,
    image,
    env: defaultProxyEnv.map(([name, value]) => ({ name, value })),
    ports: [
      { name: 'proxy', containerPort: ports.proxy, protocol: 'TCP' },
      { name: 'proxy-ssl', containerPort: ports.proxySsl, protocol: 'TCP' },
      { name: 'metrics', containerPort: ports.status, protocol: 'TCP' },
      { name: 'admin-ssl', containerPort: ports.admin, protocol: 'TCP' },
    ],
    readinessProbe: {
      httpGet: { path: '/status/ready', port: ports.status, scheme: 'HTTP' },
      initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3,
    },
    volumeMounts: [{ name: CLUSTER_CERT_VOLUME, mountPath: CLUSTER_CERT_MOUNT, readOnly: true }],
  };
  const certItems = ['tls.crt', 'tls.key', 'ca.crt'].map((key) => ({ key, path: key }));
  const generated: JsonObject = {
    metadata: { labels: podSelectorLabels(dataPlane) },
    spec: {
      containers: [proxy],
      volumes: [{ name: CLUSTER_CERT_VOLUME, secret: { secretName: inputs.certSecretName, items: certItems } }],
    },
  };
  const template = strategicMerge(generated, user) as JsonObject;
  // Selector labels and the owned mounts win over the user's template.
  const meta = template.metadata as JsonObject;
  meta.labels = { ...(isObject(meta.labels) ? meta.labels : {}), ...podSelectorLabels(dataPlane) };
  if (inputs.konnect) applyKonnect(template, inputs.konnect);
  const replicas = at(spec(dataPlane), 'deployment', 'replicas');
  const autoscaled = at(spec(dataPlane), 'deployment', 'scaling', 'horizontal') !== undefined;
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: baseMetadata(dataPlane, 'deployment', `dataplane-${dataPlane.metadata.name}-`),
    spec: {
      // With horizontal scaling the replica count belongs to the autoscaler.
      ...(autoscaled ? {} : { replicas: typeof replicas === 'number' ? replicas : 1 }),
      selector: { matchLabels: podSelectorLabels(dataPlane) },
      template,
    },
  };
}

/** Konnect wins over the user's template: the cluster endpoints and certificate must be right. */
function applyKonnect(template: JsonObject, konnect: NonNullable<DeploymentInputs['konnect']>): void {
  const podSpec = template.spec as JsonObject;
  const containers = podSpec.containers as JsonObject[];
  const proxy = containers.find((c) => c.name === PROXY_CONTAINER)!;
  proxy.env = upsertEnv(Array.isArray(proxy.env) ? proxy.env : [], konnect.env);
  const mounts = (Array.isArray(proxy.volumeMounts) ? proxy.volumeMounts : []).filter((m) => !(isObject(m) && m.mountPath === KONNECT_CERT_MOUNT));
  proxy.volumeMounts = [...mounts, { name: KONNECT_CERT_VOLUME, mountPath: KONNECT_CERT_MOUNT, readOnly: true }];
  const volumes = (Array.isArray(podSpec.volumes) ? podSpec.volumes : []).filter((v) => !(isObject(v) && v.name === KONNECT_CERT_VOLUME));
  podSpec.volumes = [...volumes, { name: KONNECT_CERT_VOLUME, secret: { secretName: konnect.secretName } }];
}

interface IngressPort { name?: string; port: number; targetPort?: number | string; nodePort?: number }

export function desiredIngressService(dataPlane: KubeObject): KubeObject {
  const ingress = at(spec(dataPlane), 'network', 'services', 'ingress');
  const userPorts = at(ingress, 'ports') as IngressPort[] | undefined;
  const servicePorts = (userPorts && userPorts.length > 0 ? userPorts : [
    { name: 'http', port: 80, targetPort: ports.proxy },
    { name: 'https', port: 443, targetPort: ports.proxySsl },
  ]).map((p) => ({
    ...(p.name ? { name: p.name } : {}), protocol: 'TCP', port: p.port, targetPort: p.targetPort ?? p.port,
    ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
  }));
  const name = at(ingress, 'name');
  const type = (at(ingress, 'type') as string | undefined) ?? 'LoadBalancer';
  const policy = at(ingress, 'externalTrafficPolicy');
  const userLabels = at(ingress, 'labels');
  const annotations = at(ingress, 'annotations');
  const metadata = baseMetadata(dataPlane, 'ingress-service', `dataplane-ingress-${dataPlane.metadata.name}-`,
    isObject(userLabels) ? (userLabels as Record<string, string>) : {});
  metadata.labels![labels.serviceType] = 'ingress';
  if (typeof name === 'string' && name) {
    delete metadata.generateName;
    metadata.name = name;
  }
  if (isObject(annotations) && Object.keys(annotations).length > 0) metadata.annotations = annotations as Record<string, string>;
  return {
    apiVersion: 'v1', kind: 'Service', metadata,
    spec: {
      type, selector: serviceSelector(dataPlane), ports: servicePorts,
      ...(typeof policy === 'string' ? { externalTrafficPolicy: policy } : {}),
    },
  };
}

export function desiredAdminService(dataPlane: KubeObject): KubeObject {
  const metadata = baseMetadata(dataPlane, 'admin-service', `dataplane-admin-${dataPlane.metadata.name}-`);
  metadata.labels![labels.serviceType] = 'admin';
  return {
    apiVersion: 'v1', kind: 'Service', metadata,
    spec: {
      type: 'ClusterIP', clusterIP: 'None', publishNotReadyAddresses: true,
      selector: podSelectorLabels(dataPlane),
      ports: [{ name: 'admin', protocol: 'TCP', port: ports.admin, targetPort: ports.admin }],
    },
  };
}

/** The ingress selector: `app: <dp>` unless the DataPlane carries the selector override annotation. */
export function serviceSelector(dataPlane: KubeObject): Record<string, string> {
  const override = dataPlane.metadata.annotations?.[SERVICE_SELECTOR_OVERRIDE_ANNOTATION];
  if (override) {
    const pairs = override.split(',').map((kv) => kv.trim().split('=')).filter((kv) => kv.length === 2 && kv[0] && kv[1]);
    if (pairs.length > 0) return Object.fromEntries(pairs as [string, string][]);
  }
  return { [labels.app]: dataPlane.metadata.name! };
}

/** Metadata and type of the admin certificate Secret (its data is issued, not computed). */
export function desiredCertificateSecret(dataPlane: KubeObject, data: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Secret',
    metadata: baseMetadata(dataPlane, 'admin-certificate', `dataplane-${dataPlane.metadata.name}-`),
    type: 'kubernetes.io/tls', data,
  };
}
