// The validators' contract beyond single checks: UPDATE ratcheting, objects being deleted,
// fail-open per lookup state, and what they ask of the webhook configuration and RBAC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offlineReferenceLookup } from '../../src/references/offline-lookup.ts';
import { referenceCachedResources, referenceValidators, referenceWebhookRules } from '../../src/references/validators.ts';
import type { LookupState, ReferenceLookup } from '../../src/references/lookup.ts';
import type { AdmissionRequest } from '../../src/webhooks/admission/review.ts';
import { ValidatorRegistry } from '../../src/webhooks/admission/validators.ts';
import { collectVerdicts } from '../../src/webhooks/admission/decide.ts';
import * as f from './fixtures.ts';

type Json = Record<string, unknown>;

function run(lookup: ReferenceLookup, operation: AdmissionRequest['operation'], object: Json | null, oldObject: Json | null = null) {
  const registry = new ValidatorRegistry();
  for (const { gvk, validator } of referenceValidators(lookup)) registry.register(gvk, validator);
  const subject = (object ?? oldObject)!;
  const [group, version] = String(subject.apiVersion).split('/') as [string, string];
  const metadata = subject.metadata as { name: string; namespace?: string };
  const request: AdmissionRequest = {
    uid: 'u', kind: { group, version, kind: String(subject.kind) }, name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
    operation, object, oldObject, dryRun: false,
  };
  return collectVerdicts(request, registry.lookup(request.kind));
}

const world = offlineReferenceLookup([f.auth(), f.controlPlane('kic', f.KIC), f.controlPlane('plain')]);

test('UPDATE: a denial the old object already earned is a warning, a new one is denied', async () => {
  const onKic = f.service('svc', 'kic');
  const edited = { ...onKic, spec: { ...(onKic.spec as Json), port: 8080 } };
  const kept = await run(world, 'UPDATE', edited, onKic);
  assert.ok(kept.ok);
  assert.deepEqual(kept.errors, []);
  assert.match(kept.warnings.join('\n'), /^spec\.controlPlaneRef: Forbidden: Attaching to ControlPlane default\/kic .* \(already the case before this update;/);
  const moved = await run(world, 'UPDATE', onKic, f.service('svc', 'plain'));
  assert.ok(moved.ok);
  assert.equal(moved.errors.length, 1, 'moving onto a KIC control plane is denied');
});

test('objects being deleted are not checked (finalizer removal must go through)', async () => {
  const going = f.service('svc', 'kic');
  (going.metadata as Json).deletionTimestamp = '2025-01-01T00:00:00Z';
  const result = await run(world, 'UPDATE', going, going);
  assert.deepEqual(result, { ok: true, errors: [], warnings: [] });
});

test('fail-open by state: unsynced and stale skip with a warning; objects without references get nothing', async () => {
  for (const state of ['unsynced', 'stale'] as LookupState[]) {
    const lookup: ReferenceLookup = { state: () => state, get: () => undefined, grants: () => [], dependents: () => [] };
    const result = await run(lookup, 'CREATE', f.service('svc', 'kic'));
    assert.ok(result.ok);
    assert.deepEqual(result.errors, []);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!, state === 'stale' ? /is stale/ : /is not synced yet/);
    const kicConsumer = { apiVersion: 'configuration.konghq.com/v1', kind: 'KongConsumer', metadata: { name: 'c', namespace: 'default' }, username: 'c' };
    assert.deepEqual(await run(lookup, 'CREATE', kicConsumer), { ok: true, errors: [], warnings: [] });
  }
});

test('the webhook must send DELETE for control planes and auth configurations; RBAC covers exactly the cached kinds, no Secrets', () => {
  const rules = referenceWebhookRules();
  const cp = rules.find((r) => r.kind === 'KonnectGatewayControlPlane');
  assert.deepEqual(cp?.operations, ['CREATE', 'UPDATE', 'DELETE']);
  assert.deepEqual(cp?.versions, ['v1alpha1', 'v1alpha2']);
  assert.deepEqual(rules.find((r) => r.kind === 'KonnectAPIAuthConfiguration')?.operations, ['DELETE']);
  assert.deepEqual(rules.find((r) => r.kind === 'KongService')?.operations, ['CREATE', 'UPDATE']);
  const cached = referenceCachedResources();
  assert.ok(cached.every((r) => r.kind !== 'Secret' && r.group !== ''));
  for (const kind of ['KonnectGatewayControlPlane', 'KonnectAPIAuthConfiguration', 'KongReferenceGrant', 'KongService', 'KongPlugin', 'KongClusterPlugin', 'KongKeySet', 'KongVault']) {
    assert.ok(cached.some((r) => r.kind === kind), kind);
  }
  assert.equal(cached.find((r) => r.kind === 'KonnectGatewayControlPlane')?.version, 'v1alpha2', 'watched in the storage version');
  assert.ok(!cached.some((r) => r.kind === 'KongCredentialACL'), 'credentials are neither targets nor control plane dependents');
});
