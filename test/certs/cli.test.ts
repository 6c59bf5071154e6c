import { X509Certificate } from 'node:crypto';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { runCertsCommand, type CliIo } from '../../src/cli/certs.ts';
import { DAY, T0, tempDir } from './support.ts';

function io(now = T0) {
  const out = { stdout: '', stderr: '' };
  const cli: CliIo = { stdout: (s) => void (out.stdout += s), stderr: (s) => void (out.stderr += s), now: () => now };
  return { cli, out };
}

test('generate --out writes a verifiable pair; inspect shows it and exits 0', async (t) => {
  const dir = path.join(await tempDir(t), 'out');
  const gen = io();
  const code = await runCertsCommand(['generate', '--out', dir, '--service', 'kongward', '--namespace', 'kong-system', '--days', '30', '--ca-days', '60'], gen.cli);
  assert.equal(code, 0, gen.out.stderr);
  assert.match(gen.out.stdout, /caBundle for the webhook configuration and CRD conversion: LS0t/);
  const leaf = new X509Certificate(await readFile(path.join(dir, 'tls.crt')));
  const ca = new X509Certificate(await readFile(path.join(dir, 'ca.crt')));
  assert.ok(leaf.verify(ca.publicKey));
  assert.equal(Date.parse(leaf.validTo), T0 + 30 * DAY);
  assert.equal(Date.parse(ca.validTo), T0 + 60 * DAY);
  assert.equal(leaf.checkHost('kongward.kong-system.svc.cluster.local'), 'kongward.kong-system.svc.cluster.local');

  const shown = io(T0 + 10 * DAY);
  assert.equal(await runCertsCommand(['inspect', dir], shown.cli), 0);
  assert.match(shown.out.stdout, /subject: {3}CN=kongward\.kong-system\.svc, O=kongward/);
  assert.match(shown.out.stdout, /issuer: {4}CN=kongward-ca, O=kongward/);
  assert.match(shown.out.stdout, /SANs: {6}DNS:kongward, DNS:kongward\.kong-system, DNS:kongward\.kong-system\.svc, DNS:kongward\.kong-system\.svc\.cluster\.local\n/);
  assert.match(shown.out.stdout, /days left: 20\n/);
  assert.match(shown.out.stdout, /key: {7}tls\.key matches/);
  assert.match(shown.out.stdout, /chain: {5}verifies against ca\.crt/);

  const again = io();
  assert.equal(await runCertsCommand(['generate', '--out', dir, '--service', 'kongward', '--namespace', 'kong-system'], again.cli), 1);
  assert.match(again.out.stderr, /ca\.crt exists; use --force to overwrite/);

  const later = io(T0 + 31 * DAY);
  assert.equal(await runCertsCommand(['inspect', dir], later.cli), 1, 'expired serving certificate');
  assert.match(later.out.stdout, /days left: -1 \(EXPIRED\)/);
});

test('generate --secret-manifest writes a kubernetes.io/tls Secret that inspect reads', async (t) => {
  const dir = await tempDir(t);
  const file = path.join(dir, 'secret.yaml');
  const gen = io();
  assert.equal(await runCertsCommand(['generate', '--secret-manifest', file, '--service', 'kw', '--namespace', 'ns', '--development'], gen.cli), 0, gen.out.stderr);
  const secret = parse(await readFile(file, 'utf8'));
  assert.deepEqual([secret.apiVersion, secret.kind, secret.type, secret.metadata.name, secret.metadata.namespace], ['v1', 'Secret', 'kubernetes.io/tls', 'kw-tls', 'ns']);
  assert.deepEqual(Object.keys(secret.data).sort(), ['ca.crt', 'tls.crt', 'tls.key']);
  const leaf = new X509Certificate(Buffer.from(secret.data['tls.crt'], 'base64'));
  assert.equal(leaf.checkIP('127.0.0.1'), '127.0.0.1');

  const shown = io();
  assert.equal(await runCertsCommand(['inspect', file], shown.cli), 0);
  assert.match(shown.out.stdout, /Secret ns\/kw-tls tls\.crt\n/);
  assert.match(shown.out.stdout, /chain: {5}verifies against ca\.crt/);

  const toStdout = io();
  assert.equal(await runCertsCommand(['generate', '--secret-manifest', '-', '--service', 'kw', '--namespace', 'ns'], toStdout.cli), 0);
  assert.equal(parse(toStdout.out.stdout).kind, 'Secret');
  assert.match(toStdout.out.stderr, /caBundle/);
});

test('inspect flags a key that does not match and a certificate that does not chain', async (t) => {
  const [a, b] = [path.join(await tempDir(t), 'a'), path.join(await tempDir(t), 'b')];
  for (const dir of [a, b]) assert.equal(await runCertsCommand(['generate', '--out', dir, '--service', 's', '--namespace', 'n'], io().cli), 0);
  await writeFile(path.join(a, 'tls.key'), await readFile(path.join(b, 'tls.key')));
  await writeFile(path.join(a, 'ca.crt'), await readFile(path.join(b, 'ca.crt')));
  const shown = io();
  assert.equal(await runCertsCommand(['inspect', a], shown.cli), 1);
  assert.match(shown.out.stdout, /tls\.key DOES NOT MATCH this certificate/);
  assert.match(shown.out.stdout, /DOES NOT verify against ca\.crt/);
});

test('usage errors exit 2 with a reason', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['generate', '--service', 's', '--namespace', 'n'], /one of --out or --secret-manifest is required/],
    [['generate', '--out', 'x', '--namespace', 'n'], /--service is required/],
    [['generate', '--out', 'x', '--service', 's', '--namespace', 'n', '--days', '400'], /--days 400 is longer than --ca-days 365/],
    [['generate', '--out', 'x', '--service', 's', '--namespace', 'n', '--days', 'soon'], /--days: invalid value "soon"/],
    [['generate', '--bogus'], /Unknown option '--bogus'/],
    [['inspect'], /exactly one path is required/],
    [['renew'], /unknown subcommand "renew"/],
  ];
  for (const [argv, message] of cases) {
    const run = io();
    assert.equal(await runCertsCommand(argv, run.cli), 2, argv.join(' '));
    assert.match(run.out.stderr, message, argv.join(' '));
  }
  const help = io();
  assert.equal(await runCertsCommand(['generate', '--help'], help.cli), 0);
  assert.match(help.out.stdout, /--secret-manifest <value>/);
  const missing = io();
  assert.equal(await runCertsCommand(['inspect', '/nonexistent/kongward'], missing.cli), 1);
  assert.match(missing.out.stderr, /no such file or directory/);
});
