// The one list of kinds kongward knows. Adding a kind: write its schema file and add it to
// its group's list; the webhook, the CLI, the CRD generator and the controller pick it up.
import type { GroupVersionKind, KindDefinition, VersionDefinition } from './types.ts';
import { configurationEntityKinds } from './configuration/entities.ts';
import { configurationOtherKinds } from './configuration/others.ts';
import { konnectKinds } from './konnect/index.ts';
import { gatewayOperatorKinds } from './gateway-operator/index.ts';
import { gatewayApiKinds } from './gateway-api/index.ts';

export const kinds: readonly KindDefinition[] = [
  ...configurationEntityKinds,
  ...configurationOtherKinds,
  ...konnectKinds,
  ...gatewayOperatorKinds,
  ...gatewayApiKinds,
];

export interface RegisteredVersion {
  kind: KindDefinition;
  version: VersionDefinition;
}

const byGroupKind = new Map<string, KindDefinition>();
for (const kind of kinds) {
  const key = `${kind.group}/${kind.kind}`;
  if (byGroupKind.has(key)) throw new Error(`kind ${key} is registered twice`);
  byGroupKind.set(key, kind);
}

export function findKind(group: string, kind: string): KindDefinition | undefined {
  return byGroupKind.get(`${group}/${kind}`);
}

/** The definition of one served version, or undefined when kongward does not know it. */
export function findVersion(gvk: GroupVersionKind): RegisteredVersion | undefined {
  const kind = findKind(gvk.group, gvk.kind);
  const version = kind?.versions.find((v) => v.name === gvk.version);
  return kind && version ? { kind, version } : undefined;
}

/** Parses `group/version` (or `v1` for the core group) into its parts. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** `Kind.group` as kube-apiserver names a kind in error messages. */
export function qualifiedKind(kind: KindDefinition): string {
  return kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
}
