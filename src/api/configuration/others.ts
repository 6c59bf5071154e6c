// configuration.konghq.com kinds beside the Konnect entities: plugins and their bindings,
// credentials, vaults, licenses, custom entities, reference grants, upstream policies.
import { createRequire } from 'node:module';
import { lazyKind, type KindEntry } from '../lazy-kind.ts';

// Each kind module is evaluated on first lookup (see lazy-kind.ts).
const lazyRequire = createRequire(import.meta.url);

export const configurationOtherKinds: KindEntry[] = [
  lazyKind('configuration.konghq.com', 'KongPlugin', () => lazyRequire('./v1/kongplugin.ts').kongPluginKind),
  lazyKind('configuration.konghq.com', 'KongClusterPlugin', () => lazyRequire('./v1/kongclusterplugin.ts').kongClusterPluginKind),
  lazyKind('configuration.konghq.com', 'KongPluginBinding', () => lazyRequire('./v1alpha1/kongpluginbinding.ts').kongPluginBindingKind),
  lazyKind('configuration.konghq.com', 'KongCredentialACL', () => lazyRequire('./v1alpha1/kongcredentialacl.ts').kongCredentialACLKind),
  lazyKind('configuration.konghq.com', 'KongCredentialAPIKey', () => lazyRequire('./v1alpha1/kongcredentialapikey.ts').kongCredentialAPIKeyKind),
  lazyKind('configuration.konghq.com', 'KongCredentialBasicAuth', () => lazyRequire('./v1alpha1/kongcredentialbasicauth.ts').kongCredentialBasicAuthKind),
  lazyKind('configuration.konghq.com', 'KongCredentialHMAC', () => lazyRequire('./v1alpha1/kongcredentialhmac.ts').kongCredentialHMACKind),
  lazyKind('configuration.konghq.com', 'KongCredentialJWT', () => lazyRequire('./v1alpha1/kongcredentialjwt.ts').kongCredentialJWTKind),
  lazyKind('configuration.konghq.com', 'KongVault', () => lazyRequire('./v1alpha1/kongvault.ts').kongVaultKind),
  lazyKind('configuration.konghq.com', 'KongDataPlaneClientCertificate', () => lazyRequire('./v1alpha1/kongdataplaneclientcertificate.ts').kongDataPlaneClientCertificateKind),
  lazyKind('configuration.konghq.com', 'KongLicense', () => lazyRequire('./v1alpha1/konglicense.ts').kongLicenseKind),
  lazyKind('configuration.konghq.com', 'KongCustomEntity', () => lazyRequire('./v1alpha1/kongcustomentity.ts').kongCustomEntityKind),
  lazyKind('configuration.konghq.com', 'KongReferenceGrant', () => lazyRequire('./v1alpha1/kongreferencegrant.ts').kongReferenceGrantKind),
  lazyKind('configuration.konghq.com', 'KongUpstreamPolicy', () => lazyRequire('./v1beta1/kongupstreampolicy.ts').kongUpstreamPolicyKind),
];
