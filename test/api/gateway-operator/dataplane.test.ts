// DataPlane v1beta1: every CRD rule (Kong Operator v2.2.3), defaults, and the user's examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest } from '../../support/validate.ts';
import {
  admissionRequest, at, condition, exampleDocuments, NOT_CHECKED, patched, ruleError, runCases, SHARED_MISSING, type Manifest,
} from './cases.ts';

const proxy = { name: 'proxy', image: 'kong/kong-gateway:3.8.1.0' };
const withContainers = (containers: unknown[]): Manifest => ({ deployment: { podTemplateSpec: { spec: { containers } } } });

const valid: Manifest = {
  apiVersion: 'gateway-operator.konghq.com/v1beta1',
  kind: 'DataPlane',
  metadata: { name: 'dataplane-example', namespace: 'default' },
  spec: withContainers([proxy]),
};
const withSpec = (patch: Manifest) => patched(valid, { spec: patch });
const withWholeSpec = (spec: Manifest): Manifest => ({ ...valid, spec });
const ingress = (patch: Manifest) => withSpec({ network: { services: { ingress: patch } } });

const NO_IMAGE = ruleError('<nil>', 'DataPlane requires an image to be set on proxy container');
const DB_MODE = ruleError('<nil>', "DataPlane supports only db mode 'off'");
const EXTENSION = ruleError('spec', 'Extension not allowed for DataPlane');
const CROSS_NAMESPACE = ruleError('<nil>', 'Cross namespace references not allowed for extension references');
const PROMOTION = ruleError('<nil>', 'DataPlane spec cannot be updated when promotion is in progress');
const PDB = ruleError('spec.resources.podDisruptionBudget.spec', 'You can specify only one of maxUnavailable and minAvailable in a single PodDisruptionBudgetSpec.');

const database = (value: string) => withContainers([{ ...proxy, env: [{ name: 'KONG_DATABASE', value }] }]);
const inPromotion = (reason: string): Manifest => ({ rollout: { conditions: [condition('RolledOut', 'False', reason)] } });

runCases('DataPlane v1beta1', [
  { name: 'a proxy container with an image', object: valid, errors: [] },
  { name: 'no pod template', object: withWholeSpec({ deployment: {} }), errors: [NO_IMAGE] },
  { name: 'no spec at all (the rule reads spec.deployment)', object: withWholeSpec({}), errors: [
    ruleError('<nil>', 'no such key: deployment evaluating rule: DataPlane requires an image to be set on proxy container'),
    ruleError('<nil>', "no such key: deployment evaluating rule: DataPlane supports only db mode 'off'"),
  ] },
  { name: 'proxy container without an image', object: withSpec(withContainers([{ name: 'proxy' }])), errors: [NO_IMAGE] },
  { name: 'image only on a sidecar', object: withSpec(withContainers([{ name: 'proxy' }, { name: 'sidecar', image: 'busybox' }])), errors: [NO_IMAGE] },
  { name: 'pod spec without containers', object: withWholeSpec({ deployment: { podTemplateSpec: { spec: {} } } }), errors: [
    'spec.deployment.podTemplateSpec.spec.containers: Required value', NOT_CHECKED,
  ] },
  { name: 'KONG_DATABASE postgres', object: withSpec(database('postgres')), errors: [DB_MODE] },
  { name: 'KONG_DATABASE off', object: withSpec(database('off')), errors: [] },
  { name: 'KONG_DATABASE empty', object: withSpec(database('')), errors: [] },
  {
    name: 'KONG_DATABASE is only checked when the first container is proxy',
    object: withSpec(withContainers([{ name: 'sidecar', image: 'busybox', env: [{ name: 'KONG_DATABASE', value: 'postgres' }] }, proxy])),
    errors: [],
  },
  { name: 'KonnectExtension of the old group (default group)', object: withSpec({ extensions: [{ kind: 'KonnectExtension', name: 'k' }] }), errors: [] },
  { name: 'KonnectExtension of konnect.konghq.com', object: withSpec({ extensions: [{ group: 'konnect.konghq.com', kind: 'KonnectExtension', name: 'k' }] }), errors: [] },
  { name: 'DataPlaneMetricsExtension is not for DataPlane', object: withSpec({ extensions: [{ kind: 'DataPlaneMetricsExtension', name: 'm' }] }), errors: [EXTENSION] },
  { name: 'KonnectExtension of another group', object: withSpec({ extensions: [{ group: 'example.com', kind: 'KonnectExtension', name: 'k' }] }), errors: [EXTENSION] },
  { name: 'extension in another namespace', object: withSpec({ extensions: [{ kind: 'KonnectExtension', name: 'k', namespace: 'other' }] }), errors: [CROSS_NAMESPACE] },
  {
    name: 'at most one extension',
    object: withSpec({ extensions: [{ kind: 'KonnectExtension', name: 'a' }, { kind: 'KonnectExtension', name: 'b' }] }),
    errors: ['spec.extensions: Too many: 2: must have at most 1 items', NOT_CHECKED],
  },
  { name: 'extension without a name', object: withSpec({ extensions: [{ kind: 'KonnectExtension' }] }), errors: ['spec.extensions[0].name: Required value', NOT_CHECKED] },
  {
    name: 'replicas and scaling together',
    object: withSpec({ deployment: { replicas: 2, scaling: { horizontal: { maxReplicas: 5 } } } }),
    errors: [ruleError('spec.deployment', 'Using both replicas and scaling fields is not allowed.')],
  },
  { name: 'horizontal scaling alone', object: withSpec({ deployment: { scaling: { horizontal: { minReplicas: 1, maxReplicas: 5 } } } }), errors: [] },
  { name: 'horizontal scaling needs maxReplicas', object: withSpec({ deployment: { scaling: { horizontal: {} } } }), errors: [
    'spec.deployment.scaling.horizontal.maxReplicas: Required value', NOT_CHECKED,
  ] },
  {
    name: 'NodePort on a ClusterIP Service',
    object: ingress({ type: 'ClusterIP', ports: [{ port: 80, nodePort: 30080 }] }),
    errors: [ruleError('spec.network.services.ingress', 'Cannot set NodePort when service type is not NodePort or LoadBalancer')],
  },
  { name: 'NodePort on the default (LoadBalancer) Service', object: ingress({ ports: [{ port: 80, nodePort: 30080 }] }), errors: [] },
  { name: 'NodePort on a NodePort Service', object: ingress({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), errors: [] },
  {
    name: 'externalTrafficPolicy on a ClusterIP Service',
    object: ingress({ type: 'ClusterIP', externalTrafficPolicy: 'Local' }),
    errors: [ruleError('spec.network.services.ingress', 'Cannot set ExternalTrafficPolicy for ClusterIP service.')],
  },
  { name: 'externalTrafficPolicy on a LoadBalancer', object: ingress({ externalTrafficPolicy: 'Local' }), errors: [] },
  {
    name: 'unknown Service type',
    object: ingress({ type: 'ExternalName' }),
    errors: ['spec.network.services.ingress.type: Unsupported value: "ExternalName": supported values: "LoadBalancer", "NodePort", "ClusterIP"', NOT_CHECKED],
  },
  { name: 'Service port is required', object: ingress({ ports: [{ targetPort: 8000 }] }), errors: ['spec.network.services.ingress.ports[0].port: Required value', NOT_CHECKED] },
  {
    name: 'Service label values follow the label syntax',
    object: ingress({ labels: { team: '-bad' } }),
    errors: ['spec.network.services.ingress.labels.team: Invalid value: "-bad": spec.network.services.ingress.labels.team in body should match \'^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$\''],
  },
  { name: 'PDB with both bounds', object: withSpec({ resources: { podDisruptionBudget: { spec: { minAvailable: 1, maxUnavailable: '50%' } } } }), errors: [PDB] },
  { name: 'PDB with neither bound', object: withSpec({ resources: { podDisruptionBudget: { spec: {} } } }), errors: [PDB] },
  { name: 'PDB with maxUnavailable', object: withSpec({ resources: { podDisruptionBudget: { spec: { maxUnavailable: '50%' } } } }), errors: [] },
  { name: 'pluginsToInstall needs a name', object: withSpec({ pluginsToInstall: [{ namespace: 'x' }] }), errors: ['spec.pluginsToInstall[0].name: Required value', NOT_CHECKED] },
  {
    name: 'konnectCertificate needs an issuer',
    object: withSpec({ network: { konnectCertificate: {} } }),
    errors: ['spec.network.konnectCertificate.issuer: Required value', NOT_CHECKED],
  },
  {
    name: 'spec change while a promotion is in progress',
    object: patched(valid, { spec: withContainers([{ ...proxy, image: 'kong/kong-gateway:3.9.1.0' }]), status: inPromotion('PromotionInProgress') }),
    old: patched(valid, { status: inPromotion('PromotionInProgress') }),
    errors: [PROMOTION],
  },
  {
    name: 'spec change while waiting for promotion (not in progress)',
    object: patched(valid, { spec: withContainers([{ ...proxy, image: 'kong/kong-gateway:3.9.1.0' }]), status: inPromotion('AwaitingPromotion') }),
    old: patched(valid, { status: inPromotion('AwaitingPromotion') }),
    errors: [],
  },
  {
    name: 'metadata-only update during a promotion',
    object: patched(valid, { metadata: { labels: { a: 'b' } }, status: inPromotion('PromotionInProgress') }),
    old: patched(valid, { status: inPromotion('PromotionInProgress') }),
    errors: [],
  },
  {
    name: 'rollout needs a strategy',
    object: withSpec({ deployment: { ...withContainers([proxy]).deployment as Manifest, rollout: {} } }),
    errors: ['spec.deployment.rollout.strategy: Required value', NOT_CHECKED],
  },
]);

test('DataPlane v1beta1: defaults (Service type, extension group, blue/green plan, status replicas)', () => {
  const result = checkManifest(patched(valid, {
    spec: {
      deployment: { ...(withContainers([proxy]).deployment as Manifest), rollout: { strategy: { blueGreen: { promotion: {} } } } },
      network: { services: { ingress: {} } },
      extensions: [{ kind: 'KonnectExtension', name: 'k' }],
    },
    status: { conditions: [condition('Ready', 'True')] },
  }));
  assert.deepEqual(result.messages, []);
  assert.equal(at(result, 'spec', 'network', 'services', 'ingress', 'type'), 'LoadBalancer');
  assert.equal(at(result, 'spec', 'extensions', 0, 'group'), 'gateway-operator.konghq.com');
  assert.deepEqual(at(result, 'spec', 'deployment', 'rollout', 'strategy', 'blueGreen'), {
    promotion: { strategy: 'BreakBeforePromotion' },
    resources: { plan: { deployment: 'ScaleDownOnPromotionScaleUpOnRollout' } },
  });
  assert.equal(at(result, 'status', 'replicas'), 0);
  assert.equal(at(result, 'status', 'readyReplicas'), 0);
});

test('DataPlane v1beta1: the walkthrough DataPlane is accepted', (t) => {
  const example = exampleDocuments('walkthrough', '06-dataplane.yaml');
  if (!example) return t.skip(SHARED_MISSING);
  for (const document of example.documents) assert.deepEqual(checkManifest(document, { unknownFields: 'error' }).messages, []);
});

for (const file of ['dataplane-db-mode.yaml', 'dataplane-no-image.yaml']) {
  test(`DataPlane v1beta1: examples/invalid/${file} is denied with the apiserver's message`, (t) => {
    const example = exampleDocuments('invalid', file);
    if (!example) return t.skip(SHARED_MISSING);
    const expected = example.header.match(/is invalid: (.*)$/m)?.[1];
    assert.ok(expected, 'the header names the apiserver error');
    const [document] = example.documents;
    assert.deepEqual(checkManifest(document as Manifest, { unknownFields: 'error' }).messages, [expected]);
  });
}

test('DataPlane v1beta1: the objects a real apiserver sent (create, update) are accepted', (t) => {
  const requests = ['dataplane-create.json', 'dataplane-update.json', 'dataplane-update-dryrun.json'].map(admissionRequest);
  if (requests.some((r) => !r)) return t.skip(SHARED_MISSING);
  for (const request of requests) {
    const result = checkManifest(request!.object!, { operation: request!.operation as 'CREATE' | 'UPDATE', ...(request!.oldObject ? { oldObject: request!.oldObject } : {}) });
    assert.deepEqual(result.messages, [], request!.operation);
  }
});
