// konnect.konghq.com: the kinds kongward knows in this group (the registry reads this list).
import { createRequire } from 'node:module';
import { lazyKind, type KindEntry } from '../lazy-kind.ts';

// Each kind module is evaluated on first lookup (see lazy-kind.ts).
const lazyRequire = createRequire(import.meta.url);

export const konnectKinds: KindEntry[] = [
  lazyKind('konnect.konghq.com', 'KonnectAPIAuthConfiguration', () => lazyRequire('./v1alpha1/konnectapiauthconfiguration.ts').konnectAPIAuthConfigurationKind),
  lazyKind('konnect.konghq.com', 'KonnectGatewayControlPlane', () => lazyRequire('./konnectgatewaycontrolplane.ts').konnectGatewayControlPlaneKind),
  lazyKind('konnect.konghq.com', 'KonnectExtension', () => lazyRequire('./konnectextension.ts').konnectExtensionKind),
  lazyKind('konnect.konghq.com', 'KonnectCloudGatewayNetwork', () => lazyRequire('./v1alpha1/konnectcloudgatewaynetwork.ts').konnectCloudGatewayNetworkKind),
  lazyKind('konnect.konghq.com', 'KonnectCloudGatewayDataPlaneGroupConfiguration', () => lazyRequire('./v1alpha1/konnectcloudgatewaydataplanegroupconfiguration.ts').konnectCloudGatewayDataPlaneGroupConfigurationKind),
];
