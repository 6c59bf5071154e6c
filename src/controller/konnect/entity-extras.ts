// Table helpers for the parts of a kind that are not a plain spec -> body mapping: Secrets read
// into the body (`secretRef` of certificates, a plugin's `configFrom`/`configPatches`) and consumer
// group memberships written after the consumer itself. Problems name the Secret and the key,
// never the data.
import { parse as parseYaml } from 'yaml';
import type { KonnectClient } from '../../konnect/client.ts';
import type { KubeObject } from '../runtime/types.ts';
import { findCondition } from './conditions.ts';
import { statusOf } from './context.ts';
import type { AfterSync, SecretUse } from './entity-kinds.ts';
import { isPlainObject as isObject } from '../../validation/values.ts';

interface SecretRef {
  name?: string;
  namespace?: string;
}

const fromOf = (obj: KubeObject) => ({ group: (obj.apiVersion ?? '').split('/')[0] ?? '', kind: obj.kind ?? '', namespace: obj.metadata.namespace ?? '' });

/** PEM fields from a Secret: `keys` maps Secret key -> body field (`tls.crt` -> `cert`). */
export function pemSecretUse(obj: KubeObject, field: string, ref: SecretRef | undefined, keys: Record<string, string>): SecretUse[] {
  if (!ref?.name) return [];
  return [{
    field, name: ref.name, namespace: ref.namespace || obj.metadata.namespace || '', from: fromOf(obj),
    extract(data) {
      const value: Record<string, string> = {};
      for (const [key, bodyField] of Object.entries(keys)) {
        const pem = data[key]?.trim();
        if (!pem) return { problem: `has no ${key} key` };
        if (!pem.startsWith('-----BEGIN ')) return { problem: `key ${key} does not hold PEM data` };
        value[bodyField] = pem;
      }
      return { value };
    },
    place: (body, value) => Object.assign(body, value),
  }];
}

function parseConfig(text: string): unknown {
  try {
    return parseYaml(text) as unknown;
  } catch {
    return undefined;
  }
}


/** Sets `value` at a JSON pointer (`/a/b`) below `root`, creating objects on the way. */
export function setAtPointer(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = root;
  for (const part of parts.slice(0, -1)) {
    if (!isObject(node[part])) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts.at(-1);
  if (last !== undefined && last !== '') node[last] = value;
}

/** A KongPlugin's `configFrom` (the whole config from a Secret key) and `configPatches` (values at paths). */
export function pluginConfigSecretUses(plugin: KubeObject | undefined): SecretUse[] {
  if (!plugin) return [];
  const p = plugin as KubeObject & { configFrom?: { secretKeyRef?: SecretRef & { key?: string } }; configPatches?: { path?: string; valueFrom?: { secretKeyRef?: SecretRef & { key?: string } } }[] };
  const uses: SecretUse[] = [];
  const keyUse = (field: string, ref: (SecretRef & { key?: string }) | undefined, wholeConfig: boolean, place: SecretUse['place']): void => {
    if (!ref?.name || !ref.key) return;
    const key = ref.key;
    uses.push({
      field, name: ref.name, namespace: ref.namespace || plugin.metadata.namespace || '', from: fromOf(plugin), place,
      extract(data) {
        const text = data[key];
        if (text === undefined) return { problem: `has no ${key} key` };
        const value = parseConfig(text);
        if (wholeConfig && !isObject(value)) return { problem: `key ${key} does not hold a JSON or YAML object` };
        return { value: value === undefined ? text : value };
      },
    });
  };
  keyUse('configFrom', p.configFrom?.secretKeyRef, true, (body, value) => { body.config = value; });
  (p.configPatches ?? []).forEach((patch, i) => {
    const path = patch.path ?? '';
    keyUse(`configPatches[${i}]`, patch.valueFrom?.secretKeyRef, false, (body, value) => {
      const config = isObject(body.config) ? structuredClone(body.config) : {};
      setAtPointer(config, path, value);
      body.config = config;
    });
  });
  return uses;
}

export const CONSUMER_GROUP_REFS_VALID = 'KongConsumerGroupRefsValid';

/** KongConsumer `consumerGroups`: memberships made to match (added and removed) after the consumer is in sync. */
export const consumerGroupMemberships: AfterSync = {
  reason: 'FailedToAttachConsumerToConsumerGroup',
  // Read memberships only when groups are asked for or were (the condition stays once set).
  wanted: (obj, ids) => (ids.consumerGroups?.length ?? 0) > 0 || findCondition(statusOf(obj).conditions, CONSUMER_GROUP_REFS_VALID) !== undefined,
  async run(client: KonnectClient, controlPlaneId: string, consumerId: string, ids: Record<string, string[]>): Promise<number> {
    const desired = new Set(ids.consumerGroups ?? []);
    const current = new Set((await client.consumerGroupMembership.groupsOf(controlPlaneId, consumerId)).map((g) => g.id));
    let writes = 0;
    for (const groupId of desired) {
      if (current.has(groupId)) continue;
      await client.consumerGroupMembership.add(controlPlaneId, groupId, consumerId);
      writes++;
    }
    for (const groupId of current) {
      if (desired.has(groupId)) continue;
      await client.consumerGroupMembership.remove(controlPlaneId, groupId, consumerId);
      writes++;
    }
    return writes;
  },
};
