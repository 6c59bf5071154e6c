import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { checkManifest } from '../../support/validate.ts';
import { sharedPath, SHARED_MISSING } from '../../support/shared.ts';
import { patched, readExample, ruleError, runCases, statusWith, stringRuleError, type Manifest, schemaErrors } from './cases.ts';

const TOKEN = 'kpat_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN';
const auth: Manifest = {
  apiVersion: 'konnect.konghq.com/v1alpha1',
  kind: 'KonnectAPIAuthConfiguration',
  metadata: { name: 'konnect-api-auth', namespace: 'default' },
  spec: { type: 'token', token: TOKEN, serverURL: 'us.api.konghq.com' },
};
const bySecret = patched(auth, { spec: { type: 'secretRef', token: undefined, secretRef: { name: 'konnect-token' } } });
const withServer = (serverURL: string) => patched(auth, { spec: { serverURL } });

runCases('KonnectAPIAuthConfiguration v1alpha1', [
  { name: 'a token configuration is accepted', object: auth, errors: [] },
  { name: 'a system account token (spat_) is accepted', object: patched(auth, { spec: { token: 'spat_abc' } }), errors: [] },
  { name: 'a secretRef configuration is accepted', object: bySecret, errors: [] },
  { name: 'an https server URL is accepted', object: withServer('https://eu.api.konghq.com'), errors: [] },
  { name: 'spec is required', object: patched(auth, { spec: undefined }), errors: schemaErrors('spec: Required value') },
  { name: 'type and serverURL are required', object: patched(auth, { spec: { type: undefined, serverURL: undefined } }),
    includes: ['spec.serverURL: Required value', 'spec.type: Required value'], errors: [] },
  { name: 'type is an enum', object: patched(auth, { spec: { type: 'basic' } }),
    errors: schemaErrors('spec.type: Unsupported value: "basic": supported values: "token", "secretRef"') },
  { name: 'a token must start with spat_ or kpat_', object: patched(auth, { spec: { token: 'abc123' } }),
    errors: [ruleError('<nil>', 'Konnect tokens have to start with spat_ or kpat_')] },
  { name: 'an empty token is denied', object: patched(auth, { spec: { token: '' } }),
    errors: [ruleError('<nil>', 'Konnect tokens have to start with spat_ or kpat_'), ruleError('spec', 'spec.token is required if auth type is set to token')] },
  { name: 'secretRef type needs a secretRef', object: patched(bySecret, { spec: { secretRef: undefined } }),
    errors: [ruleError('spec', 'spec.secretRef is required if auth type is set to secretRef')] },
  { name: 'token and secretRef together are denied', object: patched(bySecret, { spec: { token: TOKEN } }),
    errors: [ruleError('spec', 'spec.token and spec.secretRef cannot be set at the same time')] },
  { name: 'an empty server URL is denied', object: withServer(''),
    errors: [stringRuleError('spec.serverURL', 'Server URL is required')] },
  { name: 'an http server URL is denied', object: withServer('http://us.api.konghq.com'),
    errors: [stringRuleError('spec.serverURL', 'Server URL must use HTTPs if specifying scheme')] },
  { name: 'a path-only URL has no https scheme', object: withServer('/konnect'),
    errors: [stringRuleError('spec.serverURL', 'Server URL must use HTTPs if specifying scheme')] },
  { name: 'a server that is neither URL nor hostname is denied', object: withServer('us.api.konghq.com/'),
    errors: [stringRuleError('spec.serverURL', 'Server URL must satisfy hostname (RFC 1123) regex if not a valid absolute URL')] },
  { name: 'the server URL cannot change', object: withServer('eu.api.konghq.com'), old: auth,
    errors: [stringRuleError('spec.serverURL', 'Server URL is immutable')] },
  { name: 'the token can be rotated', object: patched(auth, { spec: { token: 'kpat_rotated' } }), old: auth, errors: [] },
  { name: 'status may be written by the controller', object: { ...auth, status: { ...statusWith('APIAuthValid', 'True'), organizationID: 'org' } }, old: auth, errors: [] },
]);

test('KonnectAPIAuthConfiguration v1alpha1: a token dropped on UPDATE is denied', () => {
  const result = checkManifest(patched(auth, { spec: { token: undefined } }), { oldObject: auth });
  assert.ok(result.messages.includes(ruleError('<nil>', 'Token is required once set')), JSON.stringify(result.messages));
});

test('KonnectAPIAuthConfiguration v1alpha1: no error message ever shows the token', () => {
  const bad = [
    patched(auth, { spec: { token: 'abc_secretvalue' } }),
    patched(auth, { spec: { token: 'kpat_secretvalue', secretRef: { name: 'x' } } }),
    patched(auth, { spec: { token: 'spat_secretvalue', serverURL: 'http://x' } }),
    patched(auth, { spec: { token: 'spat_secretvalue', type: 'basic' } }),
  ];
  for (const object of bad) {
    const result = checkManifest(object);
    assert.ok(result.messages.length > 0);
    for (const message of [...result.messages, ...result.warnings]) assert.ok(!message.includes('secretvalue'), message);
  }
});

test('KonnectAPIAuthConfiguration v1alpha1: the walkthrough auth configuration is accepted', (t) => {
  const file = sharedPath('examples', 'walkthrough', '01-auth.yaml');
  if (!file) return t.skip(SHARED_MISSING);
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    assert.deepEqual(checkManifest(doc.toJSON() as Manifest).messages, []);
  }
});

test('KonnectAPIAuthConfiguration v1alpha1: the invalid examples are denied as the apiserver denies them', (t) => {
  const dir = sharedPath('examples', 'invalid');
  if (!dir) return t.skip(SHARED_MISSING);
  const files = readdirSync(dir).filter((f) => f.startsWith('auth-'));
  assert.ok(files.length >= 2);
  for (const file of files) {
    const example = readExample(path.join(dir, file));
    const [first, second] = example.documents;
    const result = example.operation === 'UPDATE' ? checkManifest(second!, { oldObject: first! }) : checkManifest(first!);
    const field = example.field === '(root)' ? '<nil>' : example.field;
    assert.ok(result.messages.some((m) => m.startsWith(`${field}: `) && m.endsWith(`: ${example.message}`)), `${file}: ${JSON.stringify(result.messages)}`);
    if (example.apiserverError) assert.deepEqual(result.messages, [example.apiserverError], file);
  }
});

test('KonnectAPIAuthConfiguration v1alpha1: the captured admission requests validate', (t) => {
  const dir = sharedPath('fixtures', 'admission');
  if (!dir) return t.skip(SHARED_MISSING);
  const files = readdirSync(dir).filter((f) => f.startsWith('konnectapiauthconfiguration-') && !f.includes('delete'));
  assert.ok(files.length >= 4);
  for (const file of files) {
    const { request } = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const result = checkManifest(request.object, { operation: request.operation, oldObject: request.oldObject ?? undefined });
    assert.deepEqual(result.messages, [], file);
  }
});

test('KonnectAPIAuthConfiguration v1alpha1: server URLs KGO cannot use are accepted with a warning', () => {
  const cases: Array<[string, string[]]> = [
    ['us.api.konghq.com', []],
    ['global.api.konghq.com', []],
    ['https://au.api.konghq.com/', []],
    ['konnect.example.internal', []],
    ['api.konghq.com', ['spec.serverURL: "api" is not a Konnect region: the first DNS label must be "global" or a two-letter region code (us, eu, au, me, in)']],
    ['https://usa.api.konghq.tech', ['spec.serverURL: "usa" is not a Konnect region: the first DNS label must be "global" or a two-letter region code (us, eu, au, me, in)']],
    ['https://eu.api.konghq.com:8443/v2', [
      'spec.serverURL: the port 8443 is ignored: Konnect is reached at https://<host> ("eu.api.konghq.com")',
      'spec.serverURL: the path /v2 is ignored: Konnect is reached at https://<host> ("eu.api.konghq.com")',
    ]],
  ];
  for (const [serverURL, warnings] of cases) {
    const result = checkManifest(withServer(serverURL));
    assert.deepEqual(result.messages, [], serverURL);
    assert.deepEqual(result.warnings, warnings, serverURL);
  }
});
