// The CRD generator's shape (names, conversion, versions, determinism) and the comparator the
// reference test relies on: each kind of difference it must catch, it does catch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { findKind, allKinds } from '../../src/api/registry.ts';
import { buildCrd, buildCrds, crdFiles, usesConversionWebhook } from '../../src/crds/generate.ts';
import { defaultNames } from '../../src/deploy/names.ts';
import { GENERATED_MARKER } from '../../src/deploy/render.ts';
import { compareCrdHeader, compareVersion, formatDifference } from './compare.ts';

const kinds = allKinds();

type Json = Record<string, any>;

const kongService = () => structuredClone(buildCrd(findKind('configuration.konghq.com', 'KongService')!)) as unknown as Json;

test('one CRD per kind with generateCrd !== false; Gateway API kinds are not generated', () => {
  const names = buildCrds().map((crd) => crd.metadata.name);
  const expected = kinds.filter((k) => k.generateCrd !== false).map((k) => `${k.plural}.${k.group}`);
  assert.deepEqual(names.sort(), expected.sort());
  assert.ok(!names.some((n) => n.endsWith('.gateway.networking.k8s.io')));
});

test('multi-version kinds (and only those) convert through the webhook Service at /convert', () => {
  const converting = buildCrds().filter((crd) => 'conversion' in crd.spec).map((crd) => crd.metadata.name).sort();
  assert.deepEqual(converting, [
    'controlplanes.gateway-operator.konghq.com',
    'gatewayconfigurations.gateway-operator.konghq.com',
    'konnectextensions.konnect.konghq.com',
    'konnectgatewaycontrolplanes.konnect.konghq.com',
  ]);
  const crd = buildCrd(findKind('gateway-operator.konghq.com', 'ControlPlane')!) as unknown as Json;
  assert.deepEqual(crd.spec.conversion, {
    strategy: 'Webhook',
    webhook: {
      clientConfig: { service: { name: defaultNames.service, namespace: defaultNames.namespace, path: '/convert', port: 443 } },
      conversionReviewVersions: ['v1'],
    },
  });
  assert.equal(usesConversionWebhook(findKind('gateway.networking.k8s.io', 'Gateway')!), false);
});

test('versions carry served/storage/deprecation, printer columns, subresources and the structural schema with rules', () => {
  const crd = buildCrd(findKind('gateway-operator.konghq.com', 'ControlPlane')!) as unknown as Json;
  const [v1beta1, v2beta1] = crd.spec.versions;
  assert.equal(v1beta1.name, 'v1beta1');
  assert.equal(v1beta1.deprecated, true);
  assert.equal(v1beta1.storage, false);
  assert.equal(v2beta1.storage, true);
  assert.deepEqual(v2beta1.subresources, { status: {} });
  const service = kongService();
  const version = service.spec.versions[0];
  assert.equal(version.additionalPrinterColumns[0].jsonPath, '.spec.host');
  const spec = version.schema.openAPIV3Schema.properties.spec;
  assert.ok(spec.required.includes('controlPlaneRef'));
  assert.ok(spec['x-kubernetes-validations'].some((r: Json) => r.message === 'KIC is not supported as control plane'));
  assert.deepEqual(service.spec.names, {
    categories: ['kong'], kind: 'KongService', listKind: 'KongServiceList', plural: 'kongservices', singular: 'kongservice',
  });
  assert.equal(service.spec.scope, 'Namespaced');
});

test('files are deterministic, start with the generated marker and parse back to the CRD', () => {
  const first = crdFiles();
  const second = crdFiles();
  assert.deepEqual(first, second);
  const file = first.find((f) => f.path === 'deploy/crds/configuration.konghq.com_kongservices.yaml');
  assert.ok(file);
  assert.ok(file.content.startsWith(`${GENERATED_MARKER}\n`));
  assert.match(file.content, /npm run generate/);
  assert.deepEqual(parse(file.content), JSON.parse(JSON.stringify(kongService())));
  const kustomization = parse(first.find((f) => f.path === 'deploy/crds/kustomization.yaml')!.content);
  assert.equal(kustomization.resources.length, first.length - 1);
});

test('the comparator reports every kind of schema difference, and none for identical CRDs', () => {
  const ours = kongService();
  assert.deepEqual(compareVersion(ours.spec.versions[0], kongService().spec.versions[0], 'x'), []);
  assert.deepEqual(compareCrdHeader(ours, kongService(), 'x'), []);

  const reference = kongService();
  const version = reference.spec.versions[0];
  const spec = version.schema.openAPIV3Schema.properties.spec;
  spec.properties.host.type = 'integer';
  delete spec.properties.protocol;
  spec.properties.extra = { type: 'string' };
  spec.properties.port.maximum = 1;
  spec.required = spec.required.filter((r: string) => r !== 'host');
  spec['x-kubernetes-validations'][0].message = 'changed';
  spec.properties.controlPlaneRef.properties.type.enum.push('other');
  spec.properties.tags['x-kubernetes-list-type'] = 'set';
  version.additionalPrinterColumns[0].name = 'Hostname';
  version.served = false;
  spec.properties.host.description = 'descriptions are not compared';
  reference.spec.scope = 'Cluster';
  reference.spec.names.shortNames = ['ks'];

  const found = [
    ...compareCrdHeader(ours, reference, 'kongservices'),
    ...compareVersion(ours.spec.versions[0], version, 'kongservices v1alpha1'),
  ].map(formatDifference);
  const expectations = [
    /spec\.host: type: generated "string", reference "integer"/,
    /spec\.protocol: property: generated "present", reference <absent>/,
    /spec\.extra: property: generated <absent>, reference "present"/,
    /spec\.port: maximum: generated <absent>, reference 1/,
    /spec: required:/,
    /spec: x-kubernetes-validations \(extra rule\): generated .*KIC is not supported as control plane/,
    /spec: x-kubernetes-validations \(missing rule\): .*"message":"changed"/,
    /spec\.controlPlaneRef\.type: enum:/,
    /spec\.tags: x-kubernetes-list-type: generated <absent>, reference "set"/,
    /<root>: additionalPrinterColumns:/,
    /<root>: served: generated true, reference false/,
    /spec: scope: generated "Namespaced", reference "Cluster"/,
    /spec\.names: shortNames: generated <absent>, reference \["ks"\]/,
  ];
  for (const expected of expectations) assert.ok(found.some((line) => expected.test(line)), `expected ${expected} in:\n${found.join('\n')}`);
  assert.equal(found.length, expectations.length, found.join('\n'));
});
