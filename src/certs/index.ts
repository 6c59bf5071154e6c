// Public entry of the certificate modules: pick a source from the serve flags.
//   --cert-dir DIR      files written by someone else (cert-manager, a mounted Secret)
//   (development)       generated into certs/ on first start, renewed while running
//   --self-signed       in-cluster Secrets + Lease + caBundle injection: src/cli/serve-self-signed.ts
import { DirectoryCertificateSource } from './dir-source.ts';
import { developmentCertificateSource } from './development.ts';
import type { IssuePolicy } from './issue.ts';
import type { CertificateSource, SourceOptions } from './source.ts';
import type { Clock } from './types.ts';

export interface CertificateSourceChoice extends SourceOptions {
  certDir?: string;
  /** Where development certificates live (the repo's certs/). */
  developmentDir: string;
  /** Service and namespace (and lifetimes) for self-issued certificates. */
  policy?: Partial<IssuePolicy>;
  clock?: Clock;
}

export function chooseCertificateSource(choice: CertificateSourceChoice): CertificateSource {
  const shared = { ...(choice.metrics ? { metrics: choice.metrics } : {}), ...(choice.logger ? { logger: choice.logger } : {}), ...(choice.clock ? { clock: choice.clock } : {}) };
  if (choice.certDir) return new DirectoryCertificateSource({ dir: choice.certDir, ...shared });
  return developmentCertificateSource(choice.developmentDir, { ...shared, ...(choice.policy ? { policy: choice.policy } : {}) });
}

export type { CertificateSource } from './source.ts';
export type { ServingPair } from './types.ts';
export { followCertificateSource } from './source.ts';
export { certificateMetrics } from './metrics.ts';
export { ensureDevelopmentCertificates } from './development.ts';
