// Locates the reference material (`../shared` beside the clone). A user's clone has none, so
// tests that need it call `sharedPath()` and skip with a clear message when it is absent.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedRoot = process.env.KONGWARD_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');

export const SHARED_MISSING = `reference material not found at ${path.relative(repoRoot, sharedRoot) || sharedRoot} (set KONGWARD_SHARED_DIR); skipped`;

/** Absolute path inside ../shared, or undefined when the reference material is absent. */
export function sharedPath(...parts: string[]): string | undefined {
  const full = path.join(sharedRoot, ...parts);
  return existsSync(full) ? full : undefined;
}

export { repoRoot };
