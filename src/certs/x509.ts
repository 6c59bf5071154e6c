// Reading certificates with node:crypto (native and cheap): PEM bundles, summaries for people,
// and the checks a pair must pass before we serve it.
import { X509Certificate, createPrivateKey } from 'node:crypto';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM bundle, in order (a chain file or a ca.crt with several CAs). */
export function splitPemBundle(pem: string): string[] {
  return pem.match(PEM_CERTIFICATE) ?? [];
}

export function parseCertificates(pem: string): X509Certificate[] {
  const blocks = splitPemBundle(pem);
  if (blocks.length === 0) throw new Error('no PEM certificate found');
  return blocks.map((block) => new X509Certificate(block));
}

/** The first certificate of a PEM text (the leaf of a chain file). */
export function parseLeaf(pem: string): X509Certificate {
  return parseCertificates(pem)[0] as X509Certificate;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  dnsNames: string[];
  ipAddresses: string[];
  isCa: boolean;
  notBefore: Date;
  notAfter: Date;
  /** Whole days until notAfter (negative once expired). */
  daysLeft: number;
}

export function summarize(cert: X509Certificate, now: number): CertificateSummary {
  const { dnsNames, ipAddresses } = subjectAltNames(cert);
  const notAfter = new Date(cert.validTo);
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    serialNumber: cert.serialNumber,
    dnsNames,
    ipAddresses,
    isCa: cert.ca,
    notBefore: new Date(cert.validFrom),
    notAfter,
    daysLeft: Math.floor((notAfter.getTime() - now) / 86_400_000),
  };
}

/** SANs split by type; node prints IPv6 in its full form (0:0:0:0:0:0:0:1). */
export function subjectAltNames(cert: X509Certificate): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  for (const entry of (cert.subjectAltName ?? '').split(', ')) {
    if (entry.startsWith('DNS:')) dnsNames.push(entry.slice(4));
    else if (entry.startsWith('IP Address:')) ipAddresses.push(entry.slice('IP Address:'.length));
  }
  return { dnsNames, ipAddresses };
}

function oneLine(distinguishedName: string): string {
  return distinguishedName.split('\n').filter(Boolean).join(', ');
}

export type PairCheck = { ok: true; leaf: X509Certificate } | { ok: false; reason: string };

/** Tolerated skew for a certificate whose notBefore is slightly in our future (just issued elsewhere). */
const NOT_YET_VALID_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Whether a cert/key pair can be served at `now`: both parse, the key belongs to the
 * certificate, and the certificate is within its validity. Reasons never include key material.
 */
export function checkServingPair(certPem: string, keyPem: string, now: number): PairCheck {
  let leaf: X509Certificate;
  try {
    leaf = parseLeaf(certPem);
  } catch (error) {
    return { ok: false, reason: `certificate does not parse: ${(error as Error).message}` };
  }
  let matches: boolean;
  try {
    matches = leaf.checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return { ok: false, reason: 'private key does not parse' };
  }
  if (!matches) return { ok: false, reason: `private key does not match certificate serial ${leaf.serialNumber}` };
  const notAfter = Date.parse(leaf.validTo);
  if (now >= notAfter) return { ok: false, reason: `certificate serial ${leaf.serialNumber} expired at ${leaf.validTo}` };
  if (Date.parse(leaf.validFrom) - NOT_YET_VALID_TOLERANCE_MS > now) {
    return { ok: false, reason: `certificate serial ${leaf.serialNumber} is not valid before ${leaf.validFrom}` };
  }
  return { ok: true, leaf };
}
