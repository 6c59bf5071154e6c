// The names, ports and paths every generated manifest shares (Service, Deployment, webhook
// configuration, CRD conversion clientConfig, RBAC, certificates). One place, so they cannot
// drift apart; the consistency test in test/deploy/ re-checks the rendered files.
// Ports and the Service/namespace defaults equal `kongward serve`'s flag defaults (kept as literals
// so generation does not load the server; test/deploy/ checks they agree).

export interface DeployNames {
  namespace: string;
  /** Service the apiserver calls; also the Deployment's and the certificates' name stem. */
  service: string;
  serviceAccount: string;
  deployment: string;
  webhookConfiguration: string;
  image: string;
  /** Pod labels (the Deployment/Service/PDB/NetworkPolicy selector). */
  selector: Record<string, string>;
  webhookPort: number;
  probePort: number;
  servicePort: number;
  validatePath: string;
  convertPath: string;
  /** Self-managed mode (`--self-signed`): the Secrets kongward writes and its writer Lease. */
  selfSigned: { caSecret: string; servingSecret: string; lease: string };
  /** cert-manager mode: issuers, certificates and the Secret the serving certificate lands in. */
  certManager: { selfSignedIssuer: string; caCertificate: string; caSecret: string; caIssuer: string; servingCertificate: string; servingSecret: string };
  /** Where the serving Secret is mounted for `--cert-dir`. */
  certDir: string;
  /** Namespaces carrying this label with value `disabled` are not validated by the webhook. */
  optOutLabel: string;
}

export const defaultNames: DeployNames = {
  namespace: 'kongward-system',
  service: 'kongward-webhook',
  serviceAccount: 'kongward',
  deployment: 'kongward-webhook',
  webhookConfiguration: 'kongward',
  image: 'kongward:0.1.0',
  selector: { 'app.kubernetes.io/name': 'kongward', 'app.kubernetes.io/component': 'webhook' },
  webhookPort: 8443,
  probePort: 8080,
  servicePort: 443,
  validatePath: '/validate',
  convertPath: '/convert',
  selfSigned: { caSecret: 'kongward-ca', servingSecret: 'kongward-webhook-tls', lease: 'kongward-certificates' },
  certManager: {
    selfSignedIssuer: 'kongward-selfsigned',
    caCertificate: 'kongward-root-ca',
    caSecret: 'kongward-root-ca',
    caIssuer: 'kongward-ca',
    servingCertificate: 'kongward-serving-cert',
    servingSecret: 'kongward-serving-cert',
  },
  certDir: '/var/run/kongward/certs',
  optOutLabel: 'kongward.dev/validation',
};

/** Labels put on every object kongward ships, so `kubectl get -l` finds them all. */
export const partOfLabels = { 'app.kubernetes.io/part-of': 'kongward' } as const;

/** The username the apiserver sees for kongward's own requests (matchConditions skip it). */
export function serviceAccountUsername(names: DeployNames): string {
  return `system:serviceaccount:${names.namespace}:${names.serviceAccount}`;
}

/** The DNS names the apiserver may use for the Service (certificate SANs). */
export function serviceDnsNames(names: DeployNames): string[] {
  const { service, namespace } = names;
  return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`];
}
