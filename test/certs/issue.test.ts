import { X509Certificate } from 'node:crypto';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import forge from 'node-forge';
import { DEFAULT_BACKDATE_MS, issueCa, issueServingCertificate, randomSerialHex, serviceDnsNames } from '../../src/certs/issue.ts';
import { DAY, T0, keyPool } from './support.ts';

const keys = keyPool();
const policy = { service: 'kongward-webhook', namespace: 'kong-system', keys, caLifetimeMs: 365 * DAY, leafLifetimeMs: 90 * DAY };

function extension(pem: string, name: string): Record<string, unknown> {
  const ext = forge.pki.certificateFromPem(pem).getExtension(name);
  assert.ok(ext, `extension ${name} present`);
  return ext as Record<string, unknown>;
}

test('the CA is a critical-basicConstraints CA that may only sign certificates and CRLs', async () => {
  const ca = await issueCa(policy, T0);
  const x = new X509Certificate(ca.cert);
  assert.equal(x.ca, true);
  assert.equal(x.subject, 'CN=kongward-ca\nO=kongward');
  assert.equal(x.subject, x.issuer);
  assert.ok(x.verify(x.publicKey), 'self-signed');
  assert.deepEqual(pick(extension(ca.cert, 'basicConstraints'), 'critical', 'cA'), { critical: true, cA: true });
  assert.deepEqual(pick(extension(ca.cert, 'keyUsage'), 'critical', 'keyCertSign', 'cRLSign', 'digitalSignature', 'keyEncipherment'), {
    critical: true, keyCertSign: true, cRLSign: true, digitalSignature: false, keyEncipherment: false,
  });
  assert.equal(new Date(x.validFrom).getTime(), T0 - DEFAULT_BACKDATE_MS);
  assert.equal(new Date(x.validTo).getTime(), T0 + 365 * DAY);
});

test('the serving certificate chains to the CA and is only a TLS server certificate', async () => {
  const ca = await issueCa(policy, T0);
  const leaf = await issueServingCertificate(ca, policy, T0);
  const x = new X509Certificate(leaf.cert);
  const caX = new X509Certificate(ca.cert);
  assert.ok(x.checkIssued(caX));
  assert.ok(x.verify(caX.publicKey));
  assert.equal(x.ca, false);
  assert.equal(x.subject, 'CN=kongward-webhook.kong-system.svc\nO=kongward');
  assert.deepEqual(x.keyUsage, ['1.3.6.1.5.5.7.3.1'], 'extKeyUsage serverAuth only');
  assert.deepEqual(pick(extension(leaf.cert, 'keyUsage'), 'critical', 'digitalSignature', 'keyEncipherment', 'keyCertSign'), {
    critical: true, digitalSignature: true, keyEncipherment: true, keyCertSign: false,
  });
  assert.equal(x.subjectAltName, serviceDnsNames('kongward-webhook', 'kong-system').map((n) => `DNS:${n}`).join(', '));
  assert.equal(x.subjectAltName,
    'DNS:kongward-webhook, DNS:kongward-webhook.kong-system, DNS:kongward-webhook.kong-system.svc, DNS:kongward-webhook.kong-system.svc.cluster.local');
  assert.equal(x.checkHost('kongward-webhook.kong-system.svc'), 'kongward-webhook.kong-system.svc');
  assert.equal(x.checkHost('localhost'), undefined, 'no development names outside development');
  assert.equal(new Date(x.validFrom).getTime(), T0 - DEFAULT_BACKDATE_MS);
  assert.equal(new Date(x.validTo).getTime(), T0 + 90 * DAY);
  // Key identifiers: the leaf's authority key id is the CA's subject key id.
  const caSki = extension(ca.cert, 'subjectKeyIdentifier')['subjectKeyIdentifier'];
  const leafAki = forge.pki.certificateFromPem(leaf.cert).getExtension('authorityKeyIdentifier') as { value: string };
  assert.equal(typeof caSki, 'string');
  assert.ok(forge.util.bytesToHex(leafAki.value).endsWith(caSki as string), 'AKI carries the CA SKI');
  assert.notEqual(extension(leaf.cert, 'subjectKeyIdentifier')['subjectKeyIdentifier'], caSki);
});

test('development adds localhost, 127.0.0.1 and ::1', async () => {
  const ca = await issueCa(policy, T0);
  const x = new X509Certificate((await issueServingCertificate(ca, { ...policy, development: true }, T0)).cert);
  assert.equal(x.checkHost('localhost'), 'localhost');
  assert.equal(x.checkIP('127.0.0.1'), '127.0.0.1');
  assert.equal(x.checkIP('::1'), '::1');
});

test('a serving certificate never outlives its CA', async () => {
  const ca = await issueCa({ ...policy, caLifetimeMs: 30 * DAY }, T0);
  const x = new X509Certificate((await issueServingCertificate(ca, policy, T0 + DAY)).cert);
  assert.equal(new Date(x.validTo).getTime(), T0 + 30 * DAY);
});

test('serials are random, positive and exactly 128 bits', async () => {
  const serials = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const hex = randomSerialHex();
    assert.match(hex, /^00[89a-f][0-9a-f]{31}$/, 'leading zero octet, then 16 octets with the top bit set');
    serials.add(hex);
  }
  assert.equal(serials.size, 200);
  const ca = await issueCa(policy, T0);
  const a = new X509Certificate((await issueServingCertificate(ca, policy, T0)).cert);
  const b = new X509Certificate((await issueServingCertificate(ca, policy, T0)).cert);
  assert.match(a.serialNumber, /^[89A-F][0-9A-F]{31}$/);
  assert.notEqual(a.serialNumber, b.serialNumber);
  assert.notEqual(a.serialNumber, new X509Certificate(ca.cert).serialNumber);
});

test('a non-positive lifetime is refused with the value', async () => {
  await assert.rejects(issueCa({ ...policy, caLifetimeMs: 0 }, T0), /certificate lifetime must be positive, got 0 ms/);
});

function pick(obj: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, obj[k] ?? false]));
}
