import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { testCertificates } from '../../support/tls.ts';
import { checkManifest } from '../../support/validate.ts';
import { entitySuite, konnectRef, runCases, withSpec, type Manifest } from './entity-cases.ts';

const pair = await testCertificates();
const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

const valid: Manifest = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongCertificate',
  metadata: { name: 'cert', namespace: 'default' },
  spec: { type: 'inline', cert: pair.cert, key: pair.key, controlPlaneRef: konnectRef },
};
const fromSecret = withSpec(valid, { type: 'secretRef', cert: undefined, key: undefined, secretRef: { name: 'tls' } });
const rule = (message: string) => `spec: Invalid value: "object": ${message}`;

runCases('KongCertificate', [
  ...entitySuite({ valid, controlPlaneRef: 'required', kicUnsupported: true, adoptNeedsKonnectRef: true }),
  { name: 'type defaults to inline', object: withSpec(valid, { type: undefined }), errors: [] },
  { name: 'a certificate chain (leaf + CA)', object: withSpec(valid, { cert: pair.cert + pair.ca }), errors: [] },
  { name: 'from Secrets', object: withSpec(fromSecret, { secretRefAlt: { name: 'tls-alt' } }), errors: [] },
  { name: 'inline without cert', object: withSpec(valid, { cert: undefined }), errors: [rule("spec.cert is required when type is 'inline'")] },
  { name: 'inline with an empty cert', object: withSpec(valid, { cert: '' }), errors: [rule("spec.cert is required when type is 'inline'")] },
  { name: 'inline without key', object: withSpec(valid, { key: undefined }), errors: [rule("spec.key is required when type is 'inline'")] },
  { name: 'secretRef type without secretRef', object: withSpec(fromSecret, { secretRef: undefined }), errors: [rule("spec.secretRef is required when type is 'secretRef'")] },
  {
    name: 'cert/key beside secretRef',
    object: withSpec(fromSecret, { cert: pair.cert }),
    errors: [rule('cert/key and secretRef/secretRefAlt cannot be set at the same time')],
  },
  {
    name: 'cert_alt/key_alt beside secretRefAlt',
    object: withSpec(fromSecret, { secretRefAlt: { name: 'alt' }, key_alt: pair.key }),
    errors: [rule('cert_alt/key_alt and secretRef/secretRefAlt cannot be set at the same time')],
  },
  {
    name: 'type must be inline or secretRef',
    object: withSpec(valid, { type: 'file' }),
    errors: [
      'spec.type: Unsupported value: "file": supported values: "inline", "secretRef"',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'cert is not PEM',
    object: withSpec(valid, { cert: 'not a certificate' }),
    errors: ['spec.cert: Invalid value: "<redacted>": not a valid PEM certificate: no PEM block found'],
  },
  {
    name: 'cert holds a private key',
    object: withSpec(valid, { cert: pair.key }),
    errors: [`spec.cert: Invalid value: "<redacted>": not a valid PEM certificate: PEM block is "${/BEGIN ([A-Z ]+)-----/.exec(pair.key)?.[1]}", expected "CERTIFICATE"`],
  },
  {
    name: 'key is not PEM',
    object: withSpec(valid, { key: 'secret-material-123' }),
    errors: ['spec.key: Invalid value: "<redacted>": not a valid PEM private key: no PEM block found'],
  },
  {
    name: 'key does not belong to cert',
    object: withSpec(valid, { key: otherKey }),
    errors: ['spec.key: Invalid value: "<redacted>": does not match the key pair of spec.cert'],
  },
  { name: 'matching cert_alt/key_alt', object: withSpec(valid, { cert_alt: pair.cert, key_alt: pair.key }), errors: [] },
  {
    name: 'cert_alt is not PEM',
    object: withSpec(valid, { cert_alt: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', key_alt: pair.key }),
    errors: ['spec.cert_alt: Invalid value: "<redacted>": not a valid PEM certificate: cannot parse the X.509 certificate'],
  },
  {
    name: 'key_alt does not belong to cert_alt',
    object: withSpec(valid, { cert_alt: pair.ca, key_alt: pair.key }),
    errors: ['spec.key_alt: Invalid value: "<redacted>": does not match the key pair of spec.cert_alt'],
  },
]);

test('KongCertificate: causes never carry key material', () => {
  const body = pair.key.split('\n')[1] ?? '';
  const result = checkManifest(withSpec(valid, { key: pair.key.replace(body, body.slice(0, -4)) }));
  assert.equal(result.errors.length, 1);
  const text = JSON.stringify(result.errors) + result.messages.join('\n');
  assert.ok(!text.includes(body.slice(0, 16)), 'key material leaked into the causes');
  assert.match(result.messages[0] ?? '', /^spec\.key: Invalid value: "<redacted>": not a valid PEM private key: /);
});
