// `kongward generate`: writes deploy/ (CRDs, base, overlays) from the registry and the validator
// composition; `--check` only reports stale files (for CI). `kongward crds`: prints the CRDs.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildCrds, crdFiles } from '../crds/generate.ts';
import { DEPLOY_DIR, deployFiles } from '../deploy/files.ts';
import { GENERATED_MARKER, renderYaml, type GeneratedFile } from '../deploy/render.ts';
import { helpText, parseFlags } from './flags.ts';

const generateFlags = {
  root: { type: 'string', default: '.', help: 'Repository root; files are written under <root>/deploy' },
  check: { type: 'boolean', help: 'Write nothing; exit 1 and list the files that differ from what would be generated' },
} as const;

const crdsFlags = {
  out: { type: 'string', help: 'Write one file per CRD into this directory instead of printing them' },
} as const;

export interface GenerateIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: GenerateIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** What differs between `files` and the tree at `root`: changed or missing, and generated files no longer produced. */
export async function staleFiles(root: string, files: GeneratedFile[]): Promise<{ changed: string[]; orphaned: string[] }> {
  const changed: string[] = [];
  for (const f of files) {
    const current = await readFile(path.join(root, f.path), 'utf8').catch(() => undefined);
    if (current !== f.content) changed.push(f.path);
  }
  const wanted = new Set(files.map((f) => f.path));
  const orphaned = (await generatedFilesOnDisk(root)).filter((p) => !wanted.has(p));
  return { changed, orphaned };
}

/** Files under deploy/ that start with the generated marker (hand-written ones are never touched). */
async function generatedFilesOnDisk(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(path.join(root, dir), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.name.endsWith('.yaml') && (await readFile(path.join(root, rel), 'utf8')).startsWith(GENERATED_MARKER)) found.push(rel);
    }
  };
  await walk(DEPLOY_DIR);
  return found.sort();
}

export async function runGenerate(argv: string[], io: GenerateIo = processIo): Promise<number> {
  const { values, help } = parseFlags(generateFlags, argv);
  if (help) {
    io.stdout(helpText('kongward generate [--check] [--root DIR]', 'Generate deploy/ (CRDs, RBAC, webhook configuration, overlays) from the kind registry.', generateFlags));
    return 0;
  }
  const root = path.resolve(values.root ?? '.');
  const started = performance.now();
  const files = deployFiles();
  const { changed, orphaned } = await staleFiles(root, files);
  if (values.check) {
    if (changed.length === 0 && orphaned.length === 0) {
      io.stdout(`deploy/ is up to date (${files.length} generated files)\n`);
      return 0;
    }
    const lines = [...changed.map((p) => `  stale: ${p}`), ...orphaned.map((p) => `  no longer generated: ${p}`)];
    io.stderr(`deploy/ is out of date; run \`npm run generate\`:\n${lines.join('\n')}\n`);
    return 1;
  }
  for (const f of files.filter((x) => changed.includes(x.path))) {
    const target = path.join(root, f.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, f.content);
  }
  for (const p of orphaned) await rm(path.join(root, p));
  const ms = Math.round(performance.now() - started);
  io.stdout(`generated ${files.length} files under deploy/ in ${ms} ms: ${changed.length} written, ${orphaned.length} removed\n`);
  return 0;
}

export async function runCrds(argv: string[], io: GenerateIo = processIo): Promise<number> {
  const { values, help } = parseFlags(crdsFlags, argv);
  if (help) {
    io.stdout(helpText('kongward crds [--out DIR]', 'Print the CustomResourceDefinitions generated from the kind registry (pipe to kubectl apply -f -).', crdsFlags));
    return 0;
  }
  const crds = buildCrds();
  if (!values.out) {
    io.stdout(renderYaml('src/api/registry.ts', crds.map((object) => ({ object }))));
    return 0;
  }
  await mkdir(values.out, { recursive: true });
  const files = crdFiles().filter((f) => !f.path.endsWith('/kustomization.yaml'));
  for (const f of files) await writeFile(path.join(values.out, path.basename(f.path)), f.content);
  io.stdout(`wrote ${files.length} CRDs to ${values.out}\n`);
  return 0;
}
