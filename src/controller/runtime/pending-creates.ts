// Objects a reconciler created that its cache has not shown yet. A reconcile running before the
// watch delivers a create must not create again (generateName would make a duplicate); an entry
// the cache never confirms (the object deleted at once by someone else) lapses after `ttlMs`.
export class PendingCreates {
  readonly #since = new Map<string, number>();
  readonly #ttlMs: number;

  constructor(ttlMs = 30_000) {
    this.#ttlMs = ttlMs;
  }

  /** Remember a create of `key` just sent. */
  created(key: string): void {
    this.#since.set(key, Date.now());
  }

  /** The cache shows it now: forget the entry. */
  seen(key: string): void {
    this.#since.delete(key);
  }

  /** Created recently and not seen yet: do not create again, look again shortly. */
  isPending(key: string): boolean {
    const since = this.#since.get(key);
    if (since === undefined) return false;
    if (Date.now() - since < this.#ttlMs) return true;
    this.#since.delete(key);
    return false;
  }
}
