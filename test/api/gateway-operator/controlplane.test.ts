// ControlPlane v1beta1 (deprecated) and v2beta1 (storage): every CRD rule and default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest } from '../../support/validate.ts';
import { findKind } from '../../../src/api/registry.ts';
import { at, NOT_CHECKED, patched, ruleError, runCases, type Manifest } from './cases.ts';

const v1: Manifest = {
  apiVersion: 'gateway-operator.konghq.com/v1beta1',
  kind: 'ControlPlane',
  metadata: { name: 'kic', namespace: 'default' },
  spec: {
    dataplane: 'dataplane-example',
    deployment: { podTemplateSpec: { spec: { containers: [{ name: 'controller', image: 'kong/kubernetes-ingress-controller:3.4' }] } } },
  },
};
const v1Spec = (patch: Manifest) => patched(v1, { spec: patch });
const NO_IMAGE = ruleError('<nil>', 'ControlPlane requires an image to be set on controller container');
const LIST_REQUIRED = (field: string) => ruleError(field, "list is required when type is 'list'");
const LIST_FORBIDDEN = (field: string) => ruleError(field, "list must not be specified when type is not 'list'");

runCases('ControlPlane v1beta1', [
  { name: 'a controller container with an image', object: v1, errors: [] },
  { name: 'no deployment', object: { ...v1, spec: { dataplane: 'dp' } }, errors: [
    ruleError('<nil>', 'no such key: deployment evaluating rule: ControlPlane requires an image to be set on controller container'),
  ] },
  { name: 'controller without an image', object: v1Spec({ deployment: { podTemplateSpec: { spec: { containers: [{ name: 'controller' }] } } } }), errors: [NO_IMAGE] },
  { name: 'the image must be on the container named controller', object: v1Spec({ deployment: { podTemplateSpec: { spec: { containers: [{ name: 'proxy', image: 'x' }] } } } }), errors: [NO_IMAGE] },
  { name: 'KonnectExtension of konnect.konghq.com', object: v1Spec({ extensions: [{ group: 'konnect.konghq.com', kind: 'KonnectExtension', name: 'k' }] }), errors: [] },
  { name: 'DataPlaneMetricsExtension (default group)', object: v1Spec({ extensions: [{ kind: 'DataPlaneMetricsExtension', name: 'm' }] }), errors: [] },
  {
    name: 'KonnectExtension of the old group is not for ControlPlane',
    object: v1Spec({ extensions: [{ kind: 'KonnectExtension', name: 'k' }] }),
    errors: [ruleError('spec', 'Extension not allowed for ControlPlane')],
  },
  {
    name: 'at most two extensions',
    object: v1Spec({ extensions: [1, 2, 3].map((i) => ({ kind: 'DataPlaneMetricsExtension', name: `m${i}` })) }),
    errors: ['spec.extensions: Too many: 3: must have at most 2 items', NOT_CHECKED],
  },
  { name: 'watchNamespaces list with a list', object: v1Spec({ watchNamespaces: { type: 'list', list: ['a'] } }), errors: [] },
  { name: 'watchNamespaces list without a list', object: v1Spec({ watchNamespaces: { type: 'list' } }), errors: [LIST_REQUIRED('spec.watchNamespaces')] },
  { name: 'watchNamespaces own with a list', object: v1Spec({ watchNamespaces: { type: 'own', list: ['a'] } }), errors: [LIST_FORBIDDEN('spec.watchNamespaces')] },
  {
    name: 'watchNamespaces type must be known',
    object: v1Spec({ watchNamespaces: { type: 'some' } }),
    errors: ['spec.watchNamespaces.type: Unsupported value: "some": supported values: "all", "list", "own"', NOT_CHECKED],
  },
  { name: 'gatewayClass must not be empty', object: v1Spec({ gatewayClass: '' }), errors: ['spec.gatewayClass: Invalid value: "": spec.gatewayClass in body should be at least 1 chars long'] },
]);

test('ControlPlane v1beta1: defaults (replicas 1, watch all namespaces, Scheduled condition) and deprecation', () => {
  const result = checkManifest(patched(v1, { status: {} }));
  assert.deepEqual(result.messages, []);
  assert.equal(at(result, 'spec', 'deployment', 'replicas'), 1);
  assert.deepEqual(at(result, 'spec', 'watchNamespaces'), { type: 'all' });
  assert.deepEqual(at(result, 'status', 'conditions'), [
    { lastTransitionTime: '1970-01-01T00:00:00Z', message: 'Waiting for controller', reason: 'NotReconciled', status: 'Unknown', type: 'Scheduled' },
  ]);
  const [v1beta1, v2beta1] = findKind('gateway-operator.konghq.com', 'ControlPlane')!.versions;
  assert.equal(v1beta1?.deprecated, true);
  assert.equal(v1beta1?.deprecationWarning, 'ControlPlane v1beta1 has been deprecated in favor of v2beta1 and it will be removed in the future.');
  assert.equal(v1beta1?.storage, false);
  assert.equal(v2beta1?.storage, true);
});

const v2: Manifest = {
  apiVersion: 'gateway-operator.konghq.com/v2beta1',
  kind: 'ControlPlane',
  metadata: { name: 'kic', namespace: 'default' },
  spec: { dataplane: { type: 'ref', ref: { name: 'dataplane-example' } }, ingressClass: 'kong' },
};
const v2Spec = (patch: Manifest) => patched(v2, { spec: patch });
const LICENSING = 'spec.konnect.licensing';

runCases('ControlPlane v2beta1', [
  { name: 'a DataPlane reference with an ingress class', object: v2, errors: [] },
  { name: 'managed by its owner', object: { ...v2, spec: { dataplane: { type: 'managedByOwner' } } }, errors: [] },
  { name: 'spec is required', object: { ...v2, spec: undefined }, errors: ['spec: Required value', NOT_CHECKED] },
  { name: 'dataplane is required', object: { ...v2, spec: { ingressClass: 'kong' } }, errors: ['spec.dataplane: Required value', NOT_CHECKED] },
  {
    name: 'ref target without an ingress class',
    object: { ...v2, spec: { dataplane: { type: 'ref', ref: { name: 'dp' } } } },
    errors: [ruleError('spec', "When dataplane target is of type 'ref' the ingressClass must be set")],
  },
  {
    name: 'ref target without a ref',
    object: v2Spec({ dataplane: { type: 'ref', ref: undefined } }),
    errors: [ruleError('spec.dataplane', 'Ref has to be provided when type is set to ref')],
  },
  {
    name: 'managedByOwner with a ref',
    object: v2Spec({ dataplane: { type: 'managedByOwner' } }),
    errors: [ruleError('spec.dataplane', 'Ref cannot be provided when type is set to managedByOwner')],
  },
  {
    name: 'unknown dataplane type',
    object: v2Spec({ dataplane: { type: 'other', ref: undefined } }),
    errors: ['spec.dataplane.type: Unsupported value: "other": supported values: "ref", "managedByOwner"', NOT_CHECKED],
  },
  {
    name: 'KonnectExtension of the old group is not for ControlPlane',
    object: v2Spec({ extensions: [{ kind: 'KonnectExtension', name: 'k' }] }),
    errors: ['spec.extensions: Invalid value: "array": Extension not allowed for ControlPlane'],
  },
  { name: 'DataPlaneMetricsExtension', object: v2Spec({ extensions: [{ kind: 'DataPlaneMetricsExtension', name: 'm' }] }), errors: [] },
  {
    name: 'dumpSensitive without config dumps',
    object: v2Spec({ configDump: { dumpSensitive: 'enabled' } }),
    errors: [ruleError('spec.configDump', 'Cannot enable dumpSensitive when state is disabled')],
  },
  { name: 'dumpSensitive with config dumps', object: v2Spec({ configDump: { state: 'enabled', dumpSensitive: 'enabled' } }), errors: [] },
  {
    name: 'licensing polling periods need licensing enabled',
    object: v2Spec({ konnect: { licensing: { initialPollingPeriod: '1m', pollingPeriod: '1h', storageState: 'disabled' } } }),
    errors: [
      ruleError(LICENSING, 'initialPollingPeriod can only be set when licensing is enabled'),
      ruleError(LICENSING, 'pollingPeriod can only be set when licensing is enabled'),
    ],
  },
  {
    name: 'licensing storage defaults to enabled, which needs licensing enabled',
    object: v2Spec({ konnect: { licensing: {} } }),
    errors: [ruleError(LICENSING, 'storageState can only be set to enabled when licensing is enabled')],
  },
  { name: 'licensing enabled', object: v2Spec({ konnect: { licensing: { state: 'enabled', pollingPeriod: '1h' } } }), errors: [] },
  {
    name: 'config upload concurrency is 1..16',
    object: v2Spec({ konnect: { configUploadConcurrency: 17 } }),
    errors: ['spec.konnect.configUploadConcurrency: Invalid value: 17: spec.konnect.configUploadConcurrency in body should be less than or equal to 16'],
  },
  {
    name: 'empty matchLabels key',
    object: v2Spec({ objectFilters: { secrets: { matchLabels: { '': 'x' } } } }),
    errors: [ruleError('spec.objectFilters.secrets.matchLabels', 'Minimum length of key in matchLabels is 1')],
  },
  {
    name: 'matchLabels value longer than 63',
    object: v2Spec({ objectFilters: { configMaps: { matchLabels: { app: 'x'.repeat(64) } } } }),
    errors: [ruleError('spec.objectFilters.configMaps.matchLabels', 'Maximum length of value in matchLabels is 63')],
  },
  {
    name: 'at most 8 matchLabels',
    object: v2Spec({ objectFilters: { secrets: { matchLabels: Object.fromEntries([...Array(9).keys()].map((i) => [`k${i}`, 'v'])) } } }),
    errors: ['spec.objectFilters.secrets.matchLabels: Too many: 9: must have at most 8 items', NOT_CHECKED],
  },
  { name: 'watchNamespaces list without a list', object: v2Spec({ watchNamespaces: { type: 'list' } }), errors: [LIST_REQUIRED('spec.watchNamespaces')] },
  { name: 'watchNamespaces all with a list', object: v2Spec({ watchNamespaces: { type: 'all', list: ['a'] } }), errors: [LIST_FORBIDDEN('spec.watchNamespaces')] },
  {
    name: 'controllers are a list keyed by name',
    object: v2Spec({ controllers: [{ name: 'KONG_PLUGIN', state: 'enabled' }, { name: 'KONG_PLUGIN', state: 'disabled' }] }),
    errors: ['spec.controllers[1]: Duplicate value: map[string]interface {}{"name":"KONG_PLUGIN"}'],
  },
  {
    name: 'feature gate state must be enabled or disabled',
    object: v2Spec({ featureGates: [{ name: 'FillIDs', state: 'on' }] }),
    errors: ['spec.featureGates[0].state: Unsupported value: "on": supported values: "enabled", "disabled"', NOT_CHECKED],
  },
]);

test('ControlPlane v2beta1: defaults (translation, watch all, config dump, licensing, Provisioned condition)', () => {
  const result = checkManifest(patched(v2, { spec: { configDump: {}, konnect: { licensing: { state: 'enabled' } }, dataplaneSync: {} }, status: {} }));
  assert.deepEqual(result.messages, []);
  assert.deepEqual(at(result, 'spec', 'translation'), { combinedServicesFromDifferentHTTPRoutes: 'enabled', drainSupport: 'enabled' });
  assert.deepEqual(at(result, 'spec', 'watchNamespaces'), { type: 'all' });
  assert.deepEqual(at(result, 'spec', 'configDump'), { dumpSensitive: 'disabled', state: 'disabled' });
  assert.deepEqual(at(result, 'spec', 'konnect'), { consumersSync: 'enabled', licensing: { state: 'enabled', storageState: 'enabled' } });
  assert.deepEqual(at(result, 'spec', 'dataplaneSync'), { reverseSync: 'disabled' });
  assert.equal((at(result, 'status', 'conditions', 0) as Manifest).type, 'Provisioned');
});
