// The registry entry for the plugin/credential/vault/... kinds: every kind is findable by its
// group/version/kind, and every CEL rule compiles, in the number the reference rule table lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configurationOtherKinds } from '../../../src/api/registry.ts';
import { findVersion } from '../../../src/api/registry.ts';
import { compileAllRules } from '../../../src/validation/engine.ts';

// Kind -> [version, scope, CEL rule count in Kong Operator v2.2.3].
const expected: Record<string, [string, 'Namespaced' | 'Cluster', number]> = {
  KongPlugin: ['v1', 'Namespaced', 3],
  KongClusterPlugin: ['v1', 'Cluster', 3],
  KongPluginBinding: ['v1alpha1', 'Namespaced', 20],
  KongCredentialACL: ['v1alpha1', 'Namespaced', 6],
  KongCredentialAPIKey: ['v1alpha1', 'Namespaced', 6],
  KongCredentialBasicAuth: ['v1alpha1', 'Namespaced', 6],
  KongCredentialHMAC: ['v1alpha1', 'Namespaced', 6],
  KongCredentialJWT: ['v1alpha1', 'Namespaced', 7],
  KongVault: ['v1alpha1', 'Cluster', 13],
  KongDataPlaneClientCertificate: ['v1alpha1', 'Namespaced', 12],
  KongLicense: ['v1alpha1', 'Cluster', 0],
  KongCustomEntity: ['v1alpha1', 'Namespaced', 2],
  KongReferenceGrant: ['v1alpha1', 'Namespaced', 6],
  KongUpstreamPolicy: ['v1beta1', 'Namespaced', 12],
};

test('configurationOtherKinds: each kind is registered once with its version and scope', () => {
  assert.deepEqual(configurationOtherKinds.map((k) => k.kind).sort(), Object.keys(expected).sort());
  for (const kind of configurationOtherKinds.map((entry) => entry.load())) {
    const [version, scope] = expected[kind.kind] ?? [];
    assert.equal(kind.scope, scope, kind.kind);
    assert.deepEqual(kind.versions.map((v) => [v.name, v.served, v.storage]), [[version, true, true]], kind.kind);
    assert.equal(findVersion({ group: 'configuration.konghq.com', version: version as string, kind: kind.kind })?.kind, kind);
  }
});

test('configurationOtherKinds: every CEL rule compiles, as many as the reference CRDs carry', () => {
  for (const kind of configurationOtherKinds.map((entry) => entry.load())) {
    for (const version of kind.versions) {
      assert.equal(compileAllRules({ kind, version }), expected[kind.kind]?.[2], `${kind.kind} ${version.name}`);
    }
  }
});
