import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertObject } from '../../src/conversion/convert.ts';
import { stashAnnotation } from '../../src/conversion/lossless.ts';
import { ConversionError } from '../../src/conversion/types.ts';
import { checkManifest } from '../support/validate.ts';

const metadata = { name: 'demo-cp', namespace: 'demo', uid: 'd0c0ffee-0000-4000-8000-000000000001', resourceVersion: '42', generation: 3, labels: { team: 'a' } };

const v1alpha1 = {
  apiVersion: 'konnect.konghq.com/v1alpha1',
  kind: 'KonnectGatewayControlPlane',
  metadata,
  spec: {
    name: 'demo-cp',
    description: 'created by kongward tests',
    cluster_type: 'CLUSTER_TYPE_CONTROL_PLANE',
    labels: { env: 'test' },
    source: 'Origin',
    konnect: { authRef: { name: 'konnect-auth' } },
  },
  status: { id: 'cp-1', serverURL: 'https://us.api.konghq.com', organizationID: 'org-1', konnectEndpoints: { controlPlane: 'cp.example', telemetry: 'tp.example' } },
};

test('KonnectGatewayControlPlane v1alpha1 -> v1alpha2 nests the create request; metadata untouched', () => {
  const hub = convertObject(v1alpha1, 'konnect.konghq.com/v1alpha2');
  assert.deepEqual(hub, {
    apiVersion: 'konnect.konghq.com/v1alpha2',
    kind: 'KonnectGatewayControlPlane',
    metadata,
    spec: {
      createControlPlaneRequest: { name: 'demo-cp', description: 'created by kongward tests', cluster_type: 'CLUSTER_TYPE_CONTROL_PLANE', labels: { env: 'test' } },
      source: 'Origin',
      konnect: { authRef: { name: 'konnect-auth' } },
    },
    status: v1alpha1.status,
  });
  assert.deepEqual(checkManifest(hub).messages, []);
  assert.deepEqual(convertObject(hub, 'konnect.konghq.com/v1alpha1'), v1alpha1);
});

test('fields with no home in the target survive the round trip through an annotation, and only then', () => {
  const v2 = structuredClone(convertObject(v1alpha1, 'konnect.konghq.com/v1alpha2')) as any;
  v2.spec.konnect.authRef.namespace = 'auth-ns';
  v2.status.clusterType = 'CLUSTER_TYPE_CONTROL_PLANE';
  const down = convertObject(v2, 'konnect.konghq.com/v1alpha1') as any;
  assert.equal(down.spec.konnect.authRef.namespace, undefined, 'v1alpha1 has no authRef.namespace');
  assert.equal(down.status.clusterType, undefined);
  assert.deepEqual(JSON.parse(down.metadata.annotations[stashAnnotation('v1alpha2')]), [
    { path: ['spec', 'konnect', 'authRef', 'namespace'], value: 'auth-ns' },
    { path: ['status', 'clusterType'], value: 'CLUSTER_TYPE_CONTROL_PLANE' },
  ]);
  assert.deepEqual(checkManifest(down).messages, []);
  assert.deepEqual(convertObject(down, 'konnect.konghq.com/v1alpha2'), v2, 'v2 -> v1 -> v2 is exact');
});

test('an edit made in the other version wins over the stash for the fields it maps', () => {
  const v2 = structuredClone(v1alpha1) as any;
  v2.spec.konnect.authRef.namespace = undefined;
  const hub = structuredClone(convertObject({ ...v1alpha1, apiVersion: 'konnect.konghq.com/v1alpha1' }, 'konnect.konghq.com/v1alpha2')) as any;
  hub.status.clusterType = 'CLUSTER_TYPE_CONTROL_PLANE';
  const down = structuredClone(convertObject(hub, 'konnect.konghq.com/v1alpha1')) as any;
  down.spec.description = 'edited in v1alpha1';
  const up = convertObject(down, 'konnect.konghq.com/v1alpha2') as any;
  assert.equal(up.spec.createControlPlaneRequest.description, 'edited in v1alpha1');
  assert.equal(up.status.clusterType, 'CLUSTER_TYPE_CONTROL_PLANE', 'unmapped field restored');
  assert.equal(up.metadata.annotations, undefined, 'no stash left behind');
});

test('errors name the field', () => {
  assert.throws(() => convertObject({ ...v1alpha1, apiVersion: 'konnect.konghq.com/v9' }, 'konnect.konghq.com/v1alpha2'),
    (e: unknown) => e instanceof ConversionError && /apiVersion: Unsupported value: "konnect.konghq.com\/v9": supported values: "konnect.konghq.com\/v1alpha2", "konnect.konghq.com\/v1alpha1"/.test(e.message));
  assert.throws(() => convertObject({ ...v1alpha1, kind: 'KongService' }, 'konnect.konghq.com/v1alpha2'), /kongward has no conversion for KongService\.konnect\.konghq\.com/);
  assert.throws(() => convertObject(v1alpha1, 'configuration.konghq.com/v1alpha1'), /cannot convert group/);
  assert.throws(() => convertObject({ kind: 'X' }, 'konnect.konghq.com/v1alpha2'), /apiVersion: Required value/);
});

test('KonnectExtension v1alpha1 <-> v1alpha2 keeps v1alpha1-only configuration through the stash', () => {
  const ext = {
    apiVersion: 'konnect.konghq.com/v1alpha1',
    kind: 'KonnectExtension',
    metadata: { name: 'ext', namespace: 'demo' },
    spec: {
      konnect: { controlPlane: { ref: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'demo-cp' } } }, configuration: { authRef: { name: 'auth' } } },
      clientAuth: { certificateSecret: { provisioning: 'Automatic' } },
    },
  };
  const hub = convertObject(ext, 'konnect.konghq.com/v1alpha2') as any;
  assert.equal(hub.spec.konnect.configuration, undefined);
  assert.deepEqual(checkManifest(hub).messages, []);
  assert.deepEqual(convertObject(hub, 'konnect.konghq.com/v1alpha1'), ext);
});
