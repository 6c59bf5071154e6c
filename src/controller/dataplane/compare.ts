// Desired vs actual on the fields we own. `covers` is the drift test: every field the desired
// object sets must be present with the same value (extra fields the apiserver defaults, or
// labels and annotations others add, are fine), and owned lists must match item for item (a
// container or env var someone added is drift). `withOwnedFields` builds the update body.
import type { KubeObject, OwnerReference } from '../runtime/types.ts';
import { isObject, type Json } from './merge.ts';

export function covers(desired: unknown, actual: unknown): boolean {
  if (Array.isArray(desired)) {
    return Array.isArray(actual) && actual.length === desired.length && desired.every((d, i) => covers(d, actual[i]));
  }
  if (isObject(desired)) {
    if (!isObject(actual)) return false;
    for (const [k, v] of Object.entries(desired)) if (!covers(v, actual[k])) return false;
    return true;
  }
  return desired === actual;
}

const hasOwner = (actual: KubeObject, ref: OwnerReference) =>
  (actual.metadata.ownerReferences ?? []).some((r) => r.uid === ref.uid && r.controller === true && r.kind === ref.kind);

/** Which owned parts differ (empty when the object is as desired). */
export function drift(desired: KubeObject, actual: KubeObject, fields: string[]): string[] {
  const out: string[] = [];
  if (!covers(desired.metadata.labels ?? {}, actual.metadata.labels ?? {})) out.push('metadata.labels');
  if (!covers(desired.metadata.annotations ?? {}, actual.metadata.annotations ?? {})) out.push('metadata.annotations');
  for (const ref of desired.metadata.ownerReferences ?? []) if (!hasOwner(actual, ref)) out.push('metadata.ownerReferences');
  for (const field of fields) if (!covers(desired[field], actual[field])) out.push(field);
  return out;
}

/**
 * The actual object with our fields put back: labels and annotations merged over theirs, our
 * owner reference, and each owned top-level field (`spec`, `type`, ...) replaced. Keeps
 * metadata.resourceVersion, so the update is conditional on what we compared against.
 */
export function withOwnedFields(desired: KubeObject, actual: KubeObject, fields: string[], keep: (field: string, desired: Json, actual: unknown) => Json = (_f, d) => d): KubeObject {
  const ours = desired.metadata.ownerReferences ?? [];
  const others = (actual.metadata.ownerReferences ?? []).filter((r) => !ours.some((o) => o.uid === r.uid));
  const out: KubeObject = {
    ...actual,
    metadata: {
      ...actual.metadata,
      labels: { ...actual.metadata.labels, ...desired.metadata.labels },
      ...(desired.metadata.annotations || actual.metadata.annotations ? { annotations: { ...actual.metadata.annotations, ...desired.metadata.annotations } } : {}),
      ownerReferences: [...others, ...ours],
    },
  };
  delete out.metadata.managedFields;
  for (const field of fields) {
    if (desired[field] !== undefined) out[field] = keep(field, structuredClone(desired[field]) as Json, actual[field]);
  }
  return out;
}

/** Service specs: what the apiserver allocated (cluster IPs, node ports, health check port) is kept. */
export function keepServiceAllocations(field: string, desired: Json, actual: unknown): Json {
  if (field !== 'spec' || !isObject(desired) || !isObject(actual)) return desired;
  const out = { ...desired };
  for (const k of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'healthCheckNodePort'] as const) {
    if (out[k] === undefined && actual[k] !== undefined) out[k] = actual[k] as Json;
  }
  if (Array.isArray(out.ports) && Array.isArray(actual.ports)) {
    const previous = actual.ports as Json[];
    out.ports = out.ports.map((p) => {
      if (!isObject(p) || p.nodePort !== undefined) return p;
      const old = previous.find((q) => isObject(q) && q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      return isObject(old) && typeof old.nodePort === 'number' && out.type !== 'ClusterIP' ? { ...p, nodePort: old.nodePort } : p;
    });
  }
  return out;
}
