// The reference checks offline: the documents of one run (and --base) are the universe, every
// document goes through the same validators as /validate (engine + reference checks), and
// denials carry the position of the referencing field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { parseManifests, type ManifestDocument } from '../../src/manifests/documents.ts';
import { checkDocument, objectKey, type DocumentResult } from '../../src/offline/check-documents.ts';
import { buildValidators } from '../../src/webhooks/admission/default-validators.ts';
import { offlineReferenceLookup } from '../../src/references/offline-lookup.ts';
import { referenceValidators } from '../../src/references/validators.ts';
import { sharedPath, SHARED_MISSING } from '../support/shared.ts';
import * as f from './fixtures.ts';

type Json = Record<string, unknown>;

async function validateFiles(files: Record<string, string>, baseObjects: Json[] = []): Promise<DocumentResult[]> {
  const documents: ManifestDocument[] = Object.entries(files).flatMap(([file, text]) => parseManifests(file, text).documents);
  const validators = buildValidators({ unknownFields: 'error' });
  const lookup = offlineReferenceLookup(documents.map((d) => d.object), { base: baseObjects });
  for (const { gvk, validator } of referenceValidators(lookup)) validators.register(gvk, validator);
  const base = new Map(baseObjects.map((o) => [objectKey(o)!, o]));
  return Promise.all(documents.map((document) => checkDocument(document, { validators, base })));
}

const yamlOf = (...objects: Json[]) => objects.map((o) => stringify(o)).join('---\n');
const validate = (objects: Json[], base: Json[] = []) => validateFiles({ 'all.yaml': yamlOf(...objects) }, base);
const byName = (results: DocumentResult[], name: string) => {
  const found = results.find((r) => r.name === name);
  assert.ok(found, `no result for ${name}`);
  return found;
};

test("the user's case: a KongService on a KIC control plane is denied with KGO's message at the field's position", async (t) => {
  const file = sharedPath('examples', 'invalid', 'kongservice-on-kic-cluster-type-cp.yaml');
  if (!file) return t.skip(SHARED_MISSING);
  const results = await validateFiles({ [file]: readFileSync(file, 'utf8') });
  const svc = byName(results, 'httpbin-svc-kic');
  assert.equal(svc.status, 'invalid');
  assert.deepEqual(svc.errors.map((e) => e.message), [
    'spec.controlPlaneRef: Forbidden: Attaching to ControlPlane default/gateway-control-plane-kic with cluster type CLUSTER_TYPE_K8S_INGRESS_CONTROLLER is not supported',
  ]);
  assert.equal(svc.errors[0]!.field, 'spec.controlPlaneRef');
  assert.equal(svc.errors[0]!.position.line, 27, 'line of controlPlaneRef in the example');
  assert.equal(byName(results, 'gateway-control-plane-kic').status, 'valid');
});

test('the walkthrough is accepted with its references resolved (no warnings for its references)', async (t) => {
  const dir = sharedPath('examples', 'walkthrough');
  if (!dir) return t.skip(SHARED_MISSING);
  const names = ['01-auth.yaml', '02-control-plane.yaml', '03-dp-client-certificate.yaml', '07-kong-service.yaml', '08-kong-route.yaml'];
  const results = await validateFiles(Object.fromEntries(names.map((n) => [n, readFileSync(`${dir}/${n}`, 'utf8')])));
  for (const r of results) {
    assert.equal(r.status, 'valid', `${r.file}: ${r.errors.map((e) => e.message).join('; ')}`);
    assert.deepEqual(r.warnings.filter((w) => /not found|KongReferenceGrant/.test(w.message)), [], r.file);
  }
});

test('cluster types: entities are denied on KIC and group control planes (v1alpha1 and v1alpha2 shapes), allowed on the default type', async () => {
  const results = await validate([
    f.auth(), f.controlPlane('kic', f.KIC), f.controlPlaneV2('group', f.GROUP), f.controlPlaneV2('plain'), f.controlPlane('hybrid', 'CLUSTER_TYPE_CONTROL_PLANE'),
    f.service('on-kic', 'kic'), f.service('on-group', 'group'), f.service('on-plain', 'plain'), f.upstream('up-hybrid', 'hybrid'), f.upstream('up-group', 'group'),
  ]);
  assert.deepEqual(byName(results, 'on-kic').errors.map((e) => e.message), [`spec.controlPlaneRef: Forbidden: ${f.kicMessage('kic')}`]);
  assert.deepEqual(byName(results, 'on-group').errors.map((e) => e.message), [`spec.controlPlaneRef: Forbidden: ${f.kicMessage('group', f.GROUP)}`]);
  assert.equal(byName(results, 'up-group').status, 'invalid');
  for (const name of ['on-plain', 'up-hybrid']) assert.equal(byName(results, name).status, 'valid', name);
});

test('mirrored control planes: the observed cluster type decides; unknown yet is allowed', async () => {
  const results = await validate([f.auth(), f.mirroredControlPlane('mirror-kic', f.KIC), f.mirroredControlPlane('mirror-new'), f.service('a', 'mirror-kic'), f.service('b', 'mirror-new')]);
  assert.deepEqual(byName(results, 'a').errors.map((e) => e.message), [`spec.controlPlaneRef: Forbidden: ${f.kicMessage('mirror-kic')}`]);
  assert.equal(byName(results, 'b').status, 'valid');
});

test('KonnectExtension follows its own cluster-type mapping; data plane certificates attach to KIC and group control planes', async () => {
  const results = await validate([
    f.auth(), f.controlPlane('kic', f.KIC), f.controlPlaneV2('group', f.GROUP),
    f.konnectExtension('v1alpha1', 'ext1-kic', 'kic'), f.konnectExtension('v1alpha2', 'ext2-kic', 'kic'),
    f.konnectExtension('v1alpha1', 'ext1-group', 'group'), f.konnectExtension('v1alpha2', 'ext2-group', 'group'),
    f.dpCertificate('cert-kic', 'kic'), f.dpCertificate('cert-group', 'group'),
  ]);
  for (const name of ['ext1-kic', 'ext2-kic', 'ext2-group', 'cert-kic', 'cert-group']) {
    const refErrors = byName(results, name).errors.filter((e) => e.field !== 'spec.cert'); // the dummy certificate is not the point
    assert.deepEqual(refErrors.map((e) => e.message), [], name);
  }
  assert.deepEqual(byName(results, 'ext1-group').errors.map((e) => e.message), [`spec.konnect.controlPlane.ref: Forbidden: ${f.kicMessage('group', f.GROUP)}`]);
});

test('same control plane: a route and its service on different control planes are denied; a route inherits its service\'s', async () => {
  const results = await validate([
    f.auth(), f.controlPlane('cp-a'), f.controlPlane('cp-b'),
    f.service('svc-a', 'cp-a'), f.route('rt-mismatch', 'svc-a', 'cp-b'), f.route('rt-same', 'svc-a', 'cp-a'), f.route('rt-inherit', 'svc-a'),
    f.plugin('auth'),
    f.pluginBinding('pb-mismatch', 'cp-b', 'auth', { routeRef: { group: 'configuration.konghq.com', kind: 'KongRoute', name: 'rt-inherit' } }),
    f.pluginBinding('pb-same', 'cp-a', 'auth', { serviceRef: { group: 'configuration.konghq.com', kind: 'KongService', name: 'svc-a' } }),
  ]);
  assert.deepEqual(byName(results, 'rt-mismatch').errors.map((e) => e.message), [
    'spec.serviceRef: Forbidden: KongService default/svc-a is attached to ControlPlane default/cp-a, but this KongRoute is attached to ControlPlane default/cp-b; both must be on the same control plane',
  ]);
  assert.equal(byName(results, 'rt-mismatch').errors[0]!.field, 'spec.serviceRef');
  assert.deepEqual(byName(results, 'pb-mismatch').errors.map((e) => e.field), ['spec.targets.routeRef'], 'the route is on cp-a through its service');
  for (const name of ['rt-same', 'rt-inherit', 'pb-same']) assert.equal(byName(results, name).status, 'valid', name);
});

test('missing targets are warnings naming the target; the same documents with the target are clean', async () => {
  const missing = await validate([f.service('svc', 'nowhere'), f.route('rt', 'no-svc'), f.pluginBinding('pb', 'nowhere', 'no-plugin', { serviceRef: { group: 'configuration.konghq.com', kind: 'KongService', name: 'svc' } })]);
  const svc = byName(missing, 'svc');
  assert.equal(svc.status, 'valid');
  assert.match(svc.warnings.map((w) => w.message).join('\n'), /^spec\.controlPlaneRef: KonnectGatewayControlPlane default\/nowhere not found/m);
  assert.match(byName(missing, 'rt').warnings.map((w) => w.message).join('\n'), /^spec\.serviceRef: KongService default\/no-svc not found/m);
  assert.match(byName(missing, 'pb').warnings.map((w) => w.message).join('\n'), /^spec\.pluginRef: KongPlugin default\/no-plugin not found/m);
  const present = await validate([f.auth(), f.controlPlane('nowhere'), f.service('svc', 'nowhere')]);
  assert.deepEqual(byName(present, 'svc').warnings, []);
});

test('--base objects are part of the universe; the run\'s version of an object wins', async () => {
  const base = [f.auth(), f.controlPlane('cp', f.KIC)];
  const fromBase = await validate([f.service('svc', 'cp')], base);
  assert.equal(byName(fromBase, 'svc').status, 'invalid', 'the KIC control plane comes from --base');
  const changed = await validate([f.controlPlane('cp'), f.service('svc', 'cp')], base);
  assert.equal(byName(changed, 'svc').status, 'valid', 'the run redefines the control plane as a plain one');
});

test('cross-namespace references: a warning stating the KongReferenceGrant needed, none once it exists', async () => {
  const objects = [f.auth('konnect-api-auth', 'platform'), f.controlPlane('shared', undefined, 'platform'), f.service('svc', 'shared', 'team-a', 'platform')];
  const without = await validate(objects);
  assert.deepEqual(byName(without, 'svc').warnings.map((w) => w.message), [
    'spec.controlPlaneRef: KonnectGatewayControlPlane platform/shared is in another namespace than this KongService; it needs a KongReferenceGrant in namespace "platform" with from {group: configuration.konghq.com, kind: KongService, namespace: "team-a"} and to {group: konnect.konghq.com, kind: KonnectGatewayControlPlane, name: shared}; none was found',
  ]);
  const withGrant = await validate([...objects, f.grant('platform', { kind: 'KongService', namespace: 'team-a' }, { kind: 'KonnectGatewayControlPlane', name: 'shared' })]);
  assert.deepEqual(byName(withGrant, 'svc').warnings, []);
  const wrongGrant = await validate([...objects, f.grant('platform', { kind: 'KongRoute', namespace: 'team-a' }, { kind: 'KonnectGatewayControlPlane' })]);
  assert.equal(byName(wrongGrant, 'svc').warnings.length, 1, 'a grant for another kind does not count');
});
