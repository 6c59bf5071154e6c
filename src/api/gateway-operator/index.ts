// gateway-operator.konghq.com: the operator's own kinds (including the old-group KonnectExtension).
import { createRequire } from 'node:module';
import { lazyKind, type KindEntry } from '../lazy-kind.ts';

// Each kind module is evaluated on first lookup (see lazy-kind.ts).
const lazyRequire = createRequire(import.meta.url);

export const gatewayOperatorKinds: KindEntry[] = [
  lazyKind('gateway-operator.konghq.com', 'DataPlane', () => lazyRequire('./v1beta1/dataplane.ts').dataPlaneKind),
  lazyKind('gateway-operator.konghq.com', 'ControlPlane', () => lazyRequire('./controlplane.ts').controlPlaneKind),
  lazyKind('gateway-operator.konghq.com', 'GatewayConfiguration', () => lazyRequire('./gatewayconfiguration.ts').gatewayConfigurationKind),
  lazyKind('gateway-operator.konghq.com', 'DataPlaneMetricsExtension', () => lazyRequire('./v1alpha1/dataplanemetricsextension.ts').dataPlaneMetricsExtensionKind),
  lazyKind('gateway-operator.konghq.com', 'KongPluginInstallation', () => lazyRequire('./v1alpha1/kongplugininstallation.ts').kongPluginInstallationKind),
  lazyKind('gateway-operator.konghq.com', 'KonnectExtension', () => lazyRequire('./v1alpha1/konnectextension.ts').gatewayOperatorKonnectExtensionKind),
];
