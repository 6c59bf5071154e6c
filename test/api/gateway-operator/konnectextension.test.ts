// KonnectExtension v1alpha1 of the old group gateway-operator.konghq.com (KGO 1.5 CRD).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest } from '../../support/validate.ts';
import { findKind } from '../../../src/api/registry.ts';
import { at, exampleDocuments, NOT_CHECKED, patched, ruleError, runCases, SHARED_MISSING, type Manifest } from './cases.ts';

const valid: Manifest = {
  apiVersion: 'gateway-operator.konghq.com/v1alpha1',
  kind: 'KonnectExtension',
  metadata: { name: 'konnect-config', namespace: 'default' },
  spec: {
    controlPlaneRef: { type: 'konnectID', konnectID: '9e7f0b8993' },
    controlPlaneRegion: 'us',
    konnectControlPlaneAPIAuthConfiguration: { clusterCertificateSecretRef: { name: 'konnect-client-tls' } },
  },
};
const withRef = (controlPlaneRef: Manifest) => ({ ...valid, spec: { ...(valid.spec as Manifest), controlPlaneRef } });
const REF = 'spec.controlPlaneRef';
const ONLY_KONNECT_ID = ruleError(REF, 'Only konnectID type currently supported as controlPlaneRef.');

runCases('KonnectExtension (gateway-operator) v1alpha1', [
  { name: 'a konnectID reference', object: valid, errors: [] },
  { name: 'konnectID type without an ID', object: withRef({ type: 'konnectID' }), errors: [ruleError(REF, 'when type is konnectID, konnectID must be set')] },
  {
    name: 'konnectID type with a namespaced ref too',
    object: withRef({ type: 'konnectID', konnectID: 'x', konnectNamespacedRef: { name: 'cp' } }),
    errors: [ruleError(REF, 'when type is konnectID, konnectNamespacedRef must not be set')],
  },
  {
    name: 'konnectNamespacedRef type is not supported yet',
    object: withRef({ type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } }),
    errors: [ONLY_KONNECT_ID],
  },
  {
    name: 'konnectNamespacedRef type without the ref and with an ID',
    object: withRef({ type: 'konnectNamespacedRef', konnectID: 'x' }),
    errors: [
      ONLY_KONNECT_ID,
      ruleError(REF, 'when type is konnectNamespacedRef, konnectNamespacedRef must be set'),
      ruleError(REF, 'when type is konnectNamespacedRef, konnectID must not be set'),
    ],
  },
  {
    name: 'no type defaults to kic, which is not supported',
    object: withRef({ konnectID: 'x' }),
    errors: [ONLY_KONNECT_ID, ruleError(REF, 'when type is kic, konnectID must not be set')],
  },
  {
    name: 'kic with a namespaced ref',
    object: withRef({ type: 'kic', konnectNamespacedRef: { name: 'cp' } }),
    errors: [ONLY_KONNECT_ID, ruleError(REF, 'when type is kic, konnectNamespacedRef must not be set')],
  },
  {
    name: 'unknown type',
    object: withRef({ type: 'other', konnectID: 'x' }),
    errors: [`${REF}.type: Unsupported value: "other": supported values: "konnectID", "konnectNamespacedRef", "kic"`, NOT_CHECKED],
  },
  {
    name: 'region and auth configuration are required',
    object: { ...valid, spec: { controlPlaneRef: { type: 'konnectID', konnectID: 'x' } } },
    errors: ['spec.controlPlaneRegion: Required value', 'spec.konnectControlPlaneAPIAuthConfiguration: Required value', NOT_CHECKED],
  },
  {
    name: 'serverHostname must be a DNS name',
    object: patched(valid, { spec: { serverHostname: 'https://konghq.com' } }),
    errors: [
      `spec.serverHostname: Invalid value: "https://konghq.com": spec.serverHostname in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'`,
    ],
  },
  {
    name: 'controlPlaneRef is immutable',
    object: withRef({ type: 'konnectID', konnectID: 'other' }),
    old: valid,
    errors: [ruleError('<nil>', 'spec.controlPlaneRef is immutable.')],
  },
  { name: 'other fields can change', object: patched(valid, { spec: { controlPlaneRegion: 'eu' } }), old: valid, errors: [] },
]);

test('KonnectExtension (gateway-operator) v1alpha1: serverHostname defaults to konghq.com; deprecated version', () => {
  const result = checkManifest(valid);
  assert.equal(at(result, 'spec', 'serverHostname'), 'konghq.com');
  const kind = findKind('gateway-operator.konghq.com', 'KonnectExtension');
  assert.equal(kind?.versions[0]?.deprecated, true);
  assert.match(kind?.versions[0]?.deprecationWarning ?? '', /^The v1alpha1 version of KonnectExtension in the gateway-operator\.konghq\.com API group has been deprecated/);
  assert.notEqual(kind, findKind('konnect.konghq.com', 'KonnectExtension'), 'the two groups are different kinds');
});

test('KonnectExtension (gateway-operator) v1alpha1: the walkthrough extension is accepted', (t) => {
  const example = exampleDocuments('walkthrough', '05-konnect-extension.yaml');
  if (!example) return t.skip(SHARED_MISSING);
  for (const document of example.documents) assert.deepEqual(checkManifest(document, { unknownFields: 'error' }).messages, []);
});
