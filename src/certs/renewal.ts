// When to renew (cert-manager's thresholds): the serving certificate at 2/3 of its lifetime,
// the CA once less than 1/3 of its lifetime remains (and then the serving certificate too,
// so it chains to the new CA). Pure: the same material and clock always give the same plan.
import type { X509Certificate } from 'node:crypto';
import { createPrivateKey } from 'node:crypto';
import type { CertificateMaterial } from './types.ts';
import { parseLeaf, subjectAltNames } from './x509.ts';

export interface RenewalPlan {
  renewCa: boolean;
  renewLeaf: boolean;
  /** When to look again if nothing is renewed now; equals `now` when something must be renewed. */
  nextCheckAt: Date;
  /** Why something is renewed, for logs (never contains key material). */
  reasons: string[];
}

export interface RenewalExpectations {
  /** SANs the serving certificate must carry; a mismatch (renamed service) re-issues it. */
  dnsNames?: string[];
  ipAddresses?: string[];
}

/** 2/3 of the way from notBefore to notAfter. */
export function leafRenewalTime(notBefore: number, notAfter: number): number {
  return notBefore + ((notAfter - notBefore) * 2) / 3;
}

/** The moment less than 1/3 of the lifetime remains (the same instant as 2/3 elapsed). */
export function caRenewalTime(notBefore: number, notAfter: number): number {
  return notAfter - (notAfter - notBefore) / 3;
}

export function planRenewal(
  material: Partial<CertificateMaterial> | undefined,
  now: Date | number,
  expect: RenewalExpectations = {},
): RenewalPlan {
  const at = typeof now === 'number' ? now : now.getTime();
  const reasons: string[] = [];
  const ca = usableCertificate('CA', material?.caCert, material?.caKey, reasons);
  let caDue = Number.POSITIVE_INFINITY;
  if (ca) {
    if (!ca.ca) reasons.push('CA certificate is not a CA (basicConstraints cA is false)');
    else caDue = caRenewalTime(Date.parse(ca.validFrom), Date.parse(ca.validTo));
    if (at >= caDue) reasons.push(`CA has less than 1/3 of its lifetime left (renewal was due ${new Date(caDue).toISOString()})`);
  }
  const renewCa = reasons.length > 0;

  const leafReasons: string[] = [];
  const leaf = usableCertificate('serving', material?.cert, material?.key, leafReasons);
  let leafDue = Number.POSITIVE_INFINITY;
  if (leaf) {
    leafDue = leafRenewalTime(Date.parse(leaf.validFrom), Date.parse(leaf.validTo));
    if (at >= leafDue) leafReasons.push(`serving certificate reached 2/3 of its lifetime (due ${new Date(leafDue).toISOString()})`);
    if (ca && !renewCa && !issuedBy(leaf, ca)) leafReasons.push('serving certificate was not issued by the current CA');
    const missing = missingNames(leaf, expect);
    if (missing.length > 0) leafReasons.push(`serving certificate lacks subject alternative names ${missing.join(', ')}`);
  }
  if (renewCa) leafReasons.push('CA is renewed');
  reasons.push(...leafReasons);
  const renewLeaf = leafReasons.length > 0;

  const nextCheckAt = renewCa || renewLeaf ? at : Math.min(caDue, leafDue);
  return { renewCa, renewLeaf, nextCheckAt: new Date(nextCheckAt), reasons };
}

function usableCertificate(
  role: string,
  certPem: string | undefined,
  keyPem: string | undefined,
  reasons: string[],
): X509Certificate | undefined {
  if (!certPem || !keyPem) {
    reasons.push(`${role} certificate or key is missing`);
    return undefined;
  }
  let cert: X509Certificate;
  try {
    cert = parseLeaf(certPem);
  } catch {
    reasons.push(`${role} certificate does not parse`);
    return undefined;
  }
  try {
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) {
      reasons.push(`${role} key does not match its certificate`);
      return undefined;
    }
  } catch {
    reasons.push(`${role} key does not parse`);
    return undefined;
  }
  return cert;
}

function issuedBy(leaf: X509Certificate, ca: X509Certificate): boolean {
  return leaf.checkIssued(ca) && leaf.verify(ca.publicKey);
}

function missingNames(leaf: X509Certificate, expect: RenewalExpectations): string[] {
  const have = subjectAltNames(leaf);
  const ips = new Set(have.ipAddresses.map(normalizeIp));
  return [
    ...(expect.dnsNames ?? []).filter((name) => !have.dnsNames.includes(name)),
    ...(expect.ipAddresses ?? []).filter((ip) => !ips.has(normalizeIp(ip))),
  ];
}

/** node prints ::1 as 0:0:0:0:0:0:0:1; compare IPv6 in that expanded, lower-case form. */
function normalizeIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = ip.includes('::') ? Array(8 - left.length - right.length).fill('0') : [];
  return [...left, ...fill, ...right].map((part) => part.replace(/^0+(?=.)/, '').toLowerCase()).join(':');
}
