// Pieces the Gateway API CRDs (GatewayClass, Gateway; v1 and v1beta1 share one schema) repeat:
// the exact patterns, object references, route kinds and status conditions.
import { z } from 'zod';
import { atomicList, atomicStruct, formatted, integer, k8s, listMap } from '../kit.ts';
import { labelSelectorRequirement } from '../common/core/references.ts';

/** Patterns exactly as the upstream CRDs spell them (kept as text: RegExp.source would escape `/`). */
export const patterns = {
  group: String.raw`^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`,
  kind: String.raw`^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$`,
  namespace: String.raw`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`,
  sectionName: String.raw`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`,
  hostname: String.raw`^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`,
  controllerName: String.raw`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$`,
  protocol: String.raw`^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$`,
  addressType: String.raw`^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$`,
  labelValue: String.raw`^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$`,
  conditionReason: String.raw`^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$`,
  conditionType: String.raw`^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$`,
};

/** A string with optional length bounds and a pattern kept verbatim. */
export function text(bounds: { min?: number; max?: number; pattern?: string } = {}) {
  let schema = z.string();
  if (bounds.min !== undefined) schema = schema.min(bounds.min);
  if (bounds.max !== undefined) schema = schema.max(bounds.max);
  return bounds.pattern ? k8s(schema, { openapi: { pattern: bounds.pattern } }) : schema;
}

export const group = () => text({ max: 253, pattern: patterns.group });
export const kind = () => text({ min: 1, max: 63, pattern: patterns.kind });
export const objectName = () => text({ min: 1, max: 253 });
export const namespace = () => text({ min: 1, max: 63, pattern: patterns.namespace });
export const sectionName = () => text({ min: 1, max: 253, pattern: patterns.sectionName });
export const hostname = () => text({ min: 1, max: 253, pattern: patterns.hostname });
export const portNumber = () => integer('int32').min(1).max(65535);

/** SecretObjectReference: group defaults to core, kind to Secret. */
export const secretObjectReference = z.object({
  group: group().default(''),
  kind: kind().default('Secret'),
  name: objectName(),
  namespace: namespace().optional(),
});

/** ObjectReference with group and kind required (CA certificate references). */
export const objectReference = z.object({
  group: group(),
  kind: kind(),
  name: objectName(),
  namespace: namespace().optional(),
});

/** RouteGroupKind: group defaults to gateway.networking.k8s.io. */
export const routeGroupKind = z.object({
  group: group().default('gateway.networking.k8s.io'),
  kind: kind(),
});

/** metav1.LabelSelector as the Gateway API CRDs embed it. */
export const labelSelector = atomicStruct(z.object({
  matchExpressions: atomicList(labelSelectorRequirement).optional(),
  matchLabels: z.record(z.string(), z.string()).optional(),
}));

/** A map with bounded string values and a maximum number of entries (tls options, annotations). */
export function boundedMap(maxProperties: number, value: z.ZodType) {
  return k8s(z.record(z.string(), value), { openapi: { maxProperties } });
}

export const condition = z.object({
  lastTransitionTime: formatted('date-time'),
  message: z.string().max(32768),
  observedGeneration: integer('int64').min(0).optional(),
  reason: text({ min: 1, max: 1024, pattern: patterns.conditionReason }),
  status: z.enum(['True', 'False', 'Unknown']),
  type: text({ max: 316, pattern: patterns.conditionType }),
});

/** The condition a fresh object carries until a controller reports. */
export function waitingFor(type: string) {
  return { lastTransitionTime: '1970-01-01T00:00:00Z', message: 'Waiting for controller', reason: 'Pending', status: 'Unknown' as const, type };
}

/** `conditions` (list-map by type, at most 8), optionally with a default. */
export function conditionList() {
  return listMap(condition, ['type']).max(8);
}
