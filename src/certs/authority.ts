// Applies a renewal plan: issues a new CA and/or serving certificate and keeps a trust bundle
// that still contains the previous CA while it is valid, so a client holding the old caBundle
// and one holding the new both accept the new serving certificate.
import { X509Certificate } from 'node:crypto';
import { desiredNames, issueCa, issueServingCertificate, type IssuePolicy } from './issue.ts';
import { planRenewal, type RenewalPlan } from './renewal.ts';
import type { CertificateMaterial } from './types.ts';
import { splitPemBundle } from './x509.ts';

export interface RenewalOutcome {
  material: CertificateMaterial;
  plan: RenewalPlan;
  /** Whether anything was issued. */
  renewed: boolean;
}

export function planFor(material: Partial<CertificateMaterial> | undefined, policy: IssuePolicy, now: number): RenewalPlan {
  return planRenewal(material, now, desiredNames(policy));
}

/** Issues whatever the plan asks for; returns the input unchanged when nothing is due. */
export async function renewMaterial(
  material: Partial<CertificateMaterial> | undefined,
  policy: IssuePolicy,
  now: number,
): Promise<RenewalOutcome> {
  const plan = planFor(material, policy, now);
  if (!plan.renewCa && !plan.renewLeaf && isComplete(material)) {
    return { material: { ...material, caBundle: material.caBundle || material.caCert }, plan, renewed: false };
  }

  let ca = { cert: material?.caCert ?? '', key: material?.caKey ?? '' };
  let caBundle = material?.caBundle || ca.cert;
  if (plan.renewCa) {
    ca = await issueCa(policy, now);
    caBundle = bundleAfterRotation(ca.cert, material?.caBundle ?? '', now);
  }
  const leaf = await issueServingCertificate(ca, policy, now);
  return {
    material: { caCert: ca.cert, caKey: ca.key, cert: leaf.cert, key: leaf.key, caBundle },
    plan,
    renewed: true,
  };
}

/** The new CA first, then every previous CA that has not expired (duplicates dropped). */
export function bundleAfterRotation(newCaPem: string, previousBundle: string, now: number): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const pem of [newCaPem, ...splitPemBundle(previousBundle)]) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch {
      continue;
    }
    if (seen.has(cert.fingerprint256) || Date.parse(cert.validTo) <= now) continue;
    seen.add(cert.fingerprint256);
    kept.push(pem.trim());
  }
  return `${kept.join('\n')}\n`;
}

type WithoutBundle = Omit<CertificateMaterial, 'caBundle'> & { caBundle?: string };

function isComplete(material: Partial<CertificateMaterial> | undefined): material is WithoutBundle {
  return Boolean(material?.caCert && material.caKey && material.cert && material.key);
}
