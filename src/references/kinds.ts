// Which references kongward checks at admission, as data: for every referencing kind, where its
// control plane reference and its parent references sit, which kind they name, and which
// control plane cluster types it cannot attach to. Generic code (refs.ts, checks.ts, the
// caches) reads these tables; no kind is special-cased anywhere else.
import { findKind } from '../api/registry.ts';
import { isPlainObject } from '../validation/values.ts';

export const CONFIGURATION = 'configuration.konghq.com';
export const KONNECT = 'konnect.konghq.com';

export const CLUSTER_TYPE_KIC = 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER';
export const CLUSTER_TYPE_GROUP = 'CLUSTER_TYPE_CONTROL_PLANE_GROUP';
export const CLUSTER_TYPE_DEFAULT = 'CLUSTER_TYPE_CONTROL_PLANE';

/** A name (and optional namespace) read from a reference field. */
export interface NamedRef {
  name: string;
  namespace?: string;
}

/** Reads one reference object; undefined when it does not name a Kubernetes object. */
export type RefReader = (value: unknown) => NamedRef | undefined;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function named(value: unknown): NamedRef | undefined {
  if (!isPlainObject(value)) return undefined;
  const name = str(value.name);
  if (!name) return undefined;
  const namespace = str(value.namespace);
  return namespace ? { name, namespace } : { name };
}

export const readers = {
  /** `{name, namespace?}` */
  named,
  /** `{type: namespacedRef, namespacedRef: {name, namespace?}}` (type may be omitted). */
  namespacedRef: (value: unknown) =>
    isPlainObject(value) && (value.type === undefined || value.type === 'namespacedRef') ? named(value.namespacedRef) : undefined,
  /** A plugin binding target `{group, kind, name}` naming the given Kong kind. */
  target: (kind: string): RefReader => (value) =>
    isPlainObject(value) && value.kind === kind && value.group === CONFIGURATION ? named({ name: value.name }) : undefined,
  /** A pluginRef of the given kind (`kind` defaults to KongPlugin). */
  plugin: (kind: string): RefReader => (value) =>
    isPlainObject(value) && (value.kind ?? 'KongPlugin') === kind ? named(value) : undefined,
} satisfies Record<string, unknown>;

/** `spec.controlPlaneRef`-like fields: `{type, konnectNamespacedRef: {name, namespace?}}`. */
export function readControlPlaneRef(value: unknown, defaultType: string): NamedRef | undefined {
  if (!isPlainObject(value)) return undefined;
  const type = value.type ?? defaultType;
  return type === 'konnectNamespacedRef' ? named(value.konnectNamespacedRef) : undefined;
}

export interface ControlPlaneRefSpec {
  path: readonly string[];
  /** The schema default of `type` when omitted. */
  defaultType: 'kic' | 'konnectNamespacedRef';
  /** Cluster types this kind can never attach to. */
  deniedClusterTypes: readonly string[];
}

export interface ParentRefSpec {
  path: readonly string[];
  kind: string;
  read: RefReader;
  /** Both sides must be on the same control plane (entities nested in Konnect). */
  sameControlPlane: boolean;
}

export interface ReferencingKind {
  group: string;
  kind: string;
  /** Only these served versions (default: all). */
  versions?: readonly string[];
  controlPlaneRef?: ControlPlaneRefSpec;
  parents?: readonly ParentRefSpec[];
}

const CP_REF = ['spec', 'controlPlaneRef'] as const;
// Konnect refuses writes of core entities on KIC control planes (403 "operation not permitted on
// KIC cluster") and KGO refuses attaching entities to control plane groups.
const entityRef = (defaultType: 'kic' | 'konnectNamespacedRef' = 'kic'): ControlPlaneRefSpec => ({
  path: CP_REF,
  defaultType,
  deniedClusterTypes: [CLUSTER_TYPE_KIC, CLUSTER_TYPE_GROUP],
});
const parent = (path: readonly string[], kind: string, read: RefReader = readers.named, sameControlPlane = true): ParentRefSpec => ({
  path,
  kind,
  read,
  sameControlPlane,
});
const credential = (kind: string): ReferencingKind => ({ group: CONFIGURATION, kind, parents: [parent(['spec', 'consumerRef'], 'KongConsumer')] });

export const referencingKinds: readonly ReferencingKind[] = [
  { group: CONFIGURATION, kind: 'KongService', controlPlaneRef: entityRef() },
  { group: CONFIGURATION, kind: 'KongRoute', controlPlaneRef: entityRef(), parents: [parent(['spec', 'serviceRef'], 'KongService', readers.namespacedRef)] },
  { group: CONFIGURATION, kind: 'KongUpstream', controlPlaneRef: entityRef() },
  { group: CONFIGURATION, kind: 'KongTarget', parents: [parent(['spec', 'upstreamRef'], 'KongUpstream')] },
  { group: CONFIGURATION, kind: 'KongCertificate', controlPlaneRef: entityRef() },
  { group: CONFIGURATION, kind: 'KongCACertificate', controlPlaneRef: entityRef() },
  { group: CONFIGURATION, kind: 'KongSNI', parents: [parent(['spec', 'certificateRef'], 'KongCertificate')] },
  { group: CONFIGURATION, kind: 'KongKeySet', controlPlaneRef: entityRef() },
  { group: CONFIGURATION, kind: 'KongKey', controlPlaneRef: entityRef(), parents: [parent(['spec', 'keySetRef'], 'KongKeySet', readers.namespacedRef)] },
  { group: CONFIGURATION, kind: 'KongConsumer', controlPlaneRef: entityRef() },
  { group: CONFIGURATION, kind: 'KongConsumerGroup', controlPlaneRef: entityRef() },
  { group: CONFIGURATION, kind: 'KongVault', controlPlaneRef: entityRef() },
  // KO exempts data plane certificates from the group check, and KIC control planes take them
  // (KonnectExtension provisions one for KIC-type control planes).
  { group: CONFIGURATION, kind: 'KongDataPlaneClientCertificate', controlPlaneRef: { path: CP_REF, defaultType: 'kic', deniedClusterTypes: [] } },
  {
    group: CONFIGURATION,
    kind: 'KongPluginBinding',
    controlPlaneRef: entityRef(),
    parents: [
      parent(['spec', 'pluginRef'], 'KongPlugin', readers.plugin('KongPlugin'), false),
      parent(['spec', 'pluginRef'], 'KongClusterPlugin', readers.plugin('KongClusterPlugin'), false),
      parent(['spec', 'targets', 'routeRef'], 'KongRoute', readers.target('KongRoute')),
      parent(['spec', 'targets', 'serviceRef'], 'KongService', readers.target('KongService')),
      parent(['spec', 'targets', 'consumerRef'], 'KongConsumer'),
      parent(['spec', 'targets', 'consumerGroupRef'], 'KongConsumerGroup'),
    ],
  },
  credential('KongCredentialACL'),
  credential('KongCredentialAPIKey'),
  credential('KongCredentialBasicAuth'),
  credential('KongCredentialHMAC'),
  credential('KongCredentialJWT'),
  { group: KONNECT, kind: 'KonnectGatewayControlPlane', parents: [parent(['spec', 'konnect', 'authRef'], 'KonnectAPIAuthConfiguration', readers.named, false)] },
  { group: KONNECT, kind: 'KonnectCloudGatewayNetwork', parents: [parent(['spec', 'konnect', 'authRef'], 'KonnectAPIAuthConfiguration', readers.named, false)] },
  // KonnectExtension maps the control plane's cluster type onto the data plane's settings: KIC
  // control planes are supported (KONG_ROLE=traditional); v1alpha1 (KGO 1.5) knows no other
  // type than ControlPlane and K8SIngressController, v1alpha2 adds ControlPlaneGroup.
  {
    group: KONNECT,
    kind: 'KonnectExtension',
    versions: ['v1alpha1'],
    controlPlaneRef: { path: ['spec', 'konnect', 'controlPlane', 'ref'], defaultType: 'kic', deniedClusterTypes: [CLUSTER_TYPE_GROUP] },
  },
  {
    group: KONNECT,
    kind: 'KonnectExtension',
    versions: ['v1alpha2'],
    controlPlaneRef: { path: ['spec', 'konnect', 'controlPlane', 'ref'], defaultType: 'konnectNamespacedRef', deniedClusterTypes: [] },
  },
];

/** Kinds whose DELETE is reviewed: what still references them is named in a warning. */
export const deletionTargets = [
  { group: KONNECT, kind: 'KonnectGatewayControlPlane', index: 'controlPlane' },
  { group: KONNECT, kind: 'KonnectAPIAuthConfiguration', index: 'authRef' },
] as const;

export function referencingKind(group: string, kind: string, version: string): ReferencingKind | undefined {
  return referencingKinds.find((k) => k.group === group && k.kind === kind && (!k.versions || k.versions.includes(version)));
}

/** Every referencing spec of one kind (any version): what its cached copy must keep. */
export function referencingSpecsOf(kind: string): ReferencingKind[] {
  return referencingKinds.filter((k) => k.kind === kind);
}

export function isClusterScoped(kind: string): boolean {
  const group = kind.startsWith('Konnect') ? KONNECT : CONFIGURATION;
  return findKind(group, kind)?.scope === 'Cluster';
}

export function groupOf(kind: string): string {
  return kind.startsWith('Konnect') ? KONNECT : CONFIGURATION;
}

export function getPath(object: unknown, path: readonly string[]): unknown {
  let value = object;
  for (const key of path) {
    if (!isPlainObject(value)) return undefined;
    value = value[key];
  }
  return value;
}
