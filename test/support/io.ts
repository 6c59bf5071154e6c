// In-memory stdio for running CLI commands in-process.
import { PassThrough, Readable } from 'node:stream';

export function memoryIo(stdinText = '', tty = false) {
  const stdout = Object.assign(new PassThrough(), { isTTY: tty });
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdout, stderr, stdin: Readable.from([stdinText]) }, output: () => out, errors: () => err };
}
