// The admin API mTLS certificate of a DataPlane: a server certificate for its admin Service
// (`*.<admin>.<ns>.svc` among the names, as KGO issues it) signed by kongward's cluster CA,
// whose Secret is created when missing. Kong verifies admin clients against ca.crt.
import { X509Certificate } from 'node:crypto';
import { issueCa, issueServingCertificate, type IssuedCertificate } from '../../certs/issue.ts';
import { freshRsaKeys, type KeySource } from '../../certs/keys.ts';
import { leafRenewalTime } from '../../certs/renewal.ts';
import { caSecretData, materialFromSecrets, TLS_SECRET_TYPE } from '../../certs/secret-layout.ts';
import { subjectAltNames } from '../../certs/x509.ts';
import { isConflict, isNotFound, type KubeClient } from '../runtime/kube-client.ts';
import { coreResources, type KubeObject } from '../runtime/types.ts';
import { labels } from './constants.ts';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (value: unknown) => (typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '');

export interface ClusterCaOptions {
  client: KubeClient;
  namespace: string;
  name: string;
  keys?: KeySource;
  /** The CA Secret from a cache, when there is one (saves a GET). */
  cached?: () => KubeObject | undefined;
  clock?: () => number;
}

/** kongward's cluster CA, loaded from (or created in) its Secret; shared by every replica through it. */
export class ClusterCa {
  private readonly options: ClusterCaOptions;
  private loaded: { resourceVersion: string; ca: IssuedCertificate; x509: X509Certificate } | undefined;
  private pending: Promise<IssuedCertificate> | undefined;

  constructor(options: ClusterCaOptions) {
    this.options = options;
  }

  get certificate(): X509Certificate | undefined {
    return this.loaded?.x509;
  }

  /** The CA pair; concurrent callers share one load or creation. */
  async get(): Promise<IssuedCertificate> {
    const cached = this.options.cached?.();
    if (this.loaded && (!cached || cached.metadata.resourceVersion === this.loaded.resourceVersion)) return this.loaded.ca;
    if (cached && this.remember(cached)) return this.loaded!.ca;
    this.pending ??= this.load().finally(() => { this.pending = undefined; });
    return this.pending;
  }

  private remember(secret: KubeObject): boolean {
    const material = materialFromSecrets(undefined, secret.data as Record<string, string> | undefined);
    if (!material.caCert || !material.caKey) return false;
    this.loaded = { resourceVersion: secret.metadata.resourceVersion ?? '', ca: { cert: material.caCert, key: material.caKey }, x509: new X509Certificate(material.caCert) };
    return true;
  }

  private async load(): Promise<IssuedCertificate> {
    const { client, namespace, name } = this.options;
    try {
      const secret = await client.get(coreResources.secret, namespace, name);
      if (this.remember(secret)) return this.loaded!.ca;
      throw new Error(`cluster CA Secret ${namespace}/${name} lacks tls.crt or tls.key`);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    const now = (this.options.clock ?? Date.now)();
    const ca = await issueCa({ service: name, namespace, caCommonName: 'kongward-cluster-ca', caLifetimeMs: 10 * YEAR_MS, ...(this.options.keys ? { keys: this.options.keys } : {}) }, now);
    const secret: KubeObject = {
      metadata: { name, namespace, labels: { [labels.appManagedBy]: 'kongward' } },
      type: TLS_SECRET_TYPE, data: caSecretData({ caCert: ca.cert, caKey: ca.key, caBundle: ca.cert }),
    };
    try {
      const created = await client.create(coreResources.secret, secret);
      this.remember(created);
      return ca;
    } catch (err) {
      // Another replica created it first: use theirs.
      if (!isConflict(err)) throw err;
      const theirs = await client.get(coreResources.secret, namespace, name);
      if (!this.remember(theirs)) throw new Error(`cluster CA Secret ${namespace}/${name} lacks tls.crt or tls.key`);
      return this.loaded!.ca;
    }
  }
}

export const adminDnsNames = (service: string, namespace: string) => [`*.${service}.${namespace}.svc`, `${service}.${namespace}.svc`];

const verified = new Map<string, string | undefined>();

/**
 * Why the Secret's certificate must be (re)issued, or undefined when it is fine: missing data,
 * another CA, other names, or past 2/3 of its life. Memoised by Secret resourceVersion and CA.
 */
export function certificateProblem(secret: KubeObject | undefined, ca: X509Certificate, adminService: string, now: number): string | undefined {
  if (!secret) return 'missing';
  const memoKey = `${secret.metadata.uid}/${secret.metadata.resourceVersion}/${ca.fingerprint256}/${adminService}`;
  const renewAt = verified.get(memoKey);
  if (renewAt !== undefined) return now >= Number(renewAt) ? 'due for renewal' : undefined;
  const data = (secret.data ?? {}) as Record<string, unknown>;
  const pem = unb64(data['tls.crt']);
  if (!pem || !unb64(data['tls.key']) || !unb64(data['ca.crt'])) return 'incomplete';
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(pem);
    if (new X509Certificate(unb64(data['ca.crt'])).fingerprint256 !== ca.fingerprint256) return 'ca.crt is another CA';
  } catch {
    return 'unparseable certificate';
  }
  if (!leaf.checkIssued(ca) || !leaf.verify(ca.publicKey)) return 'not signed by the cluster CA';
  const names = subjectAltNames(leaf).dnsNames;
  if (!adminDnsNames(adminService, secret.metadata.namespace ?? '').every((n) => names.includes(n))) return 'names do not match the admin Service';
  const renewal = leafRenewalTime(Date.parse(leaf.validFrom), Date.parse(leaf.validTo));
  if (verified.size > 10_000) verified.clear();
  verified.set(memoKey, String(renewal));
  return now >= renewal ? 'due for renewal' : undefined;
}

/** Base64 `data` of a freshly issued admin certificate Secret. */
export async function issueAdminCertificate(ca: IssuedCertificate, adminService: string, namespace: string, now: number, keys: KeySource = freshRsaKeys): Promise<Record<string, string>> {
  const leaf = await issueServingCertificate(ca, { service: adminService, namespace, extraDnsNames: adminDnsNames(adminService, namespace), keys }, now);
  return { 'tls.crt': b64(leaf.cert), 'tls.key': b64(leaf.key), 'ca.crt': b64(ca.cert) };
}
