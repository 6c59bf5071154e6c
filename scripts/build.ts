// `npm run build`: the CLI as shipped (npm package, container image), bundled by esbuild into
// dist/ with one chunk per lazily imported subcommand. Why a bundle: `kongward validate` runs as
// a fresh process per CI step, and Node's ESM loader spends ~0.5 ms per module resolving and
// linking; zod, @bufbuild/cel and the kind schemas are ~360 modules, which alone cost more than
// the whole run of a small file. Packages that load files relative to themselves or spawn
// workers at run time (fastify, pino, the Kubernetes client...) stay external in node_modules.
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Pure ESM/JS packages on the `validate` path; everything else in dependencies stays external. */
export const BUNDLED_PACKAGES = ['zod', '@bufbuild/cel', '@bufbuild/protobuf', '@bufbuild/re2', '@bufbuild/cel-spec', 'js-yaml'];

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Modules loaded on first use call `lazyRequire('./x.ts')`, Node's require bound to their own file
 * (createRequire). Here it becomes a plain `require('./x.ts')`, which esbuild bundles and wraps
 * so the module's top level runs at that call, not at start-up.
 */
const lazyRequirePlugin: Plugin = {
  name: 'lazy-require',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('lazyRequire(')) return undefined;
      return { contents: source.replace(/\blazyRequire\(/g, 'require('), loader: 'ts' };
    });
  },
};

/**
 * zod's `locales` namespace (error messages in 40-odd languages, 64 modules, ~400 KB) is
 * re-exported from its index, so it is bundled and evaluated at start-up (~40 ms of a ~190 ms
 * validate run) although kongward never shows a zod message: zod only authors the schemas, and
 * validation runs on the engine's compiled tree. The default English messages (locales/en.js,
 * imported on its own) stay. Should zod move the file, this matches nothing and the bundle is
 * merely bigger.
 */
const zodWithoutLocaleCatalogue: Plugin = {
  name: 'zod-without-locale-catalogue',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty-module' } : undefined);
    esbuild.onLoad({ filter: /.*/, namespace: 'empty-module' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

export function buildOptions(outdir: string): BuildOptions {
  return {
    absWorkingDir: repoRoot,
    entryPoints: { 'cli/main': 'src/cli/main.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    // Anything not on the bundled list resolves from node_modules at run time, as before.
    plugins: [lazyRequirePlugin, zodWithoutLocaleCatalogue, {
      name: 'external-packages',
      setup(esbuild) {
        esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith('node:')) return { path: args.path, external: true };
          const bundled = BUNDLED_PACKAGES.some((name) => args.path === name || args.path.startsWith(`${name}/`));
          return bundled ? undefined : { path: args.path, external: true };
        });
      },
    }],
    logLevel: 'warning',
  };
}

export async function buildCli(outdir = path.join(repoRoot, 'dist')): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build(buildOptions(outdir));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outdir = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  await buildCli(outdir);
}
