// configuration.konghq.com kinds beside the Konnect entities: plugins and their bindings,
// credentials, vaults, licenses, custom entities, reference grants, upstream policies.
import type { KindDefinition } from '../types.ts';
import { kongPluginKind } from './v1/kongplugin.ts';
import { kongClusterPluginKind } from './v1/kongclusterplugin.ts';
import { kongPluginBindingKind } from './v1alpha1/kongpluginbinding.ts';
import { kongCredentialACLKind } from './v1alpha1/kongcredentialacl.ts';
import { kongCredentialAPIKeyKind } from './v1alpha1/kongcredentialapikey.ts';
import { kongCredentialBasicAuthKind } from './v1alpha1/kongcredentialbasicauth.ts';
import { kongCredentialHMACKind } from './v1alpha1/kongcredentialhmac.ts';
import { kongCredentialJWTKind } from './v1alpha1/kongcredentialjwt.ts';
import { kongVaultKind } from './v1alpha1/kongvault.ts';
import { kongDataPlaneClientCertificateKind } from './v1alpha1/kongdataplaneclientcertificate.ts';
import { kongLicenseKind } from './v1alpha1/konglicense.ts';
import { kongCustomEntityKind } from './v1alpha1/kongcustomentity.ts';
import { kongReferenceGrantKind } from './v1alpha1/kongreferencegrant.ts';
import { kongUpstreamPolicyKind } from './v1beta1/kongupstreampolicy.ts';

export const configurationOtherKinds: KindDefinition[] = [
  kongPluginKind,
  kongClusterPluginKind,
  kongPluginBindingKind,
  kongCredentialACLKind,
  kongCredentialAPIKeyKind,
  kongCredentialBasicAuthKind,
  kongCredentialHMACKind,
  kongCredentialJWTKind,
  kongVaultKind,
  kongDataPlaneClientCertificateKind,
  kongLicenseKind,
  kongCustomEntityKind,
  kongReferenceGrantKind,
  kongUpstreamPolicyKind,
];
