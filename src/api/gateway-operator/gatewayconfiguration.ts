// GatewayConfiguration: served as v1beta1 (deprecated) and v2beta1 (storage).
import type { KindDefinition } from '../types.ts';
import { gatewayConfigurationV1beta1 } from './v1beta1/gatewayconfiguration.ts';
import { gatewayConfigurationV2beta1 } from './v2beta1/gatewayconfiguration.ts';

export const gatewayConfigurationKind: KindDefinition = {
  group: 'gateway-operator.konghq.com',
  kind: 'GatewayConfiguration',
  plural: 'gatewayconfigurations',
  singular: 'gatewayconfiguration',
  listKind: 'GatewayConfigurationList',
  scope: 'Namespaced',
  shortNames: ['kogc'],
  categories: ['kong'],
  versions: [gatewayConfigurationV1beta1, gatewayConfigurationV2beta1],
};
