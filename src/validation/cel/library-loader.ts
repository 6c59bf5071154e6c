// Loads the CEL library (library-env.ts) synchronously the first time a rule needs it. Rule
// compilation and evaluation are synchronous, so this is `require()` of an ES module (Node >= 22.12):
// from the sources through createRequire; in the esbuild bundle the bare `require` is bundled
// (esbuild wraps the module so its top level runs only at this call).
import { createRequire } from 'node:module';

type CelLibrary = typeof import('./library-env.ts');
declare const require: NodeJS.Require | undefined;

let library: CelLibrary | undefined;

export function celLibrary(): CelLibrary {
  library ??= (typeof require === 'function'
    ? require('./library-env.ts')
    : createRequire(import.meta.url)('./library-env.ts')) as CelLibrary;
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
