// Where manifests come from: files, directories (recursive, manifest extensions only), stdin
// (`-`), or the same paths at a git revision (`--base <ref>`).
import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface SourceText {
  /** The name shown in output: the path as given (relative stays relative), or `<stdin>`. */
  file: string;
  text: string;
}

export interface SourceProblem {
  file: string;
  message: string;
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue; // .git, ..data symlink farms, editor files
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, out);
    else if (MANIFEST_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(full);
  }
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads every manifest under the given paths; unreadable paths become problems, not crashes. */
/** `stdin` is asked for only when a path is `-` (touching process.stdin sets up a stream). */
export async function readSources(paths: string[], stdin: () => NodeJS.ReadableStream = () => process.stdin): Promise<{ sources: SourceText[]; problems: SourceProblem[] }> {
  const sources: SourceText[] = [];
  const problems: SourceProblem[] = [];
  for (const given of paths) {
    if (given === '-') {
      sources.push({ file: '<stdin>', text: await readStdin(stdin()) });
      continue;
    }
    try {
      const info = await stat(given);
      const files: string[] = [];
      if (info.isDirectory()) await walk(given, files);
      else files.push(given);
      for (const file of files) sources.push({ file, text: await readFile(file, 'utf8') });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({ file: given, message: code === 'ENOENT' ? 'no such file or directory' : (error as Error).message });
    }
  }
  return { sources, problems };
}

/** The manifests under `paths` as they were at git revision `ref` (for `--base <ref>`). */
export async function readSourcesAtRevision(ref: string, paths: string[]): Promise<SourceText[]> {
  const { stdout: top } = await run('git', ['rev-parse', '--show-toplevel']);
  const root = top.trim();
  const relative = paths.filter((p) => p !== '-').map((p) => path.relative(root, path.resolve(p)) || '.');
  const { stdout } = await run('git', ['-C', root, 'ls-tree', '-r', '--name-only', ref, '--', ...relative], { maxBuffer: 64 * 1024 * 1024 });
  const sources: SourceText[] = [];
  for (const name of stdout.split('\n').filter(Boolean)) {
    if (!MANIFEST_EXTENSIONS.has(path.extname(name).toLowerCase())) continue;
    const { stdout: text } = await run('git', ['-C', root, 'show', `${ref}:${name}`], { maxBuffer: 64 * 1024 * 1024 });
    sources.push({ file: `${ref}:${name}`, text });
  }
  return sources;
}

/** `--base` names a directory when one exists at that path, else a git revision. */
export async function readBase(base: string, paths: string[]): Promise<SourceText[]> {
  const isDir = await stat(base).then((s) => s.isDirectory(), () => false);
  if (isDir) return (await readSources([base])).sources;
  return readSourcesAtRevision(base, paths);
}
