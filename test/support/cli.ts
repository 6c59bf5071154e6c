// Runs the real `kongward` CLI as a child process (Node 24 from node_modules) for tests.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './shared.ts';

export const cliEntry = path.join(repoRoot, 'src', 'cli', 'main.ts');

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The CLI entry to run: the sources by default, or a bundle's `cli/main.js`. */
  entry?: string;
}

export function spawnCli(args: string[], options: CliOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [options.entry ?? cliEntry, ...args], { cwd: options.cwd ?? repoRoot, env: { ...process.env, ...options.env } });
}

/** Runs to completion; resolves with exit code and output. */
export function runCli(args: string[], options: CliOptions & { stdin?: string } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawnCli(args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** Collects JSON log lines from a child's stdout until `predicate` matches one. */
export function waitForLog(child: ChildProcessWithoutNullStreams, predicate: (line: Record<string, unknown>) => boolean, timeoutMs = 15_000) {
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`no matching log line within ${timeoutMs} ms; got: ${buffer.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const text of buffer.split('\n')) {
        try {
          const line = JSON.parse(text) as Record<string, unknown>;
          if (predicate(line)) {
            clearTimeout(timer);
            child.stdout.off('data', onData);
            resolve(line);
            return;
          }
        } catch {
          /* partial or non-JSON line */
        }
      }
    };
    child.stdout.on('data', onData);
  });
}
