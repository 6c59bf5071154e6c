// Offline validation: every document goes through the same validator registry as /validate,
// as a CREATE, or as an UPDATE from its base version when `--base` has the same object.
// Results carry source positions for each cause.
import { splitApiVersion } from '../api/registry.ts';
import type { ManifestDocument, SourcePosition } from '../manifests/documents.ts';
import { locate } from '../manifests/positions.ts';
import { collectVerdicts, panicMessage } from '../webhooks/admission/decide.ts';
import type { AdmissionRequest } from '../webhooks/admission/review.ts';
import type { ValidatorRegistry } from '../webhooks/admission/validators.ts';
import { formatFieldError } from '../validation/field-error.ts';
import { isPlainObject as isRecord } from '../validation/values.ts';

export interface LocatedMessage {
  position: SourcePosition;
  field?: string;
  /** `field: body` as kube-apiserver prints one cause. */
  message: string;
}

export type DocumentStatus = 'valid' | 'invalid' | 'skipped';

export interface DocumentResult {
  file: string;
  index: number;
  /** Where the document starts; only looked up for documents with findings. */
  position?: SourcePosition;
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  operation?: 'CREATE' | 'UPDATE';
  status: DocumentStatus;
  errors: LocatedMessage[];
  warnings: LocatedMessage[];
}

export interface CheckOptions {
  validators: ValidatorRegistry;
  /** Objects of the base revision, keyed by `objectKey`. */
  base?: Map<string, Record<string, unknown>>;
  /** Unknown kinds are errors instead of skipped. */
  requireKnownKinds?: boolean;
}


function metadataOf(object: Record<string, unknown>): { name?: string; namespace?: string } {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  return {
    ...(typeof metadata.name === 'string' ? { name: metadata.name } : typeof metadata.generateName === 'string' ? { name: metadata.generateName } : {}),
    ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
  };
}

/** Identity of an object across revisions: group, kind, namespace, name. */
export function objectKey(object: unknown): string | undefined {
  if (!isRecord(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return undefined;
  const { name, namespace } = metadataOf(object);
  if (!name) return undefined;
  return `${splitApiVersion(object.apiVersion).group}/${object.kind}/${namespace ?? ''}/${name}`;
}

export async function checkDocument(document: ManifestDocument, options: CheckOptions): Promise<DocumentResult> {
  let start: SourcePosition | undefined;
  const here = (): SourcePosition => (start ??= locate(document, ''));
  const result: DocumentResult = { file: document.file, index: document.index, status: 'valid', errors: [], warnings: [] };
  const finish = (): DocumentResult => {
    if (start) result.position = start;
    return result;
  };
  const object = document.object;
  if (!isRecord(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || !object.apiVersion || !object.kind) {
    result.status = 'invalid';
    result.errors.push({ position: here(), message: 'not a Kubernetes object: apiVersion and kind must be set' });
    return finish();
  }
  const { group, version } = splitApiVersion(object.apiVersion);
  const { name, namespace } = metadataOf(object);
  Object.assign(result, { apiVersion: object.apiVersion, kind: object.kind, ...(name ? { name } : {}), ...(namespace ? { namespace } : {}) });
  const gvk = { group, version, kind: object.kind };
  const validators = options.validators.lookup(gvk);
  if (validators.length === 0) {
    if (!options.requireKnownKinds) {
      result.status = 'skipped';
      return finish();
    }
    result.status = 'invalid';
    result.errors.push({ position: here(), field: 'kind', message: `kind: Unsupported value: ${JSON.stringify(`${object.apiVersion}/${object.kind}`)}: kongward has no schema for this kind` });
    return finish();
  }
  const key = objectKey(object);
  const oldObject = key ? options.base?.get(key) : undefined;
  const operation = oldObject ? 'UPDATE' : 'CREATE';
  result.operation = operation;
  const request: AdmissionRequest = {
    uid: `offline-${document.index}`,
    kind: gvk,
    name: name ?? '',
    ...(namespace ? { namespace } : {}),
    operation,
    object,
    oldObject: oldObject ?? null,
    dryRun: true,
  };
  const collected = await collectVerdicts(request, validators);
  if (!collected.ok) {
    result.status = 'invalid';
    result.errors.push({ position: here(), message: panicMessage(request, collected.panic) });
    return finish();
  }
  for (const error of collected.errors) {
    result.errors.push({ position: locate(document, error.field), field: error.field, message: formatFieldError(error) });
  }
  for (const warning of collected.warnings) {
    // Warnings about a field start with its path (`spec.controlPlaneRef: ...`): point there.
    const field = /^([\w.[\]-]+): /.exec(warning)?.[1];
    result.warnings.push(field ? { position: locate(document, field), field, message: warning } : { position: here(), message: warning });
  }
  if (result.errors.length) result.status = 'invalid';
  return finish();
}

