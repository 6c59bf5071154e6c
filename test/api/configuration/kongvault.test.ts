import assert from 'node:assert/strict';
import { patched, pendingStatus, programmedStatus, ruleError, runCases, schemaErrors } from './kind-cases.ts';

const vault = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongVault',
  metadata: { name: 'env-vault' },
  spec: { backend: 'env', prefix: 'env-vault', description: 'env vars', config: { prefix: 'KONG_', any: [1, { x: true }] }, tags: ['a'] },
};
const konnectRef = { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } };
const otherRef = { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp2' } };
const withSpec = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => patched(vault, { spec, ...extra });
const adopt = { from: 'konnect', mode: 'match', konnect: { id: 'b6a2c3d4-0000-4000-8000-000000000001' } };

runCases('KongVault v1alpha1', [
  { name: 'a vault without control plane is accepted, config kept', object: vault, errors: [],
    verify: (r) => assert.deepEqual((r.object?.spec as { config: unknown }).config, vault.spec.config) },
  { name: 'a kic control plane is allowed', object: withSpec({ controlPlaneRef: { type: 'kic' } }), errors: [] },
  { name: 'a konnect control plane is allowed', object: withSpec({ controlPlaneRef: konnectRef }), errors: [] },
  { name: 'status conditions default to Programmed Pending', object: withSpec({}, { status: {} }), errors: [],
    verify: (r) => assert.equal((r.object?.status as { conditions: Array<{ reason: string }> }).conditions[0]?.reason, 'Pending') },
  { name: 'backend and prefix are required', object: patched(vault, { spec: { backend: undefined, prefix: undefined } }),
    errors: schemaErrors('spec.backend: Required value', 'spec.prefix: Required value') },
  { name: 'backend must not be empty', object: withSpec({ backend: '' }),
    errors: ['spec.backend: Invalid value: "": spec.backend in body should be at least 1 chars long'] },
  { name: 'controlPlaneRef konnectNamespacedRef needs its ref', object: withSpec({ controlPlaneRef: { type: 'konnectNamespacedRef' } }),
    errors: [ruleError('spec.controlPlaneRef', 'when type is konnectNamespacedRef, konnectNamespacedRef must be set')] },
  { name: 'adopt needs a konnectNamespacedRef control plane', object: withSpec({ adopt }),
    errors: [ruleError('spec', 'spec.adopt is allowed only when controlPlaneRef is konnectNamespacedRef')] },
  { name: 'adopt with a konnect control plane is accepted', object: withSpec({ adopt, controlPlaneRef: konnectRef }), errors: [] },
  { name: 'tags entries must be 1..128 characters', object: withSpec({ tags: [''] }),
    errors: ['spec.tags: Invalid value: "array": tags entries must not be longer than 128 characters'] },
  // UPDATE
  { name: 'prefix is immutable', object: withSpec({ prefix: 'other' }), old: vault, errors: [ruleError('<nil>', 'The spec.prefix field is immutable')] },
  { name: 'description may change', object: withSpec({ description: 'new' }), old: vault, errors: [] },
  { name: 'controlPlaneRef cannot be removed once set', object: vault, old: withSpec({ controlPlaneRef: konnectRef }),
    errors: [ruleError('<nil>', 'controlPlaneRef is required once set')] },
  { name: 'controlPlaneRef may be added', object: withSpec({ controlPlaneRef: konnectRef }), old: vault, errors: [] },
  { name: 'controlPlaneRef is frozen once Programmed', object: withSpec({ controlPlaneRef: otherRef }, { status: programmedStatus }),
    old: withSpec({ controlPlaneRef: konnectRef }, { status: programmedStatus }),
    errors: [ruleError('<nil>', 'spec.controlPlaneRef is immutable when an entity is already Programmed')] },
  { name: 'controlPlaneRef may change before Programmed', object: withSpec({ controlPlaneRef: otherRef }, { status: pendingStatus }),
    old: withSpec({ controlPlaneRef: konnectRef }, { status: pendingStatus }), errors: [] },
  { name: 'controlPlaneRef may change when there is no status', object: withSpec({ controlPlaneRef: otherRef }),
    old: withSpec({ controlPlaneRef: konnectRef }), errors: [] },
]);
