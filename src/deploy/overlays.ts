// The two certificate modes as kustomize overlays over the base: strategic-merge patches that
// add the certificate flags (and the mounted Secret for cert-manager), plus what each mode
// needs around it (RBAC for self-managed Secrets; issuers, certificates and CA injection).
import { allKinds } from '../api/registry.ts';
import type { KindDefinition } from '../api/types.ts';
import { crdKinds, crdName, usesConversionWebhook } from '../crds/generate.ts';
import { serviceDnsNames, type DeployNames } from './names.ts';
import { serveArgs } from './workload.ts';

/** `kongward serve --self-signed`: kongward issues and renews its CA and serving Secrets itself. */
export const SELF_SIGNED_ARGS = ['--self-signed'];

export function certManagerArgs(names: DeployNames): string[] {
  return [`--cert-dir=${names.certDir}`];
}

const SERVING_CERT_VOLUME = 'serving-cert';

/** Strategic-merge patch for the webhook container: full args (lists of scalars are replaced). */
export function deploymentPatch(names: DeployNames, certificateArgs: string[], mountSecret?: string) {
  const container: Record<string, unknown> = { name: 'webhook', args: serveArgs(names, certificateArgs) };
  const podSpec: Record<string, unknown> = { containers: [container] };
  if (mountSecret) {
    container.volumeMounts = [{ name: SERVING_CERT_VOLUME, mountPath: names.certDir, readOnly: true }];
    podSpec.volumes = [{ name: SERVING_CERT_VOLUME, secret: { secretName: mountSecret } }];
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: names.deployment, namespace: names.namespace },
    spec: { template: { spec: podSpec } },
  };
}

export function certManagerResources(names: DeployNames, labels: Record<string, string>) {
  const cm = names.certManager;
  const metadata = (name: string) => ({ name, namespace: names.namespace, labels });
  const issuerRef = (name: string) => ({ group: 'cert-manager.io', kind: 'Issuer', name });
  return [
    { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: metadata(cm.selfSignedIssuer), spec: { selfSigned: {} } },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: metadata(cm.caCertificate),
      spec: {
        isCA: true,
        commonName: cm.caCertificate,
        secretName: cm.caSecret,
        duration: '8760h',
        renewBefore: '2920h',
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
        issuerRef: issuerRef(cm.selfSignedIssuer),
      },
    },
    { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: metadata(cm.caIssuer), spec: { ca: { secretName: cm.caSecret } } },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: metadata(cm.servingCertificate),
      spec: {
        secretName: cm.servingSecret,
        dnsNames: serviceDnsNames(names),
        duration: '2160h',
        renewBefore: '720h',
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
        usages: ['server auth', 'digital signature'],
        issuerRef: issuerRef(cm.caIssuer),
      },
    },
  ];
}

/** `cert-manager.io/inject-ca-from` patches: the webhook configuration and every CRD calling /convert. */
export function caInjectionPatches(names: DeployNames, from: readonly KindDefinition[] = allKinds()) {
  const annotations = { 'cert-manager.io/inject-ca-from': `${names.namespace}/${names.certManager.servingCertificate}` };
  const webhook = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: names.webhookConfiguration, annotations },
  };
  const crds = crdKinds(from).filter(usesConversionWebhook).map((kind) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: crdName(kind), annotations },
  }));
  return { webhook, crds };
}
