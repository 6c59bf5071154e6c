import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { issueCa } from '../../../src/certs/issue.ts';
import { certificateProblem, pemCertificateCheck, privateKeyProblem } from '../../../src/api/common/pem.ts';
import { checkManifest } from '../../support/validate.ts';
import { sharedPath, SHARED_MISSING } from '../../support/shared.ts';
import { patched, pendingStatus, programmedStatus, ruleError, schemaErrors } from './kind-cases.ts';

let cert = '';
let otherCert = '';
let key = '';
before(async () => {
  const policy = { service: 'kongward', namespace: 'test' };
  const first = await issueCa(policy, Date.now());
  const second = await issueCa(policy, Date.now());
  cert = first.cert;
  key = first.key;
  otherCert = second.cert;
});

const konnectRef = { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } };
function manifest(spec: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'configuration.konghq.com/v1alpha1',
    kind: 'KongDataPlaneClientCertificate',
    metadata: { name: 'dp-cert', namespace: 'default' },
    spec: { controlPlaneRef: konnectRef, cert, ...spec },
    ...extra,
  };
}
const messages = (object: Record<string, unknown>, old?: Record<string, unknown>) =>
  checkManifest(object, old ? { oldObject: old } : {}).messages;

test('KongDataPlaneClientCertificate: a valid certificate is accepted and status defaults to Pending', () => {
  const result = checkManifest(manifest());
  assert.deepEqual(result.messages, []);
  const status = result.object?.status as { conditions: Array<{ type: string; reason: string }> };
  assert.deepEqual([status.conditions[0]?.type, status.conditions[0]?.reason], ['Programmed', 'Pending']);
});

test('KongDataPlaneClientCertificate: spec.cert must be PEM certificates, never echoed', () => {
  assert.deepEqual(messages(manifest({ cert: 'not a certificate' })), [
    'spec.cert: Invalid value: "<redacted>": not a valid PEM certificate: no PEM block found',
  ]);
  const broken = cert.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!!!!!!!!!!!!!!!!!');
  assert.deepEqual(messages(manifest({ cert: broken })), [
    'spec.cert: Invalid value: "<redacted>": not a valid PEM certificate: cannot parse the X.509 certificate',
  ]);
  const keyGiven = messages(manifest({ cert: key }));
  assert.deepEqual(keyGiven, [
    'spec.cert: Invalid value: "<redacted>": not a valid PEM certificate: PEM block is "PRIVATE KEY", expected "CERTIFICATE"',
  ]);
  const keyBody = key.split('\n')[1] as string;
  assert.ok(!keyGiven.join('\n').includes(keyBody), 'key material must not appear in errors');
  assert.deepEqual(messages(manifest({ cert: `${cert}\n${otherCert}` })), [], 'a chain of certificates is accepted');
  assert.deepEqual(messages(manifest({ cert: `${cert}\n${key}` })), [
    'spec.cert: Invalid value: "<redacted>": not a valid PEM certificate: block 2: PEM block is "PRIVATE KEY", expected "CERTIFICATE"',
  ]);
});

test('pem.ts: certificate and private key problems', () => {
  assert.equal(certificateProblem(cert), undefined);
  assert.equal(privateKeyProblem(key), undefined);
  assert.equal(privateKeyProblem(cert), 'PEM block is "CERTIFICATE", expected a private key');
  assert.equal(privateKeyProblem(`${key}${key}`), 'found 2 PEM blocks, expected 1');
  assert.equal(privateKeyProblem(key.replace(/\n[A-Za-z0-9+/]{30}/, '\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')), 'cannot parse the private key');
  assert.deepEqual(pemCertificateCheck(['spec', 'cert'])({ operation: 'CREATE', object: { spec: {} } }), {}, 'absent value: nothing to check');
});

test('KongDataPlaneClientCertificate: structural and CEL rules on CREATE', () => {
  assert.deepEqual(messages(patched(manifest(), { spec: { controlPlaneRef: undefined } })), schemaErrors('spec.controlPlaneRef: Required value'));
  assert.deepEqual(messages(manifest({ cert: '' })), [
    'spec.cert: Invalid value: "": spec.cert in body should be at least 1 chars long',
  ]);
  // The type defaults to kic, which this kind refuses; and kic cannot carry a namespaced ref.
  assert.deepEqual(messages(manifest({ controlPlaneRef: { konnectNamespacedRef: { name: 'cp' } } })), [
    ruleError('spec', 'KIC is not supported as control plane'),
    ruleError('spec.controlPlaneRef', 'when type is kic, konnectNamespacedRef must not be set'),
  ]);
  assert.deepEqual(messages(manifest({ controlPlaneRef: { type: 'konnectNamespacedRef' } })), [
    ruleError('spec.controlPlaneRef', 'when type is konnectNamespacedRef, konnectNamespacedRef must be set'),
  ]);
  const adopt = { from: 'konnect', mode: 'match', konnect: { id: 'b6a2c3d4-0000-4000-8000-000000000001' } };
  assert.deepEqual(messages(manifest({ adopt })), []);
  assert.deepEqual(messages(manifest({ adopt: { ...adopt, mode: 'override' } })), [
    ruleError('spec.adopt', "Only 'match' mode adoption is supported"),
  ]);
  // Without a mode the rule cannot read `self.mode`: the apiserver reports the evaluation error.
  assert.deepEqual(messages(manifest({ adopt: { from: 'konnect', konnect: adopt.konnect } })), [
    "spec.adopt: Invalid value: \"object\": no such key: mode evaluating rule: Only 'match' mode adoption is supported",
  ]);
  assert.deepEqual(messages(manifest({ adopt: { from: 'konnect', mode: 'match' } })), [
    ruleError('spec.adopt', "Must specify Konnect options when from='konnect'"),
  ]);
});

test('KongDataPlaneClientCertificate: cert and controlPlaneRef freeze once Programmed (UPDATE)', () => {
  const programmed = manifest({}, { status: programmedStatus });
  const pending = manifest({}, { status: pendingStatus });
  assert.deepEqual(messages(manifest({ cert: otherCert }, { status: programmedStatus }), programmed), [
    ruleError('<nil>', 'spec.cert is immutable when an entity is already Programmed'),
  ]);
  assert.deepEqual(messages(manifest({ cert: otherCert }, { status: pendingStatus }), pending), []);
  const otherRef = { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp2' } };
  assert.deepEqual(messages(manifest({ controlPlaneRef: otherRef }, { status: programmedStatus }), programmed), [
    ruleError('<nil>', 'spec.controlPlaneRef is immutable when an entity is already Programmed'),
  ]);
  assert.deepEqual(messages(manifest({ controlPlaneRef: otherRef }, { status: pendingStatus }), pending), []);
  assert.deepEqual(messages(programmed, programmed), [], 'an unchanged programmed object is accepted');
});

test('KongDataPlaneClientCertificate: the walkthrough document is accepted', (t) => {
  const file = sharedPath('examples', 'walkthrough', '03-dp-client-certificate.yaml');
  if (!file) return t.skip(SHARED_MISSING);
  const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, unknown>);
  assert.equal(docs.length, 1);
  assert.deepEqual(checkManifest(docs[0] as Record<string, unknown>).messages, []);
});

test('KongDataPlaneClientCertificate: the captured admission requests validate', (t) => {
  const dir = sharedPath('fixtures', 'admission');
  if (!dir) return t.skip(SHARED_MISSING);
  const load = (name: string) => JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')).request;
  assert.deepEqual(checkManifest(load('kongdataplaneclientcertificate-create.json').object).messages, []);
  const update = load('kongdataplaneclientcertificate-update.json');
  assert.deepEqual(checkManifest(update.object, { oldObject: update.oldObject }).messages, []);
});
