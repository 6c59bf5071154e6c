import { X509Certificate } from 'node:crypto';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundleAfterRotation, renewMaterial } from '../../src/certs/authority.ts';
import { issueCa, issueServingCertificate, serviceDnsNames } from '../../src/certs/issue.ts';
import { planRenewal } from '../../src/certs/renewal.ts';
import type { CertificateMaterial } from '../../src/certs/types.ts';
import { splitPemBundle } from '../../src/certs/x509.ts';
import { DAY, T0, keyPool } from './support.ts';

const keys = keyPool();
// No backdate, so lifetimes are round numbers: CA 300 days (renew at day 200), leaf 30 days (renew at day 20).
const policy = { service: 'kw', namespace: 'ns', keys, caLifetimeMs: 300 * DAY, leafLifetimeMs: 30 * DAY, backdateMs: 0 };

async function material(issuedAt = T0): Promise<CertificateMaterial> {
  return (await renewMaterial(undefined, policy, issuedAt)).material;
}

test('nothing is missing: plan renews both and says why', () => {
  const plan = planRenewal(undefined, T0);
  assert.deepEqual([plan.renewCa, plan.renewLeaf], [true, true]);
  assert.equal(plan.nextCheckAt.getTime(), T0);
  assert.ok(plan.reasons.includes('CA certificate or key is missing'));
});

test('renewal thresholds follow the clock: leaf at 2/3 of its life, CA with 1/3 left', async () => {
  const m = await material();
  const rows: Array<[days: number, renewCa: boolean, renewLeaf: boolean, nextCheckDay: number]> = [
    [0, false, false, 20],
    [19.99, false, false, 20],
    [20, false, true, 20],
    [29, false, true, 29],
    [31, false, true, 31], // expired leaf
    [199.99, false, true, 199.99],
    [200, true, true, 200],
  ];
  for (const [days, renewCa, renewLeaf, nextCheckDay] of rows) {
    const plan = planRenewal(m, T0 + days * DAY);
    assert.deepEqual({ days, renewCa: plan.renewCa, renewLeaf: plan.renewLeaf }, { days, renewCa, renewLeaf }, plan.reasons.join('; '));
    assert.equal(plan.nextCheckAt.getTime(), Math.round(T0 + nextCheckDay * DAY), `next check at day ${days}`);
  }
});

test('a renewed leaf keeps the CA; the next check moves to its own 2/3 point', async () => {
  const m = await material();
  const out = await renewMaterial(m, policy, T0 + 20 * DAY);
  assert.equal(out.renewed, true);
  assert.equal(out.material.caCert, m.caCert);
  assert.equal(out.material.caKey, m.caKey);
  assert.notEqual(out.material.cert, m.cert);
  const again = planRenewal(out.material, T0 + 20 * DAY);
  assert.deepEqual([again.renewCa, again.renewLeaf], [false, false]);
  assert.equal(again.nextCheckAt.getTime(), T0 + 40 * DAY);
  // Not due: the same material comes back untouched.
  const same = await renewMaterial(out.material, policy, T0 + 21 * DAY);
  assert.equal(same.renewed, false);
  assert.equal(same.material.cert, out.material.cert);
});

test('CA rotation re-issues the leaf under the new CA and keeps the old CA in the bundle', async () => {
  const m = await material();
  const out = await renewMaterial(m, policy, T0 + 200 * DAY);
  assert.deepEqual([out.plan.renewCa, out.plan.renewLeaf], [true, true]);
  const newCa = new X509Certificate(out.material.caCert);
  const oldCa = new X509Certificate(m.caCert);
  const leaf = new X509Certificate(out.material.cert);
  assert.notEqual(newCa.serialNumber, oldCa.serialNumber);
  assert.ok(leaf.verify(newCa.publicKey), 'leaf chains to the new CA');
  assert.ok(!leaf.verify(oldCa.publicKey));
  const bundle = splitPemBundle(out.material.caBundle).map((pem) => new X509Certificate(pem).serialNumber);
  assert.deepEqual(bundle, [newCa.serialNumber, oldCa.serialNumber]);
  // Once the old CA has expired it leaves the bundle at the next rotation.
  const later = await renewMaterial(out.material, policy, T0 + 400 * DAY);
  assert.deepEqual(
    splitPemBundle(later.material.caBundle).map((pem) => new X509Certificate(pem).serialNumber),
    [new X509Certificate(later.material.caCert).serialNumber, newCa.serialNumber],
  );
});

test('a leaf from another CA, a mismatched key, or a renamed service re-issues the leaf', async () => {
  const m = await material();
  const otherCa = await issueCa(policy, T0);
  const foreign = await issueServingCertificate(otherCa, policy, T0);
  const cases: Array<[string, Partial<CertificateMaterial>, string]> = [
    ['foreign leaf', { ...m, cert: foreign.cert, key: foreign.key }, 'serving certificate was not issued by the current CA'],
    ['wrong key', { ...m, key: foreign.key }, 'serving key does not match its certificate'],
    ['garbage cert', { ...m, cert: 'not a certificate' }, 'serving certificate does not parse'],
  ];
  for (const [name, input, reason] of cases) {
    const plan = planRenewal(input, T0 + DAY);
    assert.deepEqual([plan.renewCa, plan.renewLeaf, plan.reasons], [false, true, [reason]], name);
  }
  const renamed = planRenewal(m, T0 + DAY, { dnsNames: serviceDnsNames('kw2', 'ns') });
  assert.equal(renamed.renewLeaf, true);
  assert.match(renamed.reasons.join(), /lacks subject alternative names kw2, kw2\.ns/);
  const devIps = planRenewal(m, T0 + DAY, { ipAddresses: ['::1'] });
  assert.match(devIps.reasons.join(), /lacks subject alternative names ::1/);
});

test('a CA key that does not match its CA certificate regenerates the CA', async () => {
  const m = await material();
  const plan = planRenewal({ ...m, caKey: m.key }, T0 + DAY);
  assert.deepEqual([plan.renewCa, plan.renewLeaf], [true, true]);
});

test('bundleAfterRotation drops duplicates and unparsable blocks', async () => {
  const ca = await issueCa(policy, T0);
  const bundle = bundleAfterRotation(ca.cert, `${ca.cert}\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`, T0);
  assert.equal(splitPemBundle(bundle).length, 1);
});
