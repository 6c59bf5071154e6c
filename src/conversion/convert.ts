// Converts one object to another version of its kind: spoke -> hub -> spoke, then makes the
// result lossless (lossless.ts). Metadata other than the stash annotations is never touched.
import { splitApiVersion } from '../api/registry.ts';
import { copyJson } from '../validation/prune-default.ts';
import { applyOperations, contentDiff, putStash, takeStash } from './lossless.ts';
import { pruneToSchema, schemaFor } from './prune.ts';
import { findConversion } from './registry.ts';
import { ConversionError, type KindConversion, type KubeObject } from './types.ts';
import { isPlainObject as isRecord } from '../validation/values.ts';


/** The pure mapping between two versions through the hub, pruned to the target schema. */
function mapVersions(conversion: KindConversion, object: KubeObject, from: string, to: string): KubeObject {
  let current = object;
  if (from !== conversion.hub) current = (conversion.spokes[from] as NonNullable<KindConversion['spokes'][string]>).toHub(current);
  if (to !== conversion.hub) current = (conversion.spokes[to] as NonNullable<KindConversion['spokes'][string]>).fromHub(current);
  return pruneToSchema(current, conversion.group, to);
}

function knownVersion(conversion: KindConversion, version: string): boolean {
  return version === conversion.hub || version in conversion.spokes;
}

function withContent(metadataSource: KubeObject, content: KubeObject, apiVersion: string): KubeObject {
  const result: KubeObject = { apiVersion, kind: metadataSource.kind };
  if ('metadata' in metadataSource) result.metadata = copyJson(metadataSource.metadata);
  for (const [key, value] of Object.entries(content)) if (key !== 'apiVersion' && key !== 'kind' && key !== 'metadata') result[key] = value;
  return result;
}

/** Converts `object` to `desiredApiVersion`; throws ConversionError naming the field that blocks it. */
export function convertObject(object: unknown, desiredApiVersion: string): KubeObject {
  if (!isRecord(object)) throw new ConversionError('<nil>', 'object must be a JSON object');
  if (typeof object.apiVersion !== 'string' || !object.apiVersion) throw new ConversionError('apiVersion', 'Required value');
  if (typeof object.kind !== 'string' || !object.kind) throw new ConversionError('kind', 'Required value');
  const source = splitApiVersion(object.apiVersion);
  const target = splitApiVersion(desiredApiVersion);
  if (source.group !== target.group) {
    throw new ConversionError('apiVersion', `cannot convert group ${JSON.stringify(source.group)} to ${JSON.stringify(target.group)}`);
  }
  if (source.version === target.version) return copyJson(object);
  const conversion = findConversion(source.group, object.kind);
  if (!conversion) throw new ConversionError('apiVersion', `kongward has no conversion for ${object.kind}.${source.group}`);
  for (const version of [source.version, target.version]) {
    if (!knownVersion(conversion, version)) {
      const supported = [conversion.hub, ...Object.keys(conversion.spokes)].map((v) => JSON.stringify(`${source.group}/${v}`)).join(', ');
      throw new ConversionError('apiVersion', `Unsupported value: ${JSON.stringify(`${source.group}/${version}`)}: supported values: ${supported}`);
    }
  }

  // Only metadata is edited in place (the stash annotation is taken out); content is copied for
  // each mapping, which may mutate what it is given.
  const original: KubeObject = { ...object, ...('metadata' in object ? { metadata: copyJson(object.metadata) } : {}) };
  const restoreTarget = takeStash(original, target.version);
  const mapped = withContent(original, mapVersions(conversion, copyJson(original), source.version, target.version), desiredApiVersion);
  if (restoreTarget) applyOperations(mapped, restoreTarget);
  // What converting back would get wrong is kept for the way back.
  const back = mapVersions(conversion, copyJson(mapped), target.version, source.version);
  putStash(mapped, source.version, contentDiff(back, original, schemaFor(conversion.group, source.version, String(object.kind)) ?? undefined));
  return mapped;
}
