// Development mode: a CA and serving certificate generated into a local directory (the repo's
// git-ignored certs/) on first start, reused while valid and renewed per policy.
import { renewMaterial, type RenewalOutcome } from './authority.ts';
import type { IssuePolicy } from './issue.ts';
import { ManagedCertificateSource } from './managed-source.ts';
import { FileMaterialStore } from './material-store.ts';
import type { SourceOptions } from './source.ts';
import { systemClock, type Clock } from './types.ts';

export const DEVELOPMENT_SERVICE = 'kongward';
export const DEVELOPMENT_NAMESPACE = 'kongward-system';

export interface DevelopmentOptions {
  policy?: Partial<IssuePolicy>;
  clock?: Clock;
}

function developmentPolicy(overrides: Partial<IssuePolicy> = {}): IssuePolicy {
  return { service: DEVELOPMENT_SERVICE, namespace: DEVELOPMENT_NAMESPACE, ...overrides, development: true };
}

/** Makes sure `dir` holds a usable CA and serving pair; issues only what is missing or due. */
export async function ensureDevelopmentCertificates(dir: string, options: DevelopmentOptions = {}): Promise<RenewalOutcome> {
  const store = new FileMaterialStore(dir);
  const stored = await store.load();
  const outcome = await renewMaterial(stored?.material, developmentPolicy(options.policy), (options.clock ?? systemClock)());
  if (outcome.renewed && (await store.save(outcome.material, stored?.version)) === 'conflict') {
    throw new Error(`${dir} changed while certificates were being issued; try again`);
  }
  return outcome;
}

/** The development source: certificates in `dir`, renewed while the server runs. */
export function developmentCertificateSource(
  dir: string,
  options: DevelopmentOptions & SourceOptions & { maxCheckIntervalMs?: number } = {},
): ManagedCertificateSource {
  return new ManagedCertificateSource({
    ...options,
    name: 'development',
    store: new FileMaterialStore(dir),
    policy: developmentPolicy(options.policy),
  });
}
