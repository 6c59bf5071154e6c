// A tiny kustomize for tests: `resources` (files and directories with a kustomization.yaml)
// and `patches` given by path, applied as strategic merge patches to the object with the same
// apiVersion, kind and name. Enough for deploy/'s overlays; refuses anything it does not know.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export type KubeObject = Record<string, any>;

const KNOWN_KEYS = new Set(['apiVersion', 'kind', 'resources', 'patches']);

/** Lists merged by a key instead of replaced (the subset of Kubernetes' patchMergeKeys deploy/ uses). */
const MERGE_KEYS: Record<string, string> = { containers: 'name', volumes: 'name', volumeMounts: 'mountPath', env: 'name', ports: 'containerPort' };

export function readDocuments(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
      return doc.toJS() as KubeObject | null;
    })
    .filter((value): value is KubeObject => value !== null);
}

const isObject = (v: unknown): v is KubeObject => v !== null && typeof v === 'object' && !Array.isArray(v);

export function strategicMerge(target: unknown, patch: unknown, field = ''): unknown {
  if (!isObject(target) || !isObject(patch)) {
    if (Array.isArray(target) && Array.isArray(patch) && MERGE_KEYS[field]) return mergeList(target, patch, MERGE_KEYS[field]!);
    return structuredClone(patch);
  }
  const out: KubeObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = key in out ? strategicMerge(out[key], value, key) : structuredClone(value);
  }
  return out;
}

function mergeList(target: unknown[], patch: unknown[], key: string): unknown[] {
  const out = target.map((item) => structuredClone(item));
  for (const item of patch) {
    const index = out.findIndex((existing) => isObject(existing) && isObject(item) && existing[key] === item[key]);
    if (index >= 0) out[index] = strategicMerge(out[index], item);
    else out.push(structuredClone(item));
  }
  return out;
}

export const identity = (o: KubeObject) => `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

export interface Build {
  objects: KubeObject[];
  /** Every file the build read (to find files no kustomization references). */
  files: string[];
}

export function build(dir: string): Build {
  const kustomizationFile = path.join(dir, 'kustomization.yaml');
  const [kustomization] = readDocuments(kustomizationFile);
  if (!kustomization) throw new Error(`${kustomizationFile}: empty`);
  for (const key of Object.keys(kustomization)) if (!KNOWN_KEYS.has(key)) throw new Error(`${kustomizationFile}: unsupported field ${key}`);
  const files = [kustomizationFile];
  let objects: KubeObject[] = [];
  for (const resource of (kustomization.resources ?? []) as string[]) {
    const full = path.join(dir, resource);
    if (statSync(full).isDirectory()) {
      const nested = build(full);
      objects.push(...nested.objects);
      files.push(...nested.files);
    } else {
      objects.push(...readDocuments(full));
      files.push(full);
    }
  }
  for (const { path: patchPath, ...rest } of (kustomization.patches ?? []) as { path: string }[]) {
    if (Object.keys(rest).length) throw new Error(`${kustomizationFile}: only patches by path are supported`);
    const full = path.join(dir, patchPath);
    files.push(full);
    for (const patch of readDocuments(full)) {
      const matches = objects.filter((o) => o.apiVersion === patch.apiVersion && o.kind === patch.kind && o.metadata?.name === patch.metadata?.name
        && (patch.metadata?.namespace === undefined || o.metadata?.namespace === patch.metadata.namespace));
      if (matches.length !== 1) throw new Error(`${full}: patch for ${identity(patch)} matches ${matches.length} objects`);
      objects = objects.map((o) => (o === matches[0] ? (strategicMerge(o, patch) as KubeObject) : o));
    }
  }
  const seen = new Set<string>();
  for (const o of objects) {
    if (seen.has(identity(o))) throw new Error(`${dir}: ${identity(o)} defined twice`);
    seen.add(identity(o));
  }
  return { objects, files };
}

/** YAML files under `dir` (recursively). */
export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
