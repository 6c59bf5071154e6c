// CustomResourceDefinitions (apiextensions.k8s.io/v1) built from the kind registry: names,
// scope, versions with their structural schema (CEL rules included), printer columns and
// status subresource, and a conversion webhook for kinds serving more than one version.
// Pure: returns objects and file contents; the CLI writes them.
import { allKinds } from '../api/registry.ts';
import type { KindDefinition, PrinterColumn, VersionDefinition } from '../api/types.ts';
import { toOpenApi } from '../validation/openapi.ts';
import { defaultNames, partOfLabels, type DeployNames } from '../deploy/names.ts';
import { renderYaml, type GeneratedFile } from '../deploy/render.ts';

export const CRD_DIR = 'deploy/crds';

export type CustomResourceDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
};

/** Kinds kongward ships CRDs for (Gateway API kinds are validated, not generated). */
export function crdKinds(from: readonly KindDefinition[] = allKinds()): KindDefinition[] {
  return from.filter((kind) => kind.generateCrd !== false);
}

export function crdName(kind: KindDefinition): string {
  return `${kind.plural}.${kind.group}`;
}

/** Kinds whose CRD converts between versions through kongward's /convert. */
export function usesConversionWebhook(kind: KindDefinition): boolean {
  return kind.generateCrd !== false && kind.versions.length > 1;
}

export function crdFileName(kind: KindDefinition): string {
  return `${kind.group}_${kind.plural}.yaml`;
}

function printerColumn(column: PrinterColumn): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (column.description !== undefined) out.description = column.description;
  if (column.format !== undefined) out.format = column.format;
  out.jsonPath = column.jsonPath;
  out.name = column.name;
  if (column.priority !== undefined) out.priority = column.priority;
  out.type = column.type;
  return out;
}

function crdSubresources(version: VersionDefinition): Record<string, unknown> | undefined {
  const declared = version.subresources;
  const out: Record<string, unknown> = {};
  if (declared?.scale) {
    const { labelSelectorPath, specReplicasPath, statusReplicasPath } = declared.scale;
    out.scale = { ...(labelSelectorPath ? { labelSelectorPath } : {}), specReplicasPath, statusReplicasPath };
  }
  if (declared?.status) out.status = {};
  return Object.keys(out).length ? out : undefined;
}

function crdVersion(version: VersionDefinition): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (version.printerColumns?.length) out.additionalPrinterColumns = version.printerColumns.map(printerColumn);
  if (version.deprecated) out.deprecated = true;
  if (version.deprecationWarning) out.deprecationWarning = version.deprecationWarning;
  out.name = version.name;
  out.schema = { openAPIV3Schema: toOpenApi(version.schema) };
  out.served = version.served;
  out.storage = version.storage;
  const subresources = crdSubresources(version);
  if (subresources) out.subresources = subresources;
  return out;
}

export function buildCrd(kind: KindDefinition, names: DeployNames = defaultNames): CustomResourceDefinition {
  const storage = kind.versions.filter((v) => v.storage);
  if (storage.length !== 1) throw new Error(`${kind.kind}.${kind.group}: exactly one storage version required, found ${storage.length}`);
  const crdNames: Record<string, unknown> = {};
  if (kind.categories?.length) crdNames.categories = [...kind.categories];
  crdNames.kind = kind.kind;
  crdNames.listKind = kind.listKind ?? `${kind.kind}List`;
  crdNames.plural = kind.plural;
  if (kind.shortNames?.length) crdNames.shortNames = [...kind.shortNames];
  crdNames.singular = kind.singular;

  const spec: Record<string, unknown> = {};
  if (usesConversionWebhook(kind)) {
    spec.conversion = {
      strategy: 'Webhook',
      webhook: {
        clientConfig: { service: { name: names.service, namespace: names.namespace, path: names.convertPath, port: names.servicePort } },
        conversionReviewVersions: ['v1'],
      },
    };
  }
  spec.group = kind.group;
  spec.names = crdNames;
  spec.scope = kind.scope;
  spec.versions = kind.versions.map(crdVersion);
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: crdName(kind), labels: { ...partOfLabels } },
    spec,
  };
}

export function buildCrds(names: DeployNames = defaultNames, from: readonly KindDefinition[] = allKinds()): CustomResourceDefinition[] {
  return crdKinds(from).map((kind) => buildCrd(kind, names));
}

/** One file per CRD under deploy/crds/, plus the kustomization listing them. */
export function crdFiles(names: DeployNames = defaultNames, from: readonly KindDefinition[] = allKinds()): GeneratedFile[] {
  const kinds = crdKinds(from).sort((a, b) => crdFileName(a).localeCompare(crdFileName(b)));
  const files = kinds.map((kind) => ({
    path: `${CRD_DIR}/${crdFileName(kind)}`,
    content: renderYaml(`src/api/registry.ts (${kind.kind}.${kind.group})`, [{ object: buildCrd(kind, names) }]),
  }));
  files.push({
    path: `${CRD_DIR}/kustomization.yaml`,
    content: renderYaml('src/crds/generate.ts', [{
      object: { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: kinds.map(crdFileName) },
    }]),
  });
  return files;
}
