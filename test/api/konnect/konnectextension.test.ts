import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkManifest } from '../../support/validate.ts';
import { sharedPath, SHARED_MISSING } from '../../support/shared.ts';
import { findVersion } from '../../../src/api/registry.ts';
import { patched, ruleError, runCases, type Manifest, schemaErrors } from './cases.ts';

const REF = 'spec.konnect.controlPlane.ref';
const LABELS = 'spec.konnect.dataPlane.labels';
const v2: Manifest = {
  apiVersion: 'konnect.konghq.com/v1alpha2',
  kind: 'KonnectExtension',
  metadata: { name: 'konnect-config', namespace: 'default' },
  spec: {
    konnect: {
      controlPlane: { ref: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'demo-cp' } } },
      dataPlane: { labels: { env: 'test' } },
    },
  },
};
const v1 = { ...v2, apiVersion: 'konnect.konghq.com/v1alpha1' };
const ref = (value: Manifest) => withRef(v2, value);
function withRef(base: Manifest, value: Manifest): Manifest {
  const out = structuredClone(base);
  ((out.spec as Manifest).konnect as { controlPlane: Manifest }).controlPlane = { ref: value };
  return out;
}
const labels = (base: Manifest, value: Manifest) => patched(base, { spec: { konnect: { dataPlane: { labels: value } } } });
const manual = { clientAuth: { certificateSecret: { provisioning: 'Manual', secretRef: { name: 'dp-cert' } } } };

/** Cases both versions share: client certificate provisioning and data plane labels. */
function sharedCases(base: Manifest) {
  return [
    { name: 'clientAuth defaults to Automatic provisioning', object: base, errors: [],
      verify: (r: { object?: Manifest }) => assert.deepEqual((r.object?.spec as Manifest).clientAuth, { certificateSecret: { provisioning: 'Automatic' } }) },
    { name: 'provisioning defaults to Automatic inside certificateSecret', object: patched(base, { spec: { clientAuth: { certificateSecret: {} } } }), errors: [],
      verify: (r: { object?: Manifest }) => assert.deepEqual((r.object?.spec as Manifest).clientAuth, { certificateSecret: { provisioning: 'Automatic' } }) },
    { name: 'Manual provisioning with a secret is accepted', object: patched(base, { spec: manual }), errors: [] },
    { name: 'Manual provisioning needs a secretRef', object: patched(base, { spec: { clientAuth: { certificateSecret: { provisioning: 'Manual' } } } }),
      errors: [ruleError('spec.clientAuth', 'secretRef must be set when provisioning is set to Manual.')] },
    { name: 'Automatic provisioning takes no secretRef', object: patched(base, { spec: { clientAuth: { certificateSecret: { provisioning: 'Automatic', secretRef: { name: 'x' } } } } }),
      errors: [ruleError('spec.clientAuth', 'secretRef must not be set when provisioning is set to Automatic.')] },
    { name: 'provisioning is an enum', object: patched(base, { spec: { clientAuth: { certificateSecret: { provisioning: 'Auto' } } } }),
      errors: schemaErrors('spec.clientAuth.certificateSecret.provisioning: Unsupported value: "Auto": supported values: "Manual", "Automatic"') },
    { name: 'label keys must match the pattern', object: labels(base, { '-env': 'x' }),
      errors: [ruleError(LABELS, "keys must match the pattern '^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$'.")] },
    { name: 'label keys must not use reserved prefixes', object: labels(base, { kong_env: 'x' }),
      errors: [ruleError(LABELS, "keys must not start with 'kong', 'konnect', 'insomnia', 'mesh', 'kic', or '_'.")] },
    { name: 'label keys are at most 63 bytes', object: labels(base, { ['k'.repeat(64)]: 'x' }),
      errors: [ruleError(LABELS, 'Too long: may not be more than 63 bytes')] },
    { name: 'label values must match the pattern', object: labels(base, { env: 'a b' }),
      errors: [`${LABELS}.env: Invalid value: "a b": ${LABELS}.env in body should match '^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$'`] },
    { name: 'the control plane cannot change', object: withRef(base, { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'other-cp' } }), old: base,
      errors: [ruleError('<nil>', 'spec.konnect.controlPlane.ref is immutable.')] },
    { name: 'labels can change', object: labels(base, { env: 'prod' }), old: base, errors: [] },
  ];
}

runCases('KonnectExtension v1alpha2', [
  ...sharedCases(v2),
  { name: 'spec.konnect is required', object: patched(v2, { spec: { konnect: undefined } }), errors: schemaErrors('spec.konnect: Required value') },
  { name: 'ref type defaults to konnectNamespacedRef and needs the ref', object: ref({}),
    errors: [ruleError(REF, 'when type is konnectNamespacedRef, konnectNamespacedRef must be set')] },
  { name: 'kic is not a ref type', object: ref({ type: 'kic' }),
    errors: schemaErrors(`${REF}.type: Unsupported value: "kic": supported values: "konnectNamespacedRef"`) },
  { name: 'the controller status is accepted', old: v2, errors: [],
    object: { ...v2, status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' }],
      konnect: { controlPlaneID: 'cp', clusterType: 'ControlPlaneGroup', endpoints: { controlPlane: 'https://cp', telemetry: 'https://tp' } },
      dataPlaneRefs: [{ name: 'dp' }],
    } } },
]);

runCases('KonnectExtension v1alpha1', [
  ...sharedCases(v1),
  { name: 'the ref type defaults to kic, which is not supported', object: withRef(v1, {}),
    errors: [ruleError(REF, 'kic type not supported as controlPlaneRef.')] },
  { name: 'konnectNamespacedRef type needs the ref', object: withRef(v1, { type: 'konnectNamespacedRef' }),
    errors: [ruleError(REF, 'when type is konnectNamespacedRef, konnectNamespacedRef must be set')] },
  { name: 'kic with a konnectNamespacedRef is denied twice', object: withRef(v1, { type: 'kic', konnectNamespacedRef: { name: 'cp' } }),
    errors: [ruleError(REF, 'kic type not supported as controlPlaneRef.'), ruleError(REF, 'when type is kic, konnectNamespacedRef must not be set')] },
  { name: 'konnectID is no longer a ref type', object: withRef(v1, { type: 'konnectID' }),
    errors: schemaErrors(`${REF}.type: Unsupported value: "konnectID": supported values: "konnectNamespacedRef", "kic"`) },
  { name: 'configuration is not allowed with a konnectNamespacedRef',
    object: patched(v1, { spec: { konnect: { configuration: { authRef: { name: 'konnect-api-auth' } } } } }),
    errors: [ruleError('<nil>', 'konnect must be unset when ControlPlaneRef is set to konnectNamespacedRef.')] },
  { name: 'the controller status is accepted (v1alpha1 cluster types)', old: v1, errors: [],
    object: { ...v1, status: { konnect: { controlPlaneID: 'cp', clusterType: 'K8SIngressController', endpoints: { controlPlane: 'https://cp', telemetry: 'https://tp' } } } } },
  { name: 'ControlPlaneGroup is not a v1alpha1 cluster type', old: v1, errors: schemaErrors('status.konnect.clusterType: Unsupported value: "ControlPlaneGroup": supported values: "ControlPlane", "K8SIngressController"'),
    object: { ...v1, status: { konnect: { controlPlaneID: 'cp', clusterType: 'ControlPlaneGroup', endpoints: { controlPlane: 'https://cp', telemetry: 'https://tp' } } } } },
]);

test('KonnectExtension: v1alpha1 is served (kongward converts it) but deprecated, v1alpha2 is stored', () => {
  const v1alpha1 = findVersion({ group: 'konnect.konghq.com', version: 'v1alpha1', kind: 'KonnectExtension' })?.version;
  const v1alpha2 = findVersion({ group: 'konnect.konghq.com', version: 'v1alpha2', kind: 'KonnectExtension' })?.version;
  assert.deepEqual([v1alpha1?.served, v1alpha1?.storage, v1alpha1?.deprecated], [true, false, true]);
  assert.deepEqual([v1alpha2?.served, v1alpha2?.storage], [true, true]);
});

test('KonnectExtension: the captured admission requests validate', (t) => {
  const dir = sharedPath('fixtures', 'admission');
  if (!dir) return t.skip(SHARED_MISSING);
  const files = readdirSync(dir).filter((f) => f.startsWith('konnectextension-') && !f.includes('delete'));
  assert.ok(files.length >= 4);
  for (const file of files) {
    const { request } = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const result = checkManifest(request.object, { operation: request.operation, oldObject: request.oldObject ?? undefined });
    assert.deepEqual(result.messages, [], file);
  }
});
