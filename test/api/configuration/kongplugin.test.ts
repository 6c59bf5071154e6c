import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkManifest } from '../../support/validate.ts';
import { sharedPath, SHARED_MISSING } from '../../support/shared.ts';
import { patched, ruleError, runCases, schemaErrors } from './kind-cases.ts';

const plugin = {
  apiVersion: 'configuration.konghq.com/v1',
  kind: 'KongPlugin',
  metadata: { name: 'rate-limit', namespace: 'demo' },
  plugin: 'rate-limiting',
  config: { minute: 5, policy: 'local', nested: { anything: [1, 'two'] } },
  protocols: ['http', 'https'],
  run_on: 'first',
  ordering: { before: { access: ['key-auth'] } },
  instance_name: 'rl-1',
  disabled: false,
};
const secretRef = { secretKeyRef: { name: 'plugin-conf', key: 'config' } };
const clusterSecretRef = { secretKeyRef: { name: 'plugin-conf', key: 'config', namespace: 'kong' } };
const clusterPlugin = { ...plugin, kind: 'KongClusterPlugin', metadata: { name: 'rate-limit' } };

runCases('KongPlugin v1', [
  { name: 'a full plugin is accepted, config kept as given', object: plugin, errors: [],
    verify: (r) => assert.deepEqual(r.object?.config, plugin.config) },
  { name: 'status conditions default to Programmed Pending', object: { ...plugin, status: {} }, errors: [],
    verify: (r) => assert.equal((r.object?.status as { conditions: Array<{ reason: string }> }).conditions[0]?.reason, 'Pending') },
  { name: 'plugin is required', object: patched(plugin, { plugin: undefined }), errors: schemaErrors('plugin: Required value') },
  { name: 'config with configFrom is denied', object: { ...plugin, configFrom: secretRef },
    errors: [ruleError('<nil>', 'Using both config and configFrom fields is not allowed.')] },
  { name: 'configFrom with configPatches is denied',
    object: patched(plugin, { config: undefined, configFrom: secretRef, configPatches: [{ path: '/a', valueFrom: secretRef }] }),
    errors: [ruleError('<nil>', 'Using both configFrom and configPatches fields is not allowed.')] },
  { name: 'config with configPatches is accepted', object: { ...plugin, configPatches: [{ path: '/a', valueFrom: secretRef }] }, errors: [] },
  { name: 'configFrom needs secretKeyRef.key', object: patched(plugin, { config: undefined, configFrom: { secretKeyRef: { name: 'x' } } }),
    errors: schemaErrors('configFrom.secretKeyRef.key: Required value') },
  { name: 'protocols are an enum', object: { ...plugin, protocols: ['http', 'ftp'] },
    errors: schemaErrors('protocols[1]: Unsupported value: "ftp": supported values: "http", "https", "grpc", "grpcs", "tcp", "tls", "udp"') },
  { name: 'run_on is an enum', object: { ...plugin, run_on: 'third' },
    errors: schemaErrors('run_on: Unsupported value: "third": supported values: "first", "second", "all"') },
  { name: 'the plugin name cannot change', object: { ...plugin, plugin: 'key-auth' }, old: plugin,
    errors: [ruleError('<nil>', 'The plugin field is immutable')] },
  { name: 'config can change', object: { ...plugin, config: { minute: 10 } }, old: plugin, errors: [] },
]);

runCases('KongClusterPlugin v1', [
  { name: 'a cluster plugin is accepted', object: clusterPlugin, errors: [] },
  { name: 'configFrom names the secret namespace', object: patched(clusterPlugin, { config: undefined, configFrom: clusterSecretRef }), errors: [] },
  { name: 'configFrom without namespace is denied', object: patched(clusterPlugin, { config: undefined, configFrom: secretRef }),
    errors: schemaErrors('configFrom.secretKeyRef.namespace: Required value') },
  { name: 'config with configFrom is denied', object: { ...clusterPlugin, configFrom: clusterSecretRef },
    errors: [ruleError('<nil>', 'Using both config and configFrom fields is not allowed.')] },
  { name: 'the plugin name cannot change', object: { ...clusterPlugin, plugin: 'cors' }, old: clusterPlugin,
    errors: [ruleError('<nil>', 'The plugin field is immutable')] },
]);

test('KongPlugin v1: the captured admission requests validate', (t) => {
  const dir = sharedPath('fixtures', 'admission');
  if (!dir) return t.skip(SHARED_MISSING);
  const load = (name: string) => JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')).request;
  const create = load('kongplugin-create.json');
  assert.deepEqual(checkManifest(create.object).messages, []);
  const update = load('kongplugin-update.json');
  assert.deepEqual(checkManifest(update.object, { oldObject: update.oldObject }).messages, []);
  const renamed = { ...update.object, plugin: 'key-auth' };
  assert.deepEqual(checkManifest(renamed, { oldObject: update.oldObject }).messages, [ruleError('<nil>', 'The plugin field is immutable')]);
});
