// Loads the CEL library (library-env.ts) synchronously the first time a rule needs it. Rule
// compilation and evaluation are synchronous, so this is `require()` of an ES module (Node >= 22.12);
// `lazyRequire` becomes esbuild's bundled require in the build (see src/api/lazy-kind.ts).
import { createRequire } from 'node:module';

type CelLibrary = typeof import('./library-env.ts');
const lazyRequire = createRequire(import.meta.url);

let library: CelLibrary | undefined;

export function celLibrary(): CelLibrary {
  library ??= lazyRequire('./library-env.ts') as CelLibrary;
  return library;
}

/** Whether the library has been loaded in this process (start-up cost is only paid when true). */
export function isCelLibraryLoaded(): boolean {
  return library !== undefined;
}

/** True for @bufbuild/cel's error values (only the library produces them, so no load here). */
export function isLibraryError(value: unknown): boolean {
  return library !== undefined && library.isCelError(value);
}
