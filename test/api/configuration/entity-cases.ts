// Table-driven cases for the configuration.konghq.com entity kinds (KongService, KongRoute, ...):
// a case is a manifest (and the old one on UPDATE) with the exact rendered errors expected, and
// a shared suite covers what every Konnect entity has (controlPlaneRef, adopt, tags).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest } from '../../support/validate.ts';

export type Manifest = Record<string, unknown>;

export interface Case {
  name: string;
  object: Manifest;
  /** Old object: makes the case an UPDATE. */
  old?: Manifest;
  errors: string[];
  warnings?: string[];
  /** Known gap elsewhere (runs, reported, does not fail the suite). */
  todo?: string;
}

export function runCases(kind: string, cases: Case[]): void {
  for (const c of cases) {
    test(`${kind}: ${c.name}`, c.todo ? { todo: c.todo } : {}, () => {
      const result = checkManifest(c.object, c.old ? { oldObject: c.old } : {});
      assert.deepEqual(result.messages, c.errors);
      if (c.warnings) assert.deepEqual(result.warnings, c.warnings);
    });
  }
}

export const konnectRef = { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } };

/** A status whose Programmed condition has the given status. */
export function programmed(status: 'True' | 'False'): Manifest {
  return {
    conditions: [{ type: 'Programmed', status, reason: 'Programmed', message: '', lastTransitionTime: '2026-01-01T00:00:00Z' }],
  };
}

/** The manifest with `spec` replaced by `base.spec` merged with `patch` (undefined deletes a key). */
export function withSpec(base: Manifest, patch: Manifest): Manifest {
  const spec: Manifest = { ...(base.spec as Manifest), ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete spec[key];
  return { ...base, spec };
}

export interface EntitySuiteOptions {
  /** A valid manifest whose spec.controlPlaneRef (if the kind has one) is `konnectRef`. */
  valid: Manifest;
  /** The kind has spec.controlPlaneRef. */
  controlPlaneRef?: 'required' | 'optional';
  /** Rule text of the root "required once set" rule exists (false for KongKeySet). */
  requiredOnceSetRule?: boolean;
  /** The kind rejects `kic` (`KIC is not supported as control plane`). */
  kicUnsupported?: boolean;
  /** `spec.adopt` is allowed only with a konnectNamespacedRef control plane. */
  adoptNeedsKonnectRef?: boolean;
}

/** The line kube-apiserver adds when schema errors keep the CEL rules from running. */
export const NOT_CHECKED =
  '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

const KIC = 'spec: Invalid value: "object": KIC is not supported as control plane';
const IMMUTABLE_CP = '<nil>: Invalid value: "object": spec.controlPlaneRef is immutable when an entity is already Programmed';

/** The cases every Konnect entity shares: controlPlaneRef, adopt and tags. */
export function entitySuite(options: EntitySuiteOptions): Case[] {
  const { valid } = options;
  const cases: Case[] = [
    { name: 'the valid example is accepted', object: valid, errors: [] },
    {
      name: '21 tags are too many',
      object: withSpec(valid, { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }),
      errors: ['spec.tags: Too many: 21: must have at most 20 items', NOT_CHECKED],
    },
    {
      name: 'a tag longer than 128 characters',
      object: withSpec(valid, { tags: ['ok', 'x'.repeat(129)] }),
      errors: ['spec.tags: Invalid value: "array": tags entries must not be longer than 128 characters'],
    },
    {
      name: 'an empty tag',
      object: withSpec(valid, { tags: [''] }),
      errors: ['spec.tags: Invalid value: "array": tags entries must not be longer than 128 characters'],
    },
    {
      name: 'adopt from konnect needs konnect options',
      object: withSpec(valid, { adopt: { from: 'konnect' } }),
      errors: [`spec.adopt: Invalid value: "object": Must specify Konnect options when from='konnect'`],
    },
    {
      name: 'adopt source must be konnect',
      object: withSpec(valid, { adopt: { from: 'elsewhere', konnect: { id: 'abc' } } }),
      errors: ['spec.adopt.from: Unsupported value: "elsewhere": supported values: "konnect"', NOT_CHECKED],
    },
    {
      name: 'adopt cannot be set in an update',
      object: withSpec(valid, { adopt: { from: 'konnect', konnect: { id: 'abc' } } }),
      old: valid,
      errors: ['spec: Invalid value: "object": Cannot set or unset spec.adopt in updates'],
    },
    {
      name: 'adopt cannot be unset in an update',
      object: valid,
      old: withSpec(valid, { adopt: { from: 'konnect', konnect: { id: 'abc' } } }),
      errors: ['spec: Invalid value: "object": Cannot set or unset spec.adopt in updates'],
    },
    {
      name: 'adopt konnect.id is immutable',
      object: withSpec(valid, { adopt: { from: 'konnect', konnect: { id: 'new' } } }),
      old: withSpec(valid, { adopt: { from: 'konnect', konnect: { id: 'old' } } }),
      errors: ['spec.adopt: Invalid value: "object": konnect.id is immutable'],
    },
    {
      name: 'adopt mode can change',
      object: withSpec(valid, { adopt: { from: 'konnect', mode: 'override', konnect: { id: 'a' } } }),
      old: withSpec(valid, { adopt: { from: 'konnect', mode: 'match', konnect: { id: 'a' } } }),
      errors: [],
    },
  ];
  if (!options.controlPlaneRef) return cases;

  const otherRef = { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'other-cp' } };
  cases.push(
    {
      name: 'a konnectNamespacedRef in another namespace is allowed',
      object: withSpec(valid, { controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp', namespace: 'other' } } }),
      errors: [],
    },
    {
      name: 'type konnectNamespacedRef needs konnectNamespacedRef',
      object: withSpec(valid, { controlPlaneRef: { type: 'konnectNamespacedRef' } }),
      errors: ['spec.controlPlaneRef: Invalid value: "object": when type is konnectNamespacedRef, konnectNamespacedRef must be set'],
    },
    {
      name: 'type konnectID is not in the enum',
      object: withSpec(valid, { controlPlaneRef: { type: 'konnectID' } }),
      errors: ['spec.controlPlaneRef.type: Unsupported value: "konnectID": supported values: "konnectNamespacedRef", "kic"', NOT_CHECKED],
    },
    {
      name: 'konnectNamespacedRef name must not be empty',
      object: withSpec(valid, { controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: '' } } }),
      errors: ['spec.controlPlaneRef.konnectNamespacedRef.name: Invalid value: "": spec.controlPlaneRef.konnectNamespacedRef.name in body should be at least 1 chars long'],
    },
    {
      name: 'controlPlaneRef cannot change once Programmed',
      object: { ...withSpec(valid, { controlPlaneRef: otherRef }), status: programmed('True') },
      old: { ...valid, status: programmed('True') },
      errors: [IMMUTABLE_CP],
    },
    {
      name: 'controlPlaneRef can change while not Programmed',
      object: { ...withSpec(valid, { controlPlaneRef: otherRef }), status: programmed('False') },
      old: { ...valid, status: programmed('False') },
      errors: [],
    },
  );
  const kicErrors = options.kicUnsupported ? [KIC] : [];
  cases.push(
    { name: 'type kic', object: withSpec(valid, { controlPlaneRef: { type: 'kic' } }), errors: kicErrors },
    { name: 'type defaults to kic', object: withSpec(valid, { controlPlaneRef: {} }), errors: kicErrors },
    {
      name: 'type kic with a konnectNamespacedRef',
      object: withSpec(valid, { controlPlaneRef: { type: 'kic', konnectNamespacedRef: { name: 'cp' } } }),
      errors: [...kicErrors, 'spec.controlPlaneRef: Invalid value: "object": when type is kic, konnectNamespacedRef must not be set'],
    },
  );
  if (options.controlPlaneRef === 'required') {
    cases.push(
      { name: 'controlPlaneRef is required', object: withSpec(valid, { controlPlaneRef: undefined }), errors: ['spec.controlPlaneRef: Required value', NOT_CHECKED] },
    );
  } else {
    cases.push({ name: 'controlPlaneRef is optional', object: withSpec(valid, { controlPlaneRef: undefined }), errors: [] });
    if (options.requiredOnceSetRule !== false) {
      cases.push({
        name: 'controlPlaneRef cannot be removed once set',
        object: withSpec(valid, { controlPlaneRef: undefined }),
        old: valid,
        errors: ['<nil>: Invalid value: "object": controlPlaneRef is required once set'],
      });
    }
  }
  if (options.adoptNeedsKonnectRef) {
    cases.push({
      name: 'adopt needs a konnectNamespacedRef control plane',
      object: withSpec(valid, { controlPlaneRef: undefined, adopt: { from: 'konnect', konnect: { id: 'abc' } } }),
      errors:
        options.controlPlaneRef === 'required'
          ? ['spec.controlPlaneRef: Required value', NOT_CHECKED]
          : ['spec: Invalid value: "object": spec.adopt is allowed only when controlPlaneRef is konnectNamespacedRef'],
    });
  }
  return cases;
}
