// Names, labels, ports and defaults of what the DataPlane controller provisions (KGO 1.5
// facts, section 6 of ../shared/reference/kgo-facts.md), in one place.
import type { ResourceDescriptor } from '../runtime/types.ts';

export const DATAPLANE_GROUP = 'gateway-operator.konghq.com';
export const dataPlaneResource: ResourceDescriptor = { group: DATAPLANE_GROUP, version: 'v1beta1', kind: 'DataPlane', plural: 'dataplanes', namespaced: true };
/** The old-group KonnectExtension of the seed walkthrough (KGO 1.4/1.5). */
export const gatewayOperatorKonnectExtensionResource: ResourceDescriptor = { group: DATAPLANE_GROUP, version: 'v1alpha1', kind: 'KonnectExtension', plural: 'konnectextensions', namespaced: true };
/** konnect.konghq.com KonnectExtension, read in the storage version (v1alpha1 objects are converted by the apiserver). */
export const konnectExtensionResource: ResourceDescriptor = { group: 'konnect.konghq.com', version: 'v1alpha2', kind: 'KonnectExtension', plural: 'konnectextensions', namespaced: true };
export const konnectControlPlaneResource: ResourceDescriptor = { group: 'konnect.konghq.com', version: 'v1alpha2', kind: 'KonnectGatewayControlPlane', plural: 'konnectgatewaycontrolplanes', namespaced: true };

export const FIELD_MANAGER = 'kongward-dataplane';

export const labels = {
  managedBy: 'gateway-operator.konghq.com/managed-by',
  managedByName: 'gateway-operator.konghq.com/managed-by-name',
  managedByNamespace: 'gateway-operator.konghq.com/managed-by-namespace',
  selector: 'gateway-operator.konghq.com/selector',
  serviceType: 'gateway-operator.konghq.com/dataplane-service-type',
  /** kongward's own: which of the DataPlane's objects this is (how objects are found again). */
  part: 'kongward.konghq.com/dataplane-part',
  appManagedBy: 'app.kubernetes.io/managed-by',
  app: 'app',
} as const;

export const MANAGED_BY_VALUE = 'dataplane';
export const SERVICE_SELECTOR_OVERRIDE_ANNOTATION = 'gateway-operator.konghq.com/service-selector-override';

/** The objects one DataPlane owns; the value of the `part` label. */
export const parts = ['deployment', 'ingress-service', 'admin-service', 'admin-certificate'] as const;
export type Part = (typeof parts)[number];

export const PROXY_CONTAINER = 'proxy';
export const DEFAULT_IMAGE = 'kong/kong-gateway:3.9';
export const ports = { proxy: 8000, proxySsl: 8443, status: 8100, admin: 8444 } as const;
export const CLUSTER_CERT_VOLUME = 'cluster-certificate';
export const CLUSTER_CERT_MOUNT = '/var/cluster-certificate';
export const KONNECT_CERT_VOLUME = 'kong-cluster-cert';
export const KONNECT_CERT_MOUNT = '/etc/secrets/kong-cluster-cert';

/** Proxy environment defaults (KGO internal/utils/config/dataplane.go), in this order. */
export const defaultProxyEnv: readonly (readonly [string, string])[] = [
  ['KONG_ADMIN_ACCESS_LOG', '/dev/stdout'],
  ['KONG_ADMIN_ERROR_LOG', '/dev/stderr'],
  ['KONG_ADMIN_GUI_ACCESS_LOG', '/dev/stdout'],
  ['KONG_ADMIN_GUI_ERROR_LOG', '/dev/stderr'],
  ['KONG_ADMIN_LISTEN', '0.0.0.0:8444 ssl reuseport backlog=16384'],
  ['KONG_ADMIN_SSL_CERT', `${CLUSTER_CERT_MOUNT}/tls.crt`],
  ['KONG_ADMIN_SSL_CERT_KEY', `${CLUSTER_CERT_MOUNT}/tls.key`],
  ['KONG_CLUSTER_LISTEN', 'off'],
  ['KONG_DATABASE', 'off'],
  ['KONG_NGINX_ADMIN_SSL_CLIENT_CERTIFICATE', `${CLUSTER_CERT_MOUNT}/ca.crt`],
  ['KONG_NGINX_ADMIN_SSL_VERIFY_CLIENT', 'on'],
  ['KONG_NGINX_ADMIN_SSL_VERIFY_DEPTH', '3'],
  ['KONG_NGINX_WORKER_PROCESSES', '2'],
  ['KONG_PORTAL_API_ACCESS_LOG', '/dev/stdout'],
  ['KONG_PORTAL_API_ERROR_LOG', '/dev/stderr'],
  ['KONG_PORT_MAPS', '80:8000, 443:8443'],
  ['KONG_PROXY_ACCESS_LOG', '/dev/stdout'],
  ['KONG_PROXY_ERROR_LOG', '/dev/stderr'],
  ['KONG_ROUTER_FLAVOR', 'traditional_compatible'],
  ['KONG_PROXY_LISTEN', '0.0.0.0:8000 reuseport backlog=16384, 0.0.0.0:8443 http2 ssl reuseport backlog=16384'],
  ['KONG_STATUS_LISTEN', '0.0.0.0:8100'],
];

/** Condition types and reasons (Kong's names). */
export const conditionTypes = { ready: 'Ready', konnectExtensionApplied: 'KonnectExtensionApplied', acceptedExtensions: 'AcceptedExtensions' } as const;
export const readyReasons = {
  podsReady: 'PodsReady',
  podsNotReady: 'PodsNotReady',
  waiting: 'WaitingToBecomeReady',
  dependenciesNotReady: 'DependenciesNotReady',
  createdOrUpdated: 'ResourceCreatedOrUpdated',
  unableToProvision: 'UnableToProvision',
  validationFailed: 'ValidationFailed',
  referencedResourcesNotAvailable: 'ReferencedResourcesNotAvailable',
} as const;
export const WAITING_MESSAGE = 'Waiting for the resource to become ready';
export const extensionReasons = {
  applied: 'KonnectExtensionApplied',
  refNotPermitted: 'RefNotPermitted',
  invalidExtension: 'InvalidExtension',
  invalidSecret: 'InvalidSecret',
  notReady: 'KonnectExtensionNotReady',
} as const;
export type ExtensionReason = (typeof extensionReasons)[keyof typeof extensionReasons];
