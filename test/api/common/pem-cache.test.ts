// Certificate verdicts are cached (bounded); cached answers equal fresh ones, and a cached or
// failed certificate parse does not disturb the private key checks that follow.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { issueCa } from '../../../src/certs/issue.ts';
import { CERTIFICATE_VERDICT_LIMIT, cachedCertificateVerdicts, certificateProblem, privateKeyProblem } from '../../../src/api/common/pem.ts';

let cert = '';
let key = '';
before(async () => {
  const ca = await issueCa({ service: 'kongward', namespace: 'test' }, Date.now());
  cert = ca.cert;
  key = ca.key;
});

const broken = (i: number): string => `-----BEGIN CERTIFICATE-----\nQUJD${i}\n-----END CERTIFICATE-----\n`;

test('repeated certificate checks give the same verdicts, valid and invalid', () => {
  for (let round = 0; round < 3; round++) {
    assert.equal(certificateProblem(cert), undefined);
    assert.equal(certificateProblem(broken(1)), 'cannot parse the X.509 certificate');
    assert.equal(certificateProblem(`${cert}${broken(2)}`), 'block 2: cannot parse the X.509 certificate');
    assert.equal(certificateProblem(key), `PEM block is "${/BEGIN ([A-Z ]+)-----/.exec(key)?.[1]}", expected "CERTIFICATE"`);
    assert.equal(certificateProblem('not pem'), 'no PEM block found');
    // a failed (or cached) certificate parse leaves nothing behind for the key parse
    assert.equal(privateKeyProblem(key), undefined);
  }
});

test('texts too large to cache are still checked', () => {
  const big = `${cert}\n${' '.repeat(70 * 1024)}${broken(3)}`;
  const before = cachedCertificateVerdicts();
  assert.ok(before < CERTIFICATE_VERDICT_LIMIT);
  assert.equal(certificateProblem(big), 'block 2: cannot parse the X.509 certificate');
  assert.equal(certificateProblem(`${cert}\n${' '.repeat(70 * 1024)}`), undefined);
  assert.equal(cachedCertificateVerdicts(), before);
});

test('the verdict cache is bounded and keeps answering correctly after evictions', () => {
  for (let i = 0; i < CERTIFICATE_VERDICT_LIMIT * 2; i++) assert.equal(certificateProblem(broken(1000 + i)), 'cannot parse the X.509 certificate');
  assert.equal(cachedCertificateVerdicts(), CERTIFICATE_VERDICT_LIMIT);
  assert.equal(certificateProblem(cert), undefined);
  assert.equal(certificateProblem(broken(1000)), 'cannot parse the X.509 certificate');
  assert.equal(cachedCertificateVerdicts(), CERTIFICATE_VERDICT_LIMIT);
});
