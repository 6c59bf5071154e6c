// What kongward knows about one kind: names, scope, and per served version the schema (with
// its rules and defaults), printer columns and Kong-specific checks. Everything generic
// (validation, CRD generation, webhook rules, RBAC, conversion routing) reads these records.
import type { z } from 'zod';
import type { FieldError } from '../validation/field-error.ts';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

/** Input to a Kong-specific check: the object after defaults, and the old one on UPDATE. */
export interface CheckInput {
  operation: Operation;
  object: Record<string, unknown>;
  oldObject?: Record<string, unknown>;
}

/** What a check found: denials (field errors) and/or warnings. */
export interface CheckResult {
  errors?: FieldError[];
  warnings?: string[];
}

/** A rule the CRD cannot express (PEM parsing, deprecations, port maps...). Pure function. */
export type ObjectCheck = (input: CheckInput) => CheckResult;

export interface VersionDefinition {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  /** The whole object's schema, usually built with `resource()` from `kit.ts`. */
  schema: z.ZodType;
  printerColumns?: PrinterColumn[];
  subresources?: {
    status?: boolean;
    scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  };
  /** Kong-specific checks run after the structural schema and CEL rules pass. */
  checks?: ObjectCheck[];
}

export interface KindDefinition {
  group: string;
  kind: string;
  plural: string;
  singular: string;
  listKind?: string;
  scope: 'Namespaced' | 'Cluster';
  shortNames?: string[];
  categories?: string[];
  versions: VersionDefinition[];
  /** False for kinds whose CRDs come from elsewhere (Gateway API): validated, not generated. */
  generateCrd?: boolean;
}

/** One (group, version, kind) as the webhook sees it. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}
