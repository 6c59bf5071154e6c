// Where a self-managing source keeps its CA and serving pair. A store offers compare-and-swap
// so several writers (replicas) can race safely: the loser gets `conflict`, re-reads and serves
// what the winner wrote (cert-manager's dynamic CA does the same with its Secret).
//
// FileMaterialStore is the development store (certs/ in the repo). The in-cluster store keeps
// the same material in Secrets through the Kubernetes API, using resourceVersion as `version`
// (see secret-layout.ts for the data keys) and a watch for `watch`.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CertificateMaterial } from './types.ts';
import { splitPemBundle } from './x509.ts';

export interface StoredMaterial {
  material: Partial<CertificateMaterial>;
  /** Opaque token for compare-and-swap (a content digest, a Secret's resourceVersion). */
  version: string;
}

export type SaveResult = 'saved' | 'conflict';

export interface MaterialStore {
  /** For logs: "directory certs", "Secret kong-system/kongward-ca". Never contains key material. */
  readonly description: string;
  /** The stored material, or undefined when nothing is stored yet. */
  load(): Promise<StoredMaterial | undefined>;
  /** Writes only if the stored version still is `expectedVersion` (undefined: nothing stored yet). */
  save(material: CertificateMaterial, expectedVersion: string | undefined): Promise<SaveResult>;
  /** Optional change notifications (a Secret watch), so followers pick up another writer's renewal at once. */
  watch?(onChange: () => void): () => void;
}

/** File names in a directory store: cert-manager's Secret keys plus the CA key. */
export const MATERIAL_FILES = { caBundle: 'ca.crt', caKey: 'ca.key', cert: 'tls.crt', key: 'tls.key' } as const;

export class FileMaterialStore implements MaterialStore {
  readonly description: string;
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
    this.description = `directory ${dir}`;
  }

  async load(): Promise<StoredMaterial | undefined> {
    const read = (name: string) => readFile(path.join(this.dir, name), 'utf8').catch(() => undefined);
    const [caBundle, caKey, cert, key] = await Promise.all([
      read(MATERIAL_FILES.caBundle),
      read(MATERIAL_FILES.caKey),
      read(MATERIAL_FILES.cert),
      read(MATERIAL_FILES.key),
    ]);
    if (caBundle === undefined && caKey === undefined && cert === undefined && key === undefined) return undefined;
    const version = createHash('sha256').update([caBundle, caKey, cert, key].map((v) => v ?? '').join('\0')).digest('hex');
    const material: Partial<CertificateMaterial> = {};
    const caCert = caBundle ? splitPemBundle(caBundle)[0] : undefined;
    if (caCert) material.caCert = `${caCert}\n`;
    if (caBundle) material.caBundle = caBundle;
    if (caKey) material.caKey = caKey;
    if (cert) material.cert = cert;
    if (key) material.key = key;
    return { material, version };
  }

  async save(material: CertificateMaterial, expectedVersion: string | undefined): Promise<SaveResult> {
    const current = await this.load();
    if (current?.version !== expectedVersion) return 'conflict';
    await mkdir(this.dir, { recursive: true });
    // Keys first and the certificates last, each replaced atomically by rename.
    await this.writeAtomically(MATERIAL_FILES.caKey, material.caKey, 0o600);
    await this.writeAtomically(MATERIAL_FILES.key, material.key, 0o600);
    await this.writeAtomically(MATERIAL_FILES.caBundle, material.caBundle, 0o644);
    await this.writeAtomically(MATERIAL_FILES.cert, material.cert, 0o644);
    return 'saved';
  }

  private async writeAtomically(name: string, content: string, mode: number): Promise<void> {
    const target = path.join(this.dir, name);
    const temporary = path.join(this.dir, `.${name}.${process.pid}.tmp`);
    await writeFile(temporary, content, { mode });
    await rename(temporary, target);
  }
}

/**
 * An in-memory store with atomic compare-and-swap and change notifications: the reference
 * behaviour a Secret-backed store must match (tests use it to race writers).
 */
export class MemoryMaterialStore implements MaterialStore {
  readonly description = 'memory';
  private stored: StoredMaterial | undefined;
  private revision = 0;
  private readonly listeners = new Set<() => void>();
  /** Number of successful saves, for tests. */
  saves = 0;

  async load(): Promise<StoredMaterial | undefined> {
    return this.stored && { material: { ...this.stored.material }, version: this.stored.version };
  }

  async save(material: CertificateMaterial, expectedVersion: string | undefined): Promise<SaveResult> {
    if (this.stored?.version !== expectedVersion) return 'conflict';
    this.stored = { material: { ...material }, version: String(++this.revision) };
    this.saves++;
    for (const listener of this.listeners) queueMicrotask(listener);
    return 'saved';
  }

  watch(onChange: () => void): () => void {
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  }
}
