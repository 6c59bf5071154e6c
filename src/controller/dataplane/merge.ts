// Merges the user's pod template over the generated one, the way a strategic merge patch would:
// objects merged field by field, keyed lists (containers and volumes by name, env by name,
// ports by containerPort, volumeMounts by mountPath) merged item by item, other lists and
// scalars replaced by the user's value. Pure; inputs are never mutated.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** List fields merged by a key, by field name (Kubernetes' patchMergeKey for pod specs). */
const mergeKeys: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  ports: 'containerPort',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
  tolerations: 'key',
};

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export function strategicMerge(base: Json | undefined, override: Json | undefined, field = ''): Json | undefined {
  if (override === undefined) return clone(base);
  if (isObject(base) && isObject(override)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(base)) out[k] = clone(v) as Json;
    for (const [k, v] of Object.entries(override)) {
      const merged = strategicMerge(base[k], v, k);
      if (merged !== undefined) out[k] = merged;
    }
    return out;
  }
  const key = mergeKeys[field];
  if (key && Array.isArray(base) && Array.isArray(override)) return mergeList(base, override, key, field);
  return clone(override);
}

function mergeList(base: Json[], override: Json[], key: string, field: string): Json[] {
  const out = base.map((item) => clone(item) as Json);
  for (const item of override) {
    const id = isObject(item) ? item[key] : undefined;
    const index = id === undefined ? -1 : out.findIndex((b) => isObject(b) && b[key] === id);
    // Tolerations share keys legitimately; only env/containers/... collapse duplicates.
    if (index < 0 || field === 'tolerations') out.push(clone(item) as Json);
    else out[index] = strategicMerge(out[index], item, '') as Json;
  }
  return out;
}

export function clone<T extends Json | undefined>(value: T): T {
  return value === undefined ? value : (structuredClone(value) as T);
}

/** Sets (or replaces, keeping its position) env vars by name. */
export function upsertEnv(env: Json[], values: readonly (readonly [string, string])[]): Json[] {
  const out = env.map((e) => clone(e) as Json);
  for (const [name, value] of values) {
    const index = out.findIndex((e) => isObject(e) && e.name === name);
    if (index < 0) out.push({ name, value });
    else out[index] = { name, value };
  }
  return out;
}
