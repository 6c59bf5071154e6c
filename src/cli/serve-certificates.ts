// Picks where the serving certificate comes from: a directory written by someone else
// (cert-manager, a mounted Secret) or development certificates generated on first start.
// INTERIM: no reload or renewal yet; src/certs/ sources replace this (issue "Certificates").
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { issueCa, issueServingCertificate } from '../certs/issue.ts';
import { checkServingPair } from '../certs/x509.ts';
import type { ServingCertificate } from '../webhooks/server.ts';

export interface CertificateChoice {
  certDir?: string;
  developmentDir: string;
  service: string;
  namespace: string;
}

async function readPair(dir: string): Promise<(ServingCertificate & { ca?: string }) | undefined> {
  try {
    const [cert, key] = await Promise.all([readFile(path.join(dir, 'tls.crt'), 'utf8'), readFile(path.join(dir, 'tls.key'), 'utf8')]);
    const ca = await readFile(path.join(dir, 'ca.crt'), 'utf8').catch(() => undefined);
    return ca ? { cert, key, ca } : { cert, key };
  } catch {
    return undefined;
  }
}

export async function loadServingCertificate(choice: CertificateChoice): Promise<ServingCertificate & { ca?: string; generated: boolean }> {
  if (choice.certDir) {
    const pair = await readPair(choice.certDir);
    if (!pair) throw new Error(`--cert-dir ${choice.certDir}: tls.crt and tls.key must both be readable`);
    const check = checkServingPair(pair.cert, pair.key, Date.now());
    if (!check.ok) throw new Error(`--cert-dir ${choice.certDir}: ${check.reason}`);
    return { ...pair, generated: false };
  }
  const existing = await readPair(choice.developmentDir);
  if (existing && checkServingPair(existing.cert, existing.key, Date.now()).ok) return { ...existing, generated: false };
  const policy = { service: choice.service, namespace: choice.namespace, development: true };
  const now = Date.now();
  const ca = await issueCa(policy, now);
  const leaf = await issueServingCertificate(ca, policy, now);
  await mkdir(choice.developmentDir, { recursive: true });
  await writeFile(path.join(choice.developmentDir, 'ca.crt'), ca.cert);
  await writeFile(path.join(choice.developmentDir, 'tls.crt'), leaf.cert);
  await writeFile(path.join(choice.developmentDir, 'tls.key'), leaf.key, { mode: 0o600 });
  return { cert: leaf.cert, key: leaf.key, ca: ca.cert, generated: true };
}
