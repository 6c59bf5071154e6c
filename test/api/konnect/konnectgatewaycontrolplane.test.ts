import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { checkManifest } from '../../support/validate.ts';
import { sharedPath, SHARED_MISSING } from '../../support/shared.ts';
import { patched, ruleError, runCases, statusWith, type Manifest, schemaErrors } from './cases.ts';

const MIRROR_ID = '0e4c2b9e-1f3a-4a7b-9c5d-2e8f6a1b3c4d';
const GROUP = 'CLUSTER_TYPE_CONTROL_PLANE_GROUP';
const KIC = 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER';
const tooManyLabels = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`l${i}`, 'v']));

const v1: Manifest = {
  apiVersion: 'konnect.konghq.com/v1alpha1',
  kind: 'KonnectGatewayControlPlane',
  metadata: { name: 'gateway-control-plane', namespace: 'default' },
  spec: {
    name: 'konnect-cp-crd',
    description: 'demo',
    cluster_type: 'CLUSTER_TYPE_CONTROL_PLANE',
    auth_type: 'pinned_client_certs',
    cloud_gateway: false,
    proxy_urls: [{ host: 'proxy.example.com', port: 443, protocol: 'https' }],
    labels: { team: 'platform' },
    konnect: { authRef: { name: 'konnect-api-auth' } },
  },
};
const v1Mirror = patched(v1, { spec: { source: 'Mirror', mirror: { konnect: { id: MIRROR_ID } } } });
for (const field of ['name', 'description', 'cluster_type', 'auth_type', 'cloud_gateway', 'proxy_urls', 'labels']) {
  delete (v1Mirror.spec as Manifest)[field];
}

runCases('KonnectGatewayControlPlane v1alpha1', [
  { name: 'an Origin control plane is accepted and source defaults to Origin', object: v1, errors: [],
    verify: (r) => assert.equal((r.object?.spec as Manifest).source, 'Origin') },
  { name: 'a Mirror control plane is accepted', object: v1Mirror, errors: [] },
  { name: 'a group with members is accepted, member name defaults to ""', object: patched(v1, { spec: { cluster_type: GROUP, members: [{ name: 'cp-a' }, {}] } }), errors: [],
    verify: (r) => assert.deepEqual((r.object?.spec as { members: unknown[] }).members, [{ name: 'cp-a' }, { name: '' }]) },
  { name: 'source is an enum', object: patched(v1, { spec: { source: 'Copy' } }),
    errors: schemaErrors('spec.source: Unsupported value: "Copy": supported values: "Origin", "Mirror"') },
  { name: 'proxy_urls need host, port and protocol', object: patched(v1, { spec: { proxy_urls: [{ host: 'h' }] } }),
    errors: schemaErrors('spec.proxy_urls[0].port: Required value', 'spec.proxy_urls[0].protocol: Required value') },
  { name: 'authRef needs a name', object: patched(v1, { spec: { konnect: { authRef: { name: '' } } } }),
    errors: ['spec.konnect.authRef.name: Invalid value: "": spec.konnect.authRef.name in body should be at least 1 chars long'] },
  { name: 'mirror id must be a UUID', object: patched(v1Mirror, { spec: { mirror: { konnect: { id: 'not-a-uuid' } } } }),
    errors: ['spec.mirror.konnect.id: Invalid value: "not-a-uuid": spec.mirror.konnect.id in body should match \'^[0-9a-f]{8}(?:\\-[0-9a-f]{4}){3}-[0-9a-f]{12}$\''] },
  { name: 'at most 40 labels', object: patched(v1, { spec: { labels: tooManyLabels } }),
    errors: [ruleError('spec', 'spec.labels must not have more than 40 entries')] },
  { name: 'label values are 1-63 characters', object: patched(v1, { spec: { labels: { team: '' } } }),
    errors: [ruleError('spec', 'spec.labels values must be of length 1-63 characters')] },
  { name: 'label keys are at most 63 characters', object: patched(v1, { spec: { labels: { ['k'.repeat(64)]: 'v' } } }),
    errors: [ruleError('spec', 'spec.labels keys must be of length 1-63 characters')] },
  { name: 'label keys must not use reserved prefixes', object: patched(v1, { spec: { labels: { konnect_team: 'v' } } }),
    errors: [ruleError('spec', "spec.labels keys must not start with 'k8s', 'kong', 'konnect', 'mesh', 'kic', 'insomnia' or '_'")] },
  { name: 'label keys must match the pattern', object: patched(v1, { spec: { labels: { 'team-': 'v' } } }),
    errors: [ruleError('spec', "spec.labels keys must satisfy the '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$' pattern")] },
  { name: 'cluster_type must be a known one', object: patched(v1, { spec: { cluster_type: 'CLUSTER_TYPE_SERVERLESS' } }),
    errors: [ruleError('spec', "when specified, spec.cluster_type must be one of 'CLUSTER_TYPE_CONTROL_PLANE_GROUP', 'CLUSTER_TYPE_CONTROL_PLANE' or 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER'")] },
  { name: 'members only for groups', object: patched(v1, { spec: { members: [{ name: 'cp-a' }] } }),
    errors: [ruleError('spec', 'spec.members is only applicable for ControlPlanes that are created as groups')] },
  { name: 'no cloud_gateway for KIC control planes', object: patched(v1, { spec: { cluster_type: KIC } }),
    errors: [ruleError('spec', "cloud_gateway cannot be set for cluster_type 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER'")] },
  { name: 'Mirror carries no create fields', object: patched(v1Mirror, { spec: { description: 'x' } }),
    errors: [ruleError('spec', 'createControlPlaneRequest fields cannot be set for type Mirror')] },
  { name: 'Mirror needs mirror', object: patched(v1Mirror, { spec: { mirror: undefined } }),
    errors: [ruleError('spec', 'mirror field must be set for type Mirror')] },
  { name: 'Origin takes no mirror', object: patched(v1, { spec: { mirror: { konnect: { id: MIRROR_ID } } } }),
    errors: [ruleError('spec', 'mirror field cannot be set for type Origin')] },
  { name: 'Origin needs a name', object: patched(v1, { spec: { name: undefined } }),
    errors: [ruleError('spec', 'Name must be set for type Origin')] },
  { name: 'cluster_type cannot change', object: patched(v1, { spec: { cluster_type: GROUP } }), old: v1,
    errors: [ruleError('spec', 'spec.cluster_type is immutable')] },
  { name: 'cluster_type cannot be added (the rule reads the missing old value)', object: v1, old: patched(v1, { spec: { cluster_type: undefined } }),
    errors: [ruleError('spec', 'no such key: cluster_type evaluating rule: spec.cluster_type is immutable')] },
  { name: 'source cannot change', object: v1Mirror, old: patched(v1, { spec: { cluster_type: undefined } }),
    errors: [ruleError('spec', 'spec.source is immutable')] },
  { name: 'description can change', object: patched(v1, { spec: { description: 'new' } }), old: v1, errors: [] },
  { name: 'authRef can change while not Programmed', object: patched(v1, { spec: { konnect: { authRef: { name: 'other' } } } }),
    old: v1, errors: [] },
  { name: 'authRef is frozen once Programmed',
    object: patched(v1, { spec: { konnect: { authRef: { name: 'other' } } }, status: statusWith('Programmed', 'True') }), old: v1,
    errors: [ruleError('<nil>', 'spec.konnect.authRef is immutable when an entity is already Programmed')] },
  { name: 'authRef is frozen once its auth is valid',
    object: patched(v1, { spec: { konnect: { authRef: { name: 'other' } } }, status: statusWith('APIAuthValid', 'True') }), old: v1,
    errors: [ruleError('<nil>', 'spec.konnect.authRef is immutable when an entity refers to a Valid API Auth Configuration')] },
]);

const v2: Manifest = {
  apiVersion: 'konnect.konghq.com/v1alpha2',
  kind: 'KonnectGatewayControlPlane',
  metadata: { name: 'demo-cp', namespace: 'default' },
  spec: {
    createControlPlaneRequest: {
      name: 'demo-cp',
      description: 'demo',
      cluster_type: 'CLUSTER_TYPE_CONTROL_PLANE',
      auth_type: 'pki_client_certs',
      cloud_gateway: false,
      proxy_urls: [{ host: 'proxy.example.com', port: 443, protocol: 'https' }],
      labels: { team: 'platform' },
    },
    konnect: { authRef: { name: 'konnect-api-auth', namespace: 'kong' } },
  },
};
const v2Mirror = patched(v2, { spec: { source: 'Mirror', createControlPlaneRequest: undefined, mirror: { konnect: { id: MIRROR_ID } } } });
const cpr = (patch: Manifest) => patched(v2, { spec: { createControlPlaneRequest: patch } });

runCases('KonnectGatewayControlPlane v1alpha2', [
  { name: 'an Origin control plane is accepted and source defaults to Origin', object: v2, errors: [],
    verify: (r) => assert.equal((r.object?.spec as Manifest).source, 'Origin') },
  { name: 'a Mirror control plane is accepted', object: v2Mirror, errors: [] },
  { name: 'spec is required', object: patched(v2, { spec: undefined }), errors: schemaErrors('spec: Required value') },
  { name: 'createControlPlaneRequest needs a name', object: cpr({ name: undefined }),
    includes: ['spec.createControlPlaneRequest.name: Required value'], errors: [] },
  { name: 'authRef namespace is at least 1 character', object: patched(v2, { spec: { konnect: { authRef: { namespace: '' } } } }),
    errors: ['spec.konnect.authRef.namespace: Invalid value: "": spec.konnect.authRef.namespace in body should be at least 1 chars long'] },
  { name: 'at most 40 labels', object: cpr({ labels: tooManyLabels }),
    errors: [ruleError('spec', 'spec.createControlPlaneRequest.labels must not have more than 40 entries')] },
  { name: 'label keys are 1-63 characters', object: cpr({ labels: { ['k'.repeat(64)]: 'v' } }),
    errors: [ruleError('spec', 'spec.createControlPlaneRequest.labels keys must be of length 1-63 characters')] },
  { name: 'label values are 1-63 characters', object: cpr({ labels: { team: 'v'.repeat(64) } }),
    errors: [ruleError('spec', 'spec.createControlPlaneRequest.labels values must be of length 1-63 characters')] },
  { name: 'label keys must not use reserved prefixes', object: cpr({ labels: { k8s_team: 'v' } }),
    errors: [ruleError('spec', "spec.createControlPlaneRequest.labels keys must not start with 'k8s', 'kong', 'konnect', 'mesh', 'kic', 'insomnia' or '_'")] },
  { name: 'label keys must match the pattern', object: cpr({ labels: { 'te am': 'v' } }),
    errors: [ruleError('spec', "spec.createControlPlaneRequest.labels keys must satisfy the '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$' pattern")] },
  { name: 'members only for groups', object: patched(v2, { spec: { members: [{ name: 'cp-a' }] } }),
    errors: [ruleError('spec', 'spec.members is only applicable for ControlPlanes that are created as groups')] },
  { name: 'a group takes members', object: patched(cpr({ cluster_type: GROUP }), { spec: { members: [{ name: 'cp-a' }] } }), errors: [] },
  { name: 'cluster_type must be a known one', object: cpr({ cluster_type: 'CLUSTER_TYPE_SERVERLESS' }),
    errors: [ruleError('spec', "when specified, spec.createControlPlaneRequest.cluster_type must be one of 'CLUSTER_TYPE_CONTROL_PLANE_GROUP', 'CLUSTER_TYPE_CONTROL_PLANE' or 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER'")] },
  { name: 'no cloud_gateway for KIC control planes', object: cpr({ cluster_type: KIC }),
    errors: [ruleError('spec', "spec.createControlPlaneRequest.cloud_gateway cannot be set for spec.createControlPlaneRequest.cluster_type 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER'")] },
  { name: 'Mirror carries no createControlPlaneRequest', object: patched(v2Mirror, { spec: { createControlPlaneRequest: { name: 'x' } } }),
    errors: [ruleError('spec', 'createControlPlaneRequest fields cannot be set for type Mirror')] },
  { name: 'Mirror needs mirror', object: patched(v2Mirror, { spec: { mirror: undefined } }),
    errors: [ruleError('spec', 'mirror field must be set for type Mirror')] },
  { name: 'Origin takes no mirror', object: patched(v2, { spec: { mirror: { konnect: { id: MIRROR_ID } } } }),
    errors: [ruleError('spec', 'mirror field cannot be set for type Origin')] },
  { name: 'Origin needs createControlPlaneRequest', object: patched(v2, { spec: { createControlPlaneRequest: undefined } }),
    errors: [ruleError('spec', 'spec.createControlPlaneRequest must be set for type Origin')] },
  { name: 'cluster_type cannot change', object: cpr({ cluster_type: GROUP }), old: v2,
    errors: [ruleError('spec', 'spec.createControlPlaneRequest.cluster_type is immutable')] },
  { name: 'cluster_type cannot be removed', object: cpr({ cluster_type: undefined }), old: v2,
    errors: [ruleError('spec', 'spec.createControlPlaneRequest.cluster_type is immutable')] },
  { name: 'source cannot change', object: v2Mirror, old: v2,
    includes: [ruleError('spec', 'spec.source is immutable')], errors: [] },
  { name: 'labels can change', object: cpr({ labels: { team: 'edge' } }), old: v2, errors: [] },
  { name: 'authRef is frozen once Programmed',
    object: patched(v2, { spec: { konnect: { authRef: { name: 'other' } } }, status: statusWith('Programmed', 'True') }), old: v2,
    errors: [ruleError('<nil>', 'spec.konnect.authRef is immutable when an entity is already Programmed')] },
  { name: 'authRef is frozen once its auth is valid',
    object: patched(v2, { spec: { konnect: { authRef: { name: 'other' } } }, status: statusWith('APIAuthValid', 'True') }), old: v2,
    errors: [ruleError('<nil>', 'spec.konnect.authRef is immutable when an entity refers to a Valid API Auth Configuration')] },
  { name: 'authRef can change while Programmed is False',
    object: patched(v2, { spec: { konnect: { authRef: { name: 'other' } } }, status: statusWith('Programmed', 'False') }), old: v2, errors: [] },
  { name: 'the controller status is accepted',
    object: { ...v2, status: { ...statusWith('Programmed', 'True'), id: 'cp-id', clusterType: 'CLUSTER_TYPE_CONTROL_PLANE', konnectEndpoints: { controlPlane: 'https://cp', telemetry: 'https://tp' } } },
    old: v2, errors: [] },
]);

test('KonnectGatewayControlPlane: the walkthrough control plane (v1alpha1) is accepted', (t) => {
  const file = sharedPath('examples', 'walkthrough', '02-control-plane.yaml');
  if (!file) return t.skip(SHARED_MISSING);
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const object = doc.toJSON() as Manifest;
    assert.equal(object.apiVersion, 'konnect.konghq.com/v1alpha1');
    assert.deepEqual(checkManifest(object).messages, []);
  }
});

test('KonnectGatewayControlPlane: the captured admission requests validate', (t) => {
  const dir = sharedPath('fixtures', 'admission');
  if (!dir) return t.skip(SHARED_MISSING);
  // The matchPolicy-equivalent capture holds a v1alpha1 body relabelled v1alpha2 by a converter
  // that only rewrote apiVersion (see examples/README.md); it is not a valid v1alpha2 object.
  const files = readdirSync(dir).filter(
    (f) => f.startsWith('konnectgatewaycontrolplane-') && !f.includes('delete') && !f.includes('matchpolicy-equivalent'),
  );
  assert.ok(files.length >= 5);
  for (const file of files) {
    const { request } = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const result = checkManifest(request.object, { operation: request.operation, oldObject: request.oldObject ?? undefined });
    assert.deepEqual(result.messages, [], file);
  }
});
