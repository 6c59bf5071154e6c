// GatewayClass (gateway.networking.k8s.io, cluster-scoped): one schema served as v1 (storage)
// and v1beta1, as in the upstream standard-channel CRD (Gateway API v1.6.1). The CRD itself
// comes from upstream (`generateCrd: false`); kongward validates against the same rules.
import { z } from 'zod';
import { cel, listMap, resource, withRules } from '../kit.ts';
import type { KindDefinition, PrinterColumn } from '../types.ts';
import { conditionList, group, kind, namespace, objectName, patterns, text, waitingFor } from './shared.ts';

const parametersReference = z.object({
  group: group(),
  kind: kind(),
  name: objectName(),
  namespace: namespace().optional(),
});

const accepted = [waitingFor('Accepted')];

export const gatewayClassSchema = resource({
  required: ['spec'],
  spec: z.object({
    controllerName: withRules(text({ min: 1, max: 253, pattern: patterns.controllerName }), cel('self == oldSelf', 'Value is immutable')),
    description: z.string().max(64).optional(),
    parametersRef: parametersReference.optional(),
  }),
  status: z
    .object({
      conditions: conditionList().default(accepted),
      supportedFeatures: listMap(z.object({ name: z.string() }), ['name']).max(64).optional(),
    })
    .default({ conditions: accepted } as never),
});

export const gatewayClassPrinterColumns: PrinterColumn[] = [
  { name: 'Controller', type: 'string', jsonPath: '.spec.controllerName' },
  { name: 'Accepted', type: 'string', jsonPath: '.status.conditions[?(@.type=="Accepted")].status' },
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  { name: 'Description', type: 'string', jsonPath: '.spec.description', priority: 1 },
];

export const gatewayClassKind: KindDefinition = {
  group: 'gateway.networking.k8s.io',
  kind: 'GatewayClass',
  plural: 'gatewayclasses',
  singular: 'gatewayclass',
  listKind: 'GatewayClassList',
  scope: 'Cluster',
  shortNames: ['gc'],
  categories: ['gateway-api'],
  generateCrd: false,
  versions: [
    { name: 'v1', served: true, storage: true, schema: gatewayClassSchema, printerColumns: gatewayClassPrinterColumns, subresources: { status: true } },
    { name: 'v1beta1', served: true, storage: false, schema: gatewayClassSchema, printerColumns: gatewayClassPrinterColumns, subresources: { status: true } },
  ],
};
