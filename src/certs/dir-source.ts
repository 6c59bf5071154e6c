// --cert-dir: serve tls.crt/tls.key written by someone else (cert-manager through a mounted
// Secret, an operator, a script). kubelet updates a Secret volume by swapping the `..data`
// symlink, so we watch the directory, not the files, and poll as a fallback for missed
// events. A new pair is validated first; an invalid one is logged and counted once, and the
// previous pair keeps serving.
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { coalescing } from './coalesce.ts';
import { PublishingSource, servingPair, type SourceOptions } from './source.ts';
import { systemClock, type Clock, type ServingPair } from './types.ts';
import { checkServingPair } from './x509.ts';

export interface DirectorySourceOptions extends SourceOptions {
  dir: string;
  certFile?: string;
  keyFile?: string;
  /** Optional; served as the pair's `ca` when present. */
  caFile?: string;
  /** Fallback re-read interval; cert-manager's file source polls every 10 s. */
  pollIntervalMs?: number;
  /** Quiet time after a change event before reading, so a writer can finish both files. */
  debounceMs?: number;
  clock?: Clock;
}

export class DirectoryCertificateSource extends PublishingSource {
  readonly name = 'cert-dir';
  private readonly options: Required<Omit<DirectorySourceOptions, keyof SourceOptions>>;
  private watcher: FSWatcher | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private debounceTimer: NodeJS.Timeout | undefined;
  private readonly loads = coalescing(() => this.loadOnce(), () => this.closed);
  private servedDigest: string | undefined;
  private rejectedDigest: string | undefined;
  private closed = false;
  /** Why the last load failed, for readiness messages; undefined after a successful load. */
  lastError: string | undefined;

  constructor(options: DirectorySourceOptions) {
    super(options);
    this.options = {
      dir: options.dir,
      certFile: options.certFile ?? 'tls.crt',
      keyFile: options.keyFile ?? 'tls.key',
      caFile: options.caFile ?? 'ca.crt',
      pollIntervalMs: options.pollIntervalMs ?? 10_000,
      debounceMs: options.debounceMs ?? 100,
      clock: options.clock ?? systemClock,
    };
  }

  async start(): Promise<ServingPair> {
    this.watchDirectory();
    this.pollTimer = setInterval(() => {
      if (!this.watcher) this.watchDirectory();
      void this.reload();
    }, this.options.pollIntervalMs);
    this.pollTimer.unref();
    await this.reload();
    return this.ready;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    this.watcher = undefined;
    clearInterval(this.pollTimer);
    clearTimeout(this.debounceTimer);
    await this.loads.idle();
  }

  /** Reads the files now (also what the watch and the poll call); concurrent calls coalesce. */
  reload(): Promise<void> {
    return this.loads.run();
  }

  private watchDirectory(): void {
    try {
      this.watcher = watch(this.options.dir, { persistent: false }, () => this.scheduleReload());
      this.watcher.on('error', (error) => {
        this.logger.warn({ source: this.name, dir: this.options.dir, err: error }, 'directory watch failed; polling');
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch (error) {
      // The directory may not exist yet (volume not mounted); the poll retries the watch.
      this.watcher = undefined;
      this.logger.warn({ source: this.name, dir: this.options.dir, reason: (error as Error).message }, 'cannot watch certificate directory; polling');
    }
  }

  private scheduleReload(): void {
    if (this.closed) return;
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => void this.reload(), this.options.debounceMs);
  }

  private async loadOnce(): Promise<void> {
    const { dir, certFile, keyFile, caFile } = this.options;
    let cert: string;
    let key: string;
    try {
      [cert, key] = await Promise.all([readFile(path.join(dir, certFile), 'utf8'), readFile(path.join(dir, keyFile), 'utf8')]);
    } catch (error) {
      this.fail(undefined, `cannot read ${certFile} and ${keyFile} in ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return;
    }
    const ca = await readFile(path.join(dir, caFile), 'utf8').catch(() => undefined);
    const digest = createHash('sha256').update(cert).update('\0').update(key).update('\0').update(ca ?? '').digest('hex');
    if (digest === this.servedDigest) return;
    const check = checkServingPair(cert, key, this.options.clock());
    if (!check.ok) {
      this.fail(digest, `${path.join(dir, certFile)}: ${check.reason}`);
      return;
    }
    this.servedDigest = digest;
    this.rejectedDigest = undefined;
    this.lastError = undefined;
    this.publish(servingPair(cert, key, ca, check.leaf));
  }

  /** Counts and logs a bad pair once, not on every poll while the same files stay in place. */
  private fail(digest: string | undefined, reason: string): void {
    const repeat = this.lastError === reason && this.rejectedDigest === digest;
    this.lastError = reason;
    this.rejectedDigest = digest;
    if (!repeat) this.rejectUpdate(reason);
  }
}
