// The one list of kinds kongward knows. Adding a kind: write its schema file and add an entry to
// its group's list below; the webhook, the CLI, the CRD generator and the controller pick it up.
// A kind's module (and so its schema) is loaded on first lookup, see lazy-kind.ts.
import { createRequire } from 'node:module';
import type { GroupVersionKind, KindDefinition, VersionDefinition } from './types.ts';
import { lazyKind, type KindEntry } from './lazy-kind.ts';

// Each kind module is evaluated on first lookup (see lazy-kind.ts).
const lazyRequire = createRequire(import.meta.url);

/** configuration.konghq.com: Konnect-backed Kong entities and the consumer kinds. */
export const configurationEntityKinds: readonly KindEntry[] = [
  lazyKind('configuration.konghq.com', 'KongService', () => lazyRequire('./configuration/v1alpha1/kongservice.ts').kongServiceKind),
  lazyKind('configuration.konghq.com', 'KongRoute', () => lazyRequire('./configuration/v1alpha1/kongroute.ts').kongRouteKind),
  lazyKind('configuration.konghq.com', 'KongUpstream', () => lazyRequire('./configuration/v1alpha1/kongupstream.ts').kongUpstreamKind),
  lazyKind('configuration.konghq.com', 'KongTarget', () => lazyRequire('./configuration/v1alpha1/kongtarget.ts').kongTargetKind),
  lazyKind('configuration.konghq.com', 'KongCertificate', () => lazyRequire('./configuration/v1alpha1/kongcertificate.ts').kongCertificateKind),
  lazyKind('configuration.konghq.com', 'KongCACertificate', () => lazyRequire('./configuration/v1alpha1/kongcacertificate.ts').kongCACertificateKind),
  lazyKind('configuration.konghq.com', 'KongSNI', () => lazyRequire('./configuration/v1alpha1/kongsni.ts').kongSNIKind),
  lazyKind('configuration.konghq.com', 'KongKey', () => lazyRequire('./configuration/v1alpha1/kongkey.ts').kongKeyKind),
  lazyKind('configuration.konghq.com', 'KongKeySet', () => lazyRequire('./configuration/v1alpha1/kongkeyset.ts').kongKeySetKind),
  lazyKind('configuration.konghq.com', 'KongConsumer', () => lazyRequire('./configuration/v1/kongconsumer.ts').kongConsumerKind),
  lazyKind('configuration.konghq.com', 'KongConsumerGroup', () => lazyRequire('./configuration/v1beta1/kongconsumergroup.ts').kongConsumerGroupKind),
];

/** configuration.konghq.com: plugins and bindings, credentials, vaults, licenses, custom entities, reference grants, upstream policies. */
export const configurationOtherKinds: readonly KindEntry[] = [
  lazyKind('configuration.konghq.com', 'KongPlugin', () => lazyRequire('./configuration/v1/kongplugin.ts').kongPluginKind),
  lazyKind('configuration.konghq.com', 'KongClusterPlugin', () => lazyRequire('./configuration/v1/kongclusterplugin.ts').kongClusterPluginKind),
  lazyKind('configuration.konghq.com', 'KongPluginBinding', () => lazyRequire('./configuration/v1alpha1/kongpluginbinding.ts').kongPluginBindingKind),
  lazyKind('configuration.konghq.com', 'KongCredentialACL', () => lazyRequire('./configuration/v1alpha1/kongcredentialacl.ts').kongCredentialACLKind),
  lazyKind('configuration.konghq.com', 'KongCredentialAPIKey', () => lazyRequire('./configuration/v1alpha1/kongcredentialapikey.ts').kongCredentialAPIKeyKind),
  lazyKind('configuration.konghq.com', 'KongCredentialBasicAuth', () => lazyRequire('./configuration/v1alpha1/kongcredentialbasicauth.ts').kongCredentialBasicAuthKind),
  lazyKind('configuration.konghq.com', 'KongCredentialHMAC', () => lazyRequire('./configuration/v1alpha1/kongcredentialhmac.ts').kongCredentialHMACKind),
  lazyKind('configuration.konghq.com', 'KongCredentialJWT', () => lazyRequire('./configuration/v1alpha1/kongcredentialjwt.ts').kongCredentialJWTKind),
  lazyKind('configuration.konghq.com', 'KongVault', () => lazyRequire('./configuration/v1alpha1/kongvault.ts').kongVaultKind),
  lazyKind('configuration.konghq.com', 'KongDataPlaneClientCertificate', () => lazyRequire('./configuration/v1alpha1/kongdataplaneclientcertificate.ts').kongDataPlaneClientCertificateKind),
  lazyKind('configuration.konghq.com', 'KongLicense', () => lazyRequire('./configuration/v1alpha1/konglicense.ts').kongLicenseKind),
  lazyKind('configuration.konghq.com', 'KongCustomEntity', () => lazyRequire('./configuration/v1alpha1/kongcustomentity.ts').kongCustomEntityKind),
  lazyKind('configuration.konghq.com', 'KongReferenceGrant', () => lazyRequire('./configuration/v1alpha1/kongreferencegrant.ts').kongReferenceGrantKind),
  lazyKind('configuration.konghq.com', 'KongUpstreamPolicy', () => lazyRequire('./configuration/v1beta1/kongupstreampolicy.ts').kongUpstreamPolicyKind),
];

/** konnect.konghq.com. */
export const konnectKinds: readonly KindEntry[] = [
  lazyKind('konnect.konghq.com', 'KonnectAPIAuthConfiguration', () => lazyRequire('./konnect/v1alpha1/konnectapiauthconfiguration.ts').konnectAPIAuthConfigurationKind),
  lazyKind('konnect.konghq.com', 'KonnectGatewayControlPlane', () => lazyRequire('./konnect/konnectgatewaycontrolplane.ts').konnectGatewayControlPlaneKind),
  lazyKind('konnect.konghq.com', 'KonnectExtension', () => lazyRequire('./konnect/konnectextension.ts').konnectExtensionKind),
  lazyKind('konnect.konghq.com', 'KonnectCloudGatewayNetwork', () => lazyRequire('./konnect/v1alpha1/konnectcloudgatewaynetwork.ts').konnectCloudGatewayNetworkKind),
  lazyKind('konnect.konghq.com', 'KonnectCloudGatewayDataPlaneGroupConfiguration', () => lazyRequire('./konnect/v1alpha1/konnectcloudgatewaydataplanegroupconfiguration.ts').konnectCloudGatewayDataPlaneGroupConfigurationKind),
];

/** gateway-operator.konghq.com: the operator's own kinds (including the old-group KonnectExtension). */
export const gatewayOperatorKinds: readonly KindEntry[] = [
  lazyKind('gateway-operator.konghq.com', 'DataPlane', () => lazyRequire('./gateway-operator/v1beta1/dataplane.ts').dataPlaneKind),
  lazyKind('gateway-operator.konghq.com', 'ControlPlane', () => lazyRequire('./gateway-operator/controlplane.ts').controlPlaneKind),
  lazyKind('gateway-operator.konghq.com', 'GatewayConfiguration', () => lazyRequire('./gateway-operator/gatewayconfiguration.ts').gatewayConfigurationKind),
  lazyKind('gateway-operator.konghq.com', 'DataPlaneMetricsExtension', () => lazyRequire('./gateway-operator/v1alpha1/dataplanemetricsextension.ts').dataPlaneMetricsExtensionKind),
  lazyKind('gateway-operator.konghq.com', 'KongPluginInstallation', () => lazyRequire('./gateway-operator/v1alpha1/kongplugininstallation.ts').kongPluginInstallationKind),
  lazyKind('gateway-operator.konghq.com', 'KonnectExtension', () => lazyRequire('./gateway-operator/v1alpha1/konnectextension.ts').gatewayOperatorKonnectExtensionKind),
];

/** gateway.networking.k8s.io: GatewayClass and Gateway (v1, v1beta1), validated against the upstream standard-channel rules; their CRDs come from upstream, so none is generated here. */
export const gatewayApiKinds: readonly KindEntry[] = [
  lazyKind('gateway.networking.k8s.io', 'GatewayClass', () => lazyRequire('./gateway-api/gatewayclass.ts').gatewayClassKind),
  lazyKind('gateway.networking.k8s.io', 'Gateway', () => lazyRequire('./gateway-api/gateway.ts').gatewayKind),
];

/** Every registered kind, unloaded. */
export const kindEntries: readonly KindEntry[] = [
  ...configurationEntityKinds,
  ...configurationOtherKinds,
  ...konnectKinds,
  ...gatewayOperatorKinds,
  ...gatewayApiKinds,
];

export interface RegisteredVersion {
  kind: KindDefinition;
  version: VersionDefinition;
}

const byGroupKind = new Map<string, KindEntry>();
for (const entry of kindEntries) {
  const key = `${entry.group}/${entry.kind}`;
  if (byGroupKind.has(key)) throw new Error(`kind ${key} is registered twice`);
  byGroupKind.set(key, entry);
}

/** Every registered kind's definition, in registry order (loads every kind module). */
export function allKinds(): readonly KindDefinition[] {
  return kindEntries.map((entry) => entry.load());
}

/** The kind's definition (loading its module on first use), or undefined when not registered. */
export function findKind(group: string, kind: string): KindDefinition | undefined {
  return byGroupKind.get(`${group}/${kind}`)?.load();
}

/** `group/kind` of the kinds loaded so far in this process. */
export function loadedKinds(): string[] {
  return kindEntries.filter((entry) => entry.isLoaded()).map((entry) => `${entry.group}/${entry.kind}`);
}

/** Whether kongward has this kind, without loading it. */
export function isRegisteredKind(group: string, kind: string): boolean {
  return byGroupKind.has(`${group}/${kind}`);
}

/** The definition of one served version, or undefined when kongward does not know it. */
export function findVersion(gvk: GroupVersionKind): RegisteredVersion | undefined {
  const kind = findKind(gvk.group, gvk.kind);
  const version = kind?.versions.find((v) => v.name === gvk.version);
  return kind && version ? { kind, version } : undefined;
}

/** Parses `group/version` (or `v1` for the core group) into its parts. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** `Kind.group` as kube-apiserver names a kind in error messages. */
export function qualifiedKind(kind: KindDefinition): string {
  return kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
}
