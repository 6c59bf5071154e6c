// Development certificates for tests: one CA and serving pair per test process, issued by
// kongward's own issuer (localhost, 127.0.0.1 and ::1 in the SANs).
import { issueCa, issueServingCertificate } from '../../src/certs/issue.ts';

export interface TestCertificates {
  ca: string;
  cert: string;
  key: string;
}

let issued: Promise<TestCertificates> | undefined;

export function testCertificates(): Promise<TestCertificates> {
  issued ??= (async () => {
    const policy = { service: 'kongward', namespace: 'kongward-system', development: true };
    const now = Date.now();
    const ca = await issueCa(policy, now);
    const leaf = await issueServingCertificate(ca, policy, now);
    return { ca: ca.cert, cert: leaf.cert, key: leaf.key };
  })();
  return issued;
}
