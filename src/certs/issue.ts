// Issues a CA and a serving certificate (node-forge builds the certificates; node:crypto makes
// the keys and the signatures, both native and off the event loop). The shape follows what
// cert-manager issues for a webhook: random serials, key identifiers, a critical CA
// basicConstraints, and a leaf usable only as a TLS server certificate.
import { randomBytes, sign } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { freshRsaKeys, type KeySource } from './keys.ts';

const signAsync = promisify(sign);
const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_CA_LIFETIME_MS = 365 * DAY_MS;
export const DEFAULT_LEAF_LIFETIME_MS = 90 * DAY_MS;
/** notBefore is moved back by this much so peers whose clocks lag a little accept a fresh certificate. */
export const DEFAULT_BACKDATE_MS = 5 * 60 * 1000;
export const DEFAULT_CA_COMMON_NAME = 'kongward-ca';
const ORGANIZATION = 'kongward';

export interface IssuePolicy {
  /** Service name the webhook is reached at. */
  service: string;
  namespace: string;
  /** Adds localhost, 127.0.0.1 and ::1 (local development, tests). */
  development?: boolean;
  extraDnsNames?: string[];
  extraIpAddresses?: string[];
  caLifetimeMs?: number;
  leafLifetimeMs?: number;
  backdateMs?: number;
  caCommonName?: string;
  /** Key generator; defaults to a fresh RSA 2048 key per certificate. */
  keys?: KeySource;
}

export interface IssuedCertificate {
  cert: string;
  key: string;
}

/** The names kube-apiserver may use for a Service: `<svc>`, `<svc>.<ns>`, `<svc>.<ns>.svc`, and the cluster-local FQDN. */
export function serviceDnsNames(service: string, namespace: string): string[] {
  return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`];
}

export const DEVELOPMENT_DNS_NAMES = ['localhost'];
export const DEVELOPMENT_IP_ADDRESSES = ['127.0.0.1', '::1'];

/** The subject alternative names a policy asks for, DNS names first. */
export function desiredNames(policy: IssuePolicy): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames = [...serviceDnsNames(policy.service, policy.namespace), ...(policy.extraDnsNames ?? [])];
  const ipAddresses = [...(policy.extraIpAddresses ?? [])];
  if (policy.development) {
    dnsNames.push(...DEVELOPMENT_DNS_NAMES);
    ipAddresses.push(...DEVELOPMENT_IP_ADDRESSES);
  }
  return { dnsNames: unique(dnsNames), ipAddresses: unique(ipAddresses) };
}

/**
 * A positive serial of exactly 128 bits (127 random): the top bit is set so the magnitude has a
 * fixed size, and a leading zero octet keeps the DER INTEGER positive and minimal.
 */
export function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) | 0x80;
  return `00${bytes.toString('hex')}`;
}

export async function issueCa(policy: IssuePolicy, now: number): Promise<IssuedCertificate> {
  const keys = await (policy.keys ?? freshRsaKeys)();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = randomSerialHex();
  setValidity(cert, now, policy.caLifetimeMs ?? DEFAULT_CA_LIFETIME_MS, policy.backdateMs, undefined);
  const subject = [
    { name: 'commonName', value: policy.caCommonName ?? DEFAULT_CA_COMMON_NAME },
    { name: 'organizationName', value: ORGANIZATION },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', critical: true, cA: true },
    { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  return { cert: await signCertificate(cert, keys.privateKey), key: keys.privateKey };
}

/** A serving certificate signed by `ca`; it never outlives the CA. */
export async function issueServingCertificate(
  ca: IssuedCertificate,
  policy: IssuePolicy,
  now: number,
): Promise<IssuedCertificate> {
  const caCert = forge.pki.certificateFromPem(ca.cert);
  const keys = await (policy.keys ?? freshRsaKeys)();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = randomSerialHex();
  setValidity(cert, now, policy.leafLifetimeMs ?? DEFAULT_LEAF_LIFETIME_MS, policy.backdateMs, caCert.validity.notAfter);
  cert.setSubject([
    { name: 'commonName', value: `${policy.service}.${policy.namespace}.svc` },
    { name: 'organizationName', value: ORGANIZATION },
  ]);
  cert.setIssuer(caCert.subject.attributes);
  const { dnsNames, ipAddresses } = desiredNames(policy);
  cert.setExtensions([
    { name: 'basicConstraints', critical: true, cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caKeyIdentifier(caCert) },
    {
      name: 'subjectAltName',
      altNames: [...dnsNames.map((value) => ({ type: 2, value })), ...ipAddresses.map((ip) => ({ type: 7, ip }))],
    },
  ]);
  return { cert: await signCertificate(cert, ca.key), key: keys.privateKey };
}

function setValidity(
  cert: forge.pki.Certificate,
  now: number,
  lifetimeMs: number,
  backdateMs: number | undefined,
  notAfterCap: Date | undefined,
): void {
  if (!(lifetimeMs > 0)) throw new Error(`certificate lifetime must be positive, got ${lifetimeMs} ms`);
  const notAfter = now + lifetimeMs;
  cert.validity.notBefore = new Date(now - (backdateMs ?? DEFAULT_BACKDATE_MS));
  cert.validity.notAfter = new Date(notAfterCap ? Math.min(notAfter, notAfterCap.getTime()) : notAfter);
}

function caKeyIdentifier(caCert: forge.pki.Certificate): string {
  const ski = caCert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | null;
  return ski?.subjectKeyIdentifier
    ? forge.util.hexToBytes(ski.subjectKeyIdentifier)
    : caCert.generateSubjectKeyIdentifier().getBytes();
}

/** What forge's cert.sign() does, with node:crypto's native RSA instead of forge's JavaScript one. */
async function signCertificate(cert: forge.pki.Certificate, signerKeyPem: string): Promise<string> {
  const sha256WithRSAEncryption = forge.pki.oids['sha256WithRSAEncryption'] as string;
  const mutable = cert as forge.pki.Certificate & { tbsCertificate: forge.asn1.Asn1; md: forge.md.MessageDigest };
  mutable.md = forge.md.sha256.create();
  mutable.signatureOid = sha256WithRSAEncryption;
  mutable.siginfo.algorithmOid = sha256WithRSAEncryption;
  mutable.tbsCertificate = (forge.pki as unknown as ForgeTbs).getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(mutable.tbsCertificate).getBytes(), 'binary');
  const signature = await signAsync('sha256', tbs, signerKeyPem);
  mutable.signature = signature.toString('binary');
  return forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
}

/** Present in node-forge, missing from its type definitions. */
interface ForgeTbs {
  getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
