// Gateway (gateway.networking.k8s.io, namespaced): one schema served as v1 (storage) and
// v1beta1, as in the upstream standard-channel CRD (Gateway API v1.6.1). Kong's limits for
// Gateways of a managed class live in src/gateway/ (they need the GatewayClass).
import { resource } from '../kit.ts';
import type { KindDefinition, PrinterColumn, VersionDefinition } from '../types.ts';
import { addressOneOfCheck } from './address-check.ts';
import { gatewaySpec } from './gateway-spec.ts';
import { gatewayStatus } from './gateway-status.ts';

export const gatewaySchema = resource({ required: ['spec'], spec: gatewaySpec, status: gatewayStatus });

export const gatewayPrinterColumns: PrinterColumn[] = [
  { name: 'Class', type: 'string', jsonPath: '.spec.gatewayClassName' },
  { name: 'Address', type: 'string', jsonPath: '.status.addresses[*].value' },
  { name: 'Programmed', type: 'string', jsonPath: '.status.conditions[?(@.type=="Programmed")].status' },
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

function served(name: string, storage: boolean): VersionDefinition {
  return {
    name,
    served: true,
    storage,
    schema: gatewaySchema,
    printerColumns: gatewayPrinterColumns,
    subresources: { status: true },
    checks: [addressOneOfCheck],
  };
}

export const gatewayKind: KindDefinition = {
  group: 'gateway.networking.k8s.io',
  kind: 'Gateway',
  plural: 'gateways',
  singular: 'gateway',
  listKind: 'GatewayList',
  scope: 'Namespaced',
  shortNames: ['gtw'],
  categories: ['gateway-api'],
  generateCrd: false,
  versions: [served('v1', true), served('v1beta1', false)],
};
