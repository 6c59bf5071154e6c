// Test helper: validate a manifest (plain object) through the registry and engine exactly as
// the webhook does, and return the rendered field errors (`spec.host: Required value`).
import { findVersion, splitApiVersion } from '../../src/api/registry.ts';
import type { Operation } from '../../src/api/types.ts';
import { validate, type ValidateOptions, type ValidateOutput } from '../../src/validation/engine.ts';
import { formatFieldError } from '../../src/validation/field-error.ts';

export interface ManifestCheck extends ValidateOutput {
  /** Rendered errors, in order. */
  messages: string[];
}

export function checkManifest(
  manifest: Record<string, unknown>,
  options: { operation?: Operation; oldObject?: Record<string, unknown> } & ValidateOptions = {},
): ManifestCheck {
  const { group, version } = splitApiVersion(String(manifest.apiVersion));
  const target = findVersion({ group, version, kind: String(manifest.kind) });
  if (!target) throw new Error(`no kind registered for ${String(manifest.apiVersion)} ${String(manifest.kind)}`);
  const operation = options.operation ?? (options.oldObject ? 'UPDATE' : 'CREATE');
  const result = validate(target, { operation, object: manifest, oldObject: options.oldObject },
    options.unknownFields ? { unknownFields: options.unknownFields } : {});
  return { ...result, messages: result.errors.map(formatFieldError) };
}
