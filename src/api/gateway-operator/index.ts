// gateway-operator.konghq.com: the operator's own kinds (including the old-group KonnectExtension).
import type { KindDefinition } from '../types.ts';
import { dataPlaneKind } from './v1beta1/dataplane.ts';
import { controlPlaneKind } from './controlplane.ts';
import { gatewayConfigurationKind } from './gatewayconfiguration.ts';
import { dataPlaneMetricsExtensionKind } from './v1alpha1/dataplanemetricsextension.ts';
import { kongPluginInstallationKind } from './v1alpha1/kongplugininstallation.ts';
import { gatewayOperatorKonnectExtensionKind } from './v1alpha1/konnectextension.ts';

export const gatewayOperatorKinds: KindDefinition[] = [
  dataPlaneKind,
  controlPlaneKind,
  gatewayConfigurationKind,
  dataPlaneMetricsExtensionKind,
  kongPluginInstallationKind,
  gatewayOperatorKonnectExtensionKind,
];
