// Kubernetes metadata on Konnect entities (KGO objects_metadata.go): tags on core entities,
// the same keys as labels on control planes. The `k8s-uid` tag/label is what adoption finds.
import type { KubeObject } from '../runtime/types.ts';

export const MANAGED_BY = 'kongward';
const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 128;
const MAX_LABEL_VALUE = 63;

function metadataPairs(obj: KubeObject): [string, string][] {
  const [group, version] = (obj.apiVersion ?? '').includes('/') ? (obj.apiVersion as string).split('/') : ['', obj.apiVersion ?? ''];
  const pairs: [string, string][] = [
    ['k8s-generation', String(obj.metadata.generation ?? 0)],
    ['k8s-group', group ?? ''],
    ['k8s-kind', obj.kind ?? ''],
    ['k8s-name', obj.metadata.name ?? ''],
    ['k8s-uid', obj.metadata.uid ?? ''],
    ['k8s-version', version ?? ''],
    ['managed-by', MANAGED_BY],
  ];
  if (obj.metadata.namespace) pairs.push(['k8s-namespace', obj.metadata.namespace]);
  return pairs;
}

/**
 * The tags of a core entity: metadata tags, then `spec.tags`, then the `konghq.com/tags`
 * annotation; each cut to 128 characters, de-duplicated, at most 20 (annotation tags dropped
 * first, then spec tags), sorted.
 */
export function entityTags(obj: KubeObject, specTags: readonly string[] = []): string[] {
  const cut = (t: string) => t.slice(0, MAX_TAG_LENGTH);
  const system = metadataPairs(obj).map(([k, v]) => cut(`${k}:${v}`));
  const annotation = (obj.metadata.annotations?.['konghq.com/tags'] ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  const out = new Set<string>();
  for (const tag of [...system, ...specTags.map(cut), ...annotation.map(cut)]) {
    if (out.size >= MAX_TAGS) break;
    if (tag) out.add(tag);
  }
  return [...out].sort();
}

/** Control plane labels: metadata keys (values cut to 63) under the user's labels (user wins). */
export function controlPlaneLabels(obj: KubeObject, userLabels: Record<string, string> = {}): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of metadataPairs(obj)) if (v) labels[k] = v.slice(0, MAX_LABEL_VALUE);
  return { ...labels, ...userLabels };
}
