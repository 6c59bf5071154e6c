// cert-manager's Secret layout (type kubernetes.io/tls): tls.crt, tls.key, ca.crt. The serving
// Secret holds the serving pair; the CA Secret holds the CA (ca.crt == tls.crt for the CA
// itself, plus previous CAs during a rotation). The in-cluster store maps material to and from
// these two Secrets; the CLI writes the serving one as a manifest.
import { stringify } from 'yaml';
import type { CertificateMaterial } from './types.ts';
import { splitPemBundle } from './x509.ts';

export const TLS_SECRET_TYPE = 'kubernetes.io/tls';
export type SecretData = Record<string, string>;

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const fromBase64 = (value: string | undefined) => (value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8'));

/** Base64 `data` of the serving Secret. */
export function servingSecretData(material: Pick<CertificateMaterial, 'cert' | 'key' | 'caBundle'>): SecretData {
  return { 'tls.crt': base64(material.cert), 'tls.key': base64(material.key), 'ca.crt': base64(material.caBundle) };
}

/** Base64 `data` of the CA Secret. */
export function caSecretData(material: Pick<CertificateMaterial, 'caCert' | 'caKey' | 'caBundle'>): SecretData {
  return { 'tls.crt': base64(material.caCert), 'tls.key': base64(material.caKey), 'ca.crt': base64(material.caBundle) };
}

/** Material read back from the two Secrets' `data` (either may be missing). */
export function materialFromSecrets(serving: SecretData | undefined, ca: SecretData | undefined): Partial<CertificateMaterial> {
  const material: Partial<CertificateMaterial> = {};
  const set = (key: keyof CertificateMaterial, value: string | undefined) => {
    if (value) material[key] = value;
  };
  set('cert', fromBase64(serving?.['tls.crt']));
  set('key', fromBase64(serving?.['tls.key']));
  set('caCert', fromBase64(ca?.['tls.crt']));
  set('caKey', fromBase64(ca?.['tls.key']));
  const bundle = fromBase64(ca?.['ca.crt']) ?? fromBase64(serving?.['ca.crt']);
  set('caBundle', bundle && splitPemBundle(bundle).length > 0 ? bundle : material.caCert);
  return material;
}

/** The webhook configuration's / CRD conversion's `caBundle` value. */
export function caBundleField(caBundlePem: string): string {
  return base64(caBundlePem);
}

export interface SecretManifestOptions {
  name: string;
  namespace: string;
  data: SecretData;
  labels?: Record<string, string>;
}

export function tlsSecretManifest(options: SecretManifestOptions): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      ...(options.labels ? { labels: options.labels } : {}),
    },
    type: TLS_SECRET_TYPE,
    data: options.data,
  });
}
