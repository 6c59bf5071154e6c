// konnect.konghq.com: the kinds kongward knows in this group (the registry reads this list).
import type { KindDefinition } from '../types.ts';
import { konnectAPIAuthConfigurationKind } from './v1alpha1/konnectapiauthconfiguration.ts';
import { konnectGatewayControlPlaneKind } from './konnectgatewaycontrolplane.ts';
import { konnectExtensionKind } from './konnectextension.ts';
import { konnectCloudGatewayNetworkKind } from './v1alpha1/konnectcloudgatewaynetwork.ts';
import { konnectCloudGatewayDataPlaneGroupConfigurationKind } from './v1alpha1/konnectcloudgatewaydataplanegroupconfiguration.ts';

export const konnectKinds: KindDefinition[] = [
  konnectAPIAuthConfigurationKind,
  konnectGatewayControlPlaneKind,
  konnectExtensionKind,
  konnectCloudGatewayNetworkKind,
  konnectCloudGatewayDataPlaneGroupConfigurationKind,
];
