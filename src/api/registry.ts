// The one list of kinds kongward knows. Adding a kind: write its schema file and add an entry
// to its group's list; the webhook, the CLI, the CRD generator and the controller pick it up.
// A kind's module (and so its schema) is loaded on first lookup, see lazy-kind.ts.
import type { GroupVersionKind, KindDefinition, VersionDefinition } from './types.ts';
import type { KindEntry } from './lazy-kind.ts';
import { configurationEntityKinds } from './configuration/entities.ts';
import { configurationOtherKinds } from './configuration/others.ts';
import { konnectKinds } from './konnect/index.ts';
import { gatewayOperatorKinds } from './gateway-operator/index.ts';
import { gatewayApiKinds } from './gateway-api/index.ts';

/** Every registered kind, unloaded. */
export const kindEntries: readonly KindEntry[] = [
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

const byGroupKind = new Map<string, KindEntry>();
for (const entry of kindEntries) {
  const key = `${entry.group}/${entry.kind}`;
  if (byGroupKind.has(key)) throw new Error(`kind ${key} is registered twice`);
  byGroupKind.set(key, entry);
}

/** Every registered kind's definition, in registry order (loads every kind module). */
export function allKinds(): readonly KindDefinition[] {
  return kindEntries.map((entry) => entry.load());
}

/** The kind's definition (loading its module on first use), or undefined when not registered. */
export function findKind(group: string, kind: string): KindDefinition | undefined {
  return byGroupKind.get(`${group}/${kind}`)?.load();
}

/** `group/kind` of the kinds loaded so far in this process. */
export function loadedKinds(): string[] {
  return kindEntries.filter((entry) => entry.isLoaded()).map((entry) => `${entry.group}/${entry.kind}`);
}

/** Whether kongward has this kind, without loading it. */
export function isRegisteredKind(group: string, kind: string): boolean {
  return byGroupKind.has(`${group}/${kind}`);
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
