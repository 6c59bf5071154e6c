// Test helpers for certificates: a small pool of RSA keys generated once (keygen is the slow
// part, 50-300 ms each), handed out round-robin so consecutive certificates get distinct keys.
import type { KeyPairPem, KeySource } from '../../src/certs/keys.ts';
import { generateRsaKeyPair } from '../../src/certs/keys.ts';

let pool: Promise<KeyPairPem[]> | undefined;
let next = 0;

export function keyPool(size = 6): KeySource {
  pool ??= Promise.all(Array.from({ length: size }, () => generateRsaKeyPair()));
  return async () => {
    const keys = await pool!;
    return keys[next++ % keys.length] as KeyPairPem;
  };
}

export const DAY = 24 * 60 * 60 * 1000;
/** A fixed instant so validity assertions are exact. */
export const T0 = Date.parse('2026-01-01T00:00:00Z');

import { mkdtemp, rename, rm, symlink, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CertificateSource } from '../../src/certs/source.ts';
import type { ServingPair } from '../../src/certs/types.ts';
import { issueCa, issueServingCertificate } from '../../src/certs/issue.ts';

export async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kongward-certs-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface Pair {
  ca: string;
  cert: string;
  key: string;
}

/** n serving pairs under one CA (development names), issued at `now`. */
export async function issuePairs(n: number, now = Date.now(), keys = keyPool()): Promise<Pair[]> {
  const policy = { service: 'kongward', namespace: 'kongward-system', development: true, keys };
  const ca = await issueCa(policy, now);
  const pairs: Pair[] = [];
  for (let i = 0; i < n; i++) pairs.push({ ca: ca.cert, ...(await issueServingCertificate(ca, policy, now)) });
  return pairs;
}

/** Replaces tls.crt and tls.key the way most tools do: write a temporary file, rename over. */
export async function writePairFiles(dir: string, pair: { cert: string; key: string; ca?: string }): Promise<void> {
  const files: Array<[string, string]> = [['tls.crt', pair.cert], ['tls.key', pair.key]];
  if (pair.ca) files.push(['ca.crt', pair.ca]);
  for (const [name, content] of files) {
    await writeFile(path.join(dir, `.${name}.tmp`), content);
    await rename(path.join(dir, `.${name}.tmp`), path.join(dir, name));
  }
}

let generation = 0;
/**
 * What kubelet does for a Secret volume: files in a timestamped directory, `..data` pointing at
 * it, and `tls.crt -> ..data/tls.crt`. An update writes a new directory and swaps `..data`
 * atomically (symlink `..data_tmp`, rename over `..data`), then removes the old directory.
 */
export async function writeSecretVolume(dir: string, pair: { cert: string; key: string; ca?: string }): Promise<void> {
  const previous = await import('node:fs/promises').then((fs) => fs.readlink(path.join(dir, '..data')).catch(() => undefined));
  const versionDir = `..2026_01_01_00_00_00.${process.pid}_${generation++}`;
  await mkdir(path.join(dir, versionDir));
  await writeFile(path.join(dir, versionDir, 'tls.crt'), pair.cert);
  await writeFile(path.join(dir, versionDir, 'tls.key'), pair.key);
  if (pair.ca) await writeFile(path.join(dir, versionDir, 'ca.crt'), pair.ca);
  await symlink(versionDir, path.join(dir, '..data_tmp'));
  await rename(path.join(dir, '..data_tmp'), path.join(dir, '..data'));
  for (const name of ['tls.crt', 'tls.key', 'ca.crt']) {
    await symlink(path.join('..data', name), path.join(dir, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  if (previous) await rm(path.join(dir, previous), { recursive: true, force: true });
}

/** The next pair a source publishes, or a rejection after `ms`. */
export function nextChange(source: CertificateSource, ms = 3000): Promise<ServingPair> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no certificate change within ${ms} ms`));
    }, ms);
    const off = source.onChange((pair) => {
      clearTimeout(timer);
      off();
      resolve(pair);
    });
  });
}
