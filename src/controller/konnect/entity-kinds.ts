// Every Konnect-backed entity kind as data: its Kubernetes resource, its Konnect endpoint (or
// backend), its parents (how to find them, which condition reports them, where their Konnect id
// goes: URL scope, body field, status field) and the mapping spec -> Konnect body. The generic
// reconciler (entity-reconciler.ts) reads these; nothing else switches over kinds.
import { kongServiceKind } from '../../api/configuration/v1alpha1/kongservice.ts';
import { kongRouteKind } from '../../api/configuration/v1alpha1/kongroute.ts';
import { kongConsumerKind } from '../../api/configuration/v1/kongconsumer.ts';
import { kongConsumerGroupKind } from '../../api/configuration/v1beta1/kongconsumergroup.ts';
import { kongPluginKind } from '../../api/configuration/v1/kongplugin.ts';
import { kongClusterPluginKind } from '../../api/configuration/v1/kongclusterplugin.ts';
import { kongPluginBindingKind } from '../../api/configuration/v1alpha1/kongpluginbinding.ts';
import { kongUpstreamKind } from '../../api/configuration/v1alpha1/kongupstream.ts';
import { kongTargetKind } from '../../api/configuration/v1alpha1/kongtarget.ts';
import { kongCertificateKind } from '../../api/configuration/v1alpha1/kongcertificate.ts';
import { kongCACertificateKind } from '../../api/configuration/v1alpha1/kongcacertificate.ts';
import { kongSNIKind } from '../../api/configuration/v1alpha1/kongsni.ts';
import { kongKeyKind } from '../../api/configuration/v1alpha1/kongkey.ts';
import { kongKeySetKind } from '../../api/configuration/v1alpha1/kongkeyset.ts';
import { kongVaultKind } from '../../api/configuration/v1alpha1/kongvault.ts';
import { kongCredentialBasicAuthKind } from '../../api/configuration/v1alpha1/kongcredentialbasicauth.ts';
import { kongCredentialAPIKeyKind } from '../../api/configuration/v1alpha1/kongcredentialapikey.ts';
import { kongCredentialACLKind } from '../../api/configuration/v1alpha1/kongcredentialacl.ts';
import { kongCredentialJWTKind } from '../../api/configuration/v1alpha1/kongcredentialjwt.ts';
import { kongCredentialHMACKind } from '../../api/configuration/v1alpha1/kongcredentialhmac.ts';
import { kongDataPlaneClientCertificateKind } from '../../api/configuration/v1alpha1/kongdataplaneclientcertificate.ts';
import type { KonnectClient } from '../../konnect/client.ts';
import { coreEntityEndpoints, type EntityEndpoint } from '../../konnect/endpoints.ts';
import type { KubeObject, ResourceDescriptor } from '../runtime/types.ts';
import { coreBackend, dataPlaneCertificateBackend, type EntityBackend } from './backends.ts';
import { descriptorOf, specOf } from './context.ts';
import { consumerGroupMemberships, CONSUMER_GROUP_REFS_VALID, pemSecretUse, pluginConfigSecretUses } from './entity-extras.ts';

type SecretRefSpec = { name?: string; namespace?: string } | undefined;

export interface RefTarget {
  name: string;
  namespace?: string;
  /** A direct Konnect id (e.g. `keySetRef.konnectID`): no object to read. */
  id?: string;
}

export interface ParentSpec {
  /** Key of the resolved object / id. */
  name: string;
  kind: string;
  resource: ResourceDescriptor;
  /** Condition reporting this reference (`KongServiceRefValid`, ...). */
  condition: string;
  ref(obj: KubeObject): RefTarget | undefined;
  /** A list of references (`caCertificateRefs`, `consumerGroups`): when set, `ref` is not used. */
  refs?(obj: KubeObject): RefTarget[];
  /** The reference must be set (a predicate when it depends on the object, e.g. which of two kinds a ref names). */
  required?: boolean | ((obj: KubeObject) => boolean);
  /**
   * A Konnect entity parent: must be Programmed with an id. The id is written to
   * `status.konnect.<statusField>` and sent as `{<field>: {id}}` in the body, or, with
   * `scopeKey`, in the URL of a nested endpoint (`upstreams/{upstreamId}/targets`). A list
   * parent sends `[id, ...]` in `<field>` (none: used by `afterSync` only).
   */
  konnect?: { statusField?: string; field?: string; scopeKey?: string };
}

/** Every target a parent spec points at (one for `ref`, any number for `refs`). */
export function parentTargets(parent: ParentSpec, obj: KubeObject): RefTarget[] {
  if (parent.refs) return parent.refs(obj);
  const one = parent.ref(obj);
  return one ? [one] : [];
}

/**
 * A Secret an object reads Konnect fields from (`secretRef`, a plugin's `configFrom`). `extract`
 * turns the Secret's decoded data into a value or a problem (never quoting the data); `place`
 * puts the value into the body.
 */
export interface SecretUse {
  /** The spec field holding the reference, for messages (`spec.secretRef`, `configFrom`). */
  field: string;
  namespace: string;
  name: string;
  /** The object holding the reference (for KongReferenceGrant: its group, kind, namespace). */
  from: { group: string; kind: string; namespace: string };
  extract(data: Record<string, string>): { value: unknown } | { problem: string };
  place(body: Record<string, unknown>, value: unknown): void;
}

/** Work done after the entity itself is in sync (consumer group memberships). */
export interface AfterSync {
  /** Programmed reason when it fails. */
  reason: string;
  /** Whether to run for this object (skip the Konnect reads when nothing is asked for). */
  wanted(obj: KubeObject, ids: Record<string, string[]>): boolean;
  /** Makes Konnect match; returns the number of writes. */
  run(client: KonnectClient, controlPlaneId: string, entityId: string, ids: Record<string, string[]>): Promise<number>;
}

export interface EntityKind {
  kind: string;
  resource: ResourceDescriptor;
  /** Metrics label and log name (`service`). */
  entityType: string;
  /** Core entity endpoint from the client's table; `backend` overrides it. */
  endpoint?: EntityEndpoint;
  backend?: (client: KonnectClient) => EntityBackend;
  parents: ParentSpec[];
  /** spec -> Konnect body, without tags and parent references. `objects` are resolved non-Konnect parents. */
  body(obj: KubeObject, objects: Record<string, KubeObject>): Record<string, unknown>;
  /** Fields Konnect does not return as written (hashed passwords): never compared. */
  driftIgnore?: string[];
  /** The entity carries k8s tags (default: the endpoint's `tagged`). */
  tagged?: boolean;
  /** KongDataPlaneClientCertificate may attach to a control plane group. */
  allowControlPlaneGroup?: boolean;
  /** Secrets read into the body (resolved after parents; `objects` holds the resolved non-Konnect parents). */
  secrets?(obj: KubeObject, objects: Record<string, KubeObject>): SecretUse[];
  afterSync?: AfterSync;
  /** Explicit adoption (`spec.adopt`) modes this kind accepts (default both). */
  adoptModes?: readonly ('match' | 'override')[];
}

const K8S_ONLY = new Set(['controlPlaneRef', 'adopt', 'tags', 'serviceRef', 'upstreamRef', 'certificateRef', 'keySetRef', 'consumerRef', 'clientCertificateRef', 'caCertificateRefs', 'secretRef', 'secretRefAlt', 'type', 'pluginRef', 'targets', 'scope', 'backend']);

/** The spec's Konnect fields as they are (k8s-only fields dropped, `rename` applied). */
function specFields(obj: KubeObject, rename: Record<string, string> = {}, keep: readonly string[] = []): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(specOf(obj))) {
    if (v === undefined || (K8S_ONLY.has(k) && !keep.includes(k))) continue;
    body[rename[k] ?? k] = v;
  }
  return body;
}

const pick = (source: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));

/** KongService: `url` is split into protocol/host/port/path (Konnect does the same and never returns it). */
function serviceBody(obj: KubeObject): Record<string, unknown> {
  const { url, ...body } = specFields(obj) as Record<string, unknown> & { url?: string };
  if (typeof url === 'string' && url) {
    const u = new URL(url);
    const protocol = u.protocol.replace(/:$/, '');
    Object.assign(body, { protocol, host: u.hostname, port: u.port ? Number(u.port) : protocol === 'https' ? 443 : 80, ...(u.pathname && u.pathname !== '/' ? { path: u.pathname } : {}) });
  }
  return body;
}

const sameNamespaceRef = (value: unknown): RefTarget | undefined => {
  const r = value as { name?: string; namespace?: string } | undefined;
  return r?.name ? { name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) } : undefined;
};
const spec = (obj: KubeObject, field: string) => specOf(obj)[field];
const pluginRefKind = (obj: KubeObject) => (spec(obj, 'pluginRef') as { kind?: string } | undefined)?.kind ?? 'KongPlugin';

const kd = (k: Parameters<typeof descriptorOf>[0]) => descriptorOf(k);
const R = {
  service: kd(kongServiceKind), route: kd(kongRouteKind), consumer: kd(kongConsumerKind), consumerGroup: kd(kongConsumerGroupKind),
  plugin: kd(kongPluginKind), clusterPlugin: kd(kongClusterPluginKind), pluginBinding: kd(kongPluginBindingKind), upstream: kd(kongUpstreamKind), target: kd(kongTargetKind),
  certificate: kd(kongCertificateKind), caCertificate: kd(kongCACertificateKind), sni: kd(kongSNIKind), key: kd(kongKeyKind),
  keySet: kd(kongKeySetKind), vault: kd(kongVaultKind), dpCertificate: kd(kongDataPlaneClientCertificateKind),
};

const consumerParent: ParentSpec = {
  name: 'consumer', kind: 'KongConsumer', resource: R.consumer, condition: 'KongConsumerRefValid', required: true,
  ref: (obj) => sameNamespaceRef(spec(obj, 'consumerRef')),
  konnect: { statusField: 'consumerID', field: 'consumer', scopeKey: 'consumerId' },
};

function credential(kindDef: Parameters<typeof descriptorOf>[0], endpoint: EntityEndpoint, fields: string[], driftIgnore: string[] = []): EntityKind {
  return {
    kind: kindDef.kind, resource: kd(kindDef), entityType: endpoint.entity, endpoint, parents: [consumerParent],
    body: (obj) => pick(specOf(obj), fields), driftIgnore,
  };
}

/** KongPluginBinding target (a Konnect parent referenced by name in the same namespace). */
function bindingTarget(name: string, kind: string, resource: ResourceDescriptor, targetField: string, field: string, statusField: string): ParentSpec {
  return {
    name, kind, resource, condition: `${kind}RefValid`,
    ref: (obj) => {
      const target = (spec(obj, 'targets') as Record<string, { name?: string; kind?: string }> | undefined)?.[targetField];
      if (!target?.name || (target.kind && target.kind !== kind)) return undefined;
      return { name: target.name };
    },
    konnect: { statusField, field },
  };
}

export const entityKinds: readonly EntityKind[] = [
  {
    kind: 'KongService', resource: R.service, entityType: 'service', endpoint: coreEntityEndpoints.service,
    parents: [
      {
        name: 'clientCertificate', kind: 'KongCertificate', resource: R.certificate, condition: 'KongCertificateRefValid',
        ref: (obj) => sameNamespaceRef(spec(obj, 'clientCertificateRef')),
        konnect: { statusField: 'certificateID', field: 'client_certificate' },
      },
      {
        // kongward's condition name (KGO's pattern for list references: Kong<Kind>RefsValid).
        name: 'caCertificates', kind: 'KongCACertificate', resource: R.caCertificate, condition: 'KongCACertificateRefsValid',
        ref: () => undefined,
        refs: (obj) => ((spec(obj, 'caCertificateRefs') as unknown[] | undefined) ?? []).map(sameNamespaceRef).filter((r): r is RefTarget => r !== undefined),
        konnect: { statusField: 'caCertificateIDs', field: 'ca_certificates' },
      },
    ],
    body: serviceBody,
  },
  {
    kind: 'KongRoute', resource: R.route, entityType: 'route', endpoint: coreEntityEndpoints.route,
    parents: [{
      name: 'service', kind: 'KongService', resource: R.service, condition: 'KongServiceRefValid',
      ref: (obj) => sameNamespaceRef((spec(obj, 'serviceRef') as { namespacedRef?: unknown } | undefined)?.namespacedRef),
      konnect: { statusField: 'serviceID', field: 'service' },
    }],
    body: (obj) => specFields(obj),
  },
  {
    kind: 'KongConsumer', resource: R.consumer, entityType: 'consumer', endpoint: coreEntityEndpoints.consumer,
    parents: [{
      // `consumerGroups` (beside spec, KIC heritage): names of KongConsumerGroups in the namespace; memberships, not body fields.
      name: 'consumerGroups', kind: 'KongConsumerGroup', resource: R.consumerGroup, condition: CONSUMER_GROUP_REFS_VALID,
      ref: () => undefined,
      refs: (obj) => (((obj as { consumerGroups?: unknown }).consumerGroups as string[] | undefined) ?? []).map((name) => ({ name })),
      konnect: {},
    }],
    // username / custom_id sit beside spec on KongConsumer.
    body: (obj) => pick(obj as Record<string, unknown>, ['username', 'custom_id']),
    afterSync: consumerGroupMemberships,
  },
  { kind: 'KongConsumerGroup', resource: R.consumerGroup, entityType: 'consumer group', endpoint: coreEntityEndpoints.consumerGroup, parents: [], body: (obj) => specFields(obj) },
  {
    kind: 'KongPluginBinding', resource: R.pluginBinding, entityType: 'plugin', endpoint: coreEntityEndpoints.plugin,
    parents: [
      // pluginRef names a KongPlugin (same namespace, the default) or a cluster-scoped KongClusterPlugin.
      {
        name: 'plugin', kind: 'KongPlugin', resource: R.plugin, condition: 'KongPluginRefValid', required: (obj) => pluginRefKind(obj) === 'KongPlugin',
        ref: (obj) => (pluginRefKind(obj) === 'KongPlugin' ? sameNamespaceRef(spec(obj, 'pluginRef')) : undefined),
      },
      {
        name: 'clusterPlugin', kind: 'KongClusterPlugin', resource: R.clusterPlugin, condition: 'KongPluginRefValid', required: (obj) => pluginRefKind(obj) === 'KongClusterPlugin',
        ref: (obj) => {
          const r = spec(obj, 'pluginRef') as { name?: string } | undefined;
          return pluginRefKind(obj) === 'KongClusterPlugin' && r?.name ? { name: r.name } : undefined;
        },
      },
      bindingTarget('service', 'KongService', R.service, 'serviceRef', 'service', 'serviceID'),
      bindingTarget('route', 'KongRoute', R.route, 'routeRef', 'route', 'routeID'),
      bindingTarget('consumer', 'KongConsumer', R.consumer, 'consumerRef', 'consumer', 'consumerID'),
      bindingTarget('consumerGroup', 'KongConsumerGroup', R.consumerGroup, 'consumerGroupRef', 'consumer_group', 'consumerGroupID'),
    ],
    body: (_obj, objects) => {
      const plugin = (objects.plugin ?? objects.clusterPlugin ?? {}) as Record<string, unknown>;
      const body = pick(plugin, ['config', 'protocols', 'instance_name', 'ordering']);
      return { name: plugin.plugin, enabled: plugin.disabled !== true, ...body };
    },
    secrets: (_obj, objects) => pluginConfigSecretUses(objects.plugin ?? objects.clusterPlugin),
  },
  {
    kind: 'KongUpstream', resource: R.upstream, entityType: 'upstream', endpoint: coreEntityEndpoints.upstream,
    parents: [{
      name: 'clientCertificate', kind: 'KongCertificate', resource: R.certificate, condition: 'KongCertificateRefValid',
      ref: (obj) => sameNamespaceRef(spec(obj, 'clientCertificateRef')),
      konnect: { statusField: 'certificateID', field: 'client_certificate' },
    }],
    body: (obj) => specFields(obj),
  },
  {
    kind: 'KongTarget', resource: R.target, entityType: 'target', endpoint: coreEntityEndpoints.target,
    parents: [{
      name: 'upstream', kind: 'KongUpstream', resource: R.upstream, condition: 'KongUpstreamRefValid', required: true,
      ref: (obj) => sameNamespaceRef(spec(obj, 'upstreamRef')),
      konnect: { statusField: 'upstreamID', field: 'upstream', scopeKey: 'upstreamId' },
    }],
    body: (obj) => pick(specOf(obj), ['target', 'weight']),
  },
  {
    kind: 'KongCertificate', resource: R.certificate, entityType: 'certificate', endpoint: coreEntityEndpoints.certificate, parents: [],
    body: (obj) => pick(specOf(obj), ['cert', 'key', 'cert_alt', 'key_alt']), driftIgnore: ['key', 'key_alt'],
    secrets: (obj) => spec(obj, 'type') !== 'secretRef' ? [] : [
      ...pemSecretUse(obj, 'spec.secretRef', spec(obj, 'secretRef') as SecretRefSpec, { 'tls.crt': 'cert', 'tls.key': 'key' }),
      ...pemSecretUse(obj, 'spec.secretRefAlt', spec(obj, 'secretRefAlt') as SecretRefSpec, { 'tls.crt': 'cert_alt', 'tls.key': 'key_alt' }),
    ],
  },
  {
    kind: 'KongCACertificate', resource: R.caCertificate, entityType: 'CA certificate', endpoint: coreEntityEndpoints.caCertificate, parents: [],
    body: (obj) => pick(specOf(obj), ['cert']),
    secrets: (obj) => spec(obj, 'type') !== 'secretRef' ? [] : pemSecretUse(obj, 'spec.secretRef', spec(obj, 'secretRef') as SecretRefSpec, { 'ca.crt': 'cert' }),
  },
  {
    kind: 'KongSNI', resource: R.sni, entityType: 'SNI', endpoint: coreEntityEndpoints.sni,
    parents: [{
      name: 'certificate', kind: 'KongCertificate', resource: R.certificate, condition: 'KongCertificateRefValid', required: true,
      ref: (obj) => sameNamespaceRef(spec(obj, 'certificateRef')),
      konnect: { statusField: 'certificateID', field: 'certificate', scopeKey: 'certificateId' },
    }],
    body: (obj) => pick(specOf(obj), ['name']),
  },
  {
    kind: 'KongKey', resource: R.key, entityType: 'key', endpoint: coreEntityEndpoints.key,
    parents: [{
      name: 'keySet', kind: 'KongKeySet', resource: R.keySet, condition: 'KeySetRefValid',
      ref: (obj) => {
        const r = spec(obj, 'keySetRef') as { type?: string; namespacedRef?: { name?: string }; konnectID?: string } | undefined;
        if (r?.type === 'konnectID' && r.konnectID) return { name: '', id: r.konnectID };
        return sameNamespaceRef(r?.namespacedRef);
      },
      konnect: { statusField: 'keySetID', field: 'set' },
    }],
    body: (obj) => pick(specOf(obj), ['kid', 'name', 'jwk', 'pem']),
    driftIgnore: ['pem'],
  },
  { kind: 'KongKeySet', resource: R.keySet, entityType: 'key set', endpoint: coreEntityEndpoints.keySet, parents: [], body: (obj) => pick(specOf(obj), ['name']) },
  {
    kind: 'KongVault', resource: R.vault, entityType: 'vault', endpoint: coreEntityEndpoints.vault, parents: [],
    body: (obj) => ({ name: spec(obj, 'backend'), ...pick(specOf(obj), ['prefix', 'description', 'config']) }),
  },
  credential(kongCredentialBasicAuthKind, coreEntityEndpoints.basicAuth, ['username', 'password'], ['password']),
  credential(kongCredentialAPIKeyKind, coreEntityEndpoints.keyAuth, ['key']),
  credential(kongCredentialACLKind, coreEntityEndpoints.acl, ['group']),
  credential(kongCredentialJWTKind, coreEntityEndpoints.jwt, ['key', 'algorithm', 'rsa_public_key', 'secret']),
  credential(kongCredentialHMACKind, coreEntityEndpoints.hmacAuth, ['username', 'secret']),
  {
    kind: 'KongDataPlaneClientCertificate', resource: R.dpCertificate, entityType: 'data plane client certificate',
    backend: dataPlaneCertificateBackend, parents: [], tagged: false, allowControlPlaneGroup: true, adoptModes: ['match'],
    body: (obj) => pick(specOf(obj), ['cert']),
  },
];

export const entityKindByName: ReadonlyMap<string, EntityKind> = new Map(entityKinds.map((k) => [k.kind, k]));

/** The Konnect operations for one kind with one client. */
export function backendFor(kind: EntityKind, client: KonnectClient): EntityBackend {
  if (kind.backend) return kind.backend(client);
  if (!kind.endpoint) throw new Error(`${kind.kind}: no Konnect endpoint or backend`);
  return coreBackend(client, kind.endpoint);
}
