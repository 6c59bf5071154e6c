// The CLI as shipped (`npm run build`: the esbuild bundle in dist/, as in the npm package and the
// container image) behaves exactly like the sources: same output and exit codes for validate
// (including rules that need the lazily loaded CEL library) and convert, and the server starts
// and answers. Built into .tmp/ inside the repository so external packages resolve from node_modules.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCli } from '../../scripts/build.ts';
import { runCli, spawnCli, waitForLog } from '../support/cli.ts';
import { repoRoot } from '../support/shared.ts';

const outdir = path.join(repoRoot, '.tmp', `bundle-test-${process.pid}`);
const entry = path.join(outdir, 'cli', 'main.js');
let scratch = '';

before(async () => {
  await buildCli(outdir);
  scratch = await mkdtemp(path.join(os.tmpdir(), 'kongward-bundle-'));
});
after(async () => {
  await rm(outdir, { recursive: true, force: true });
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function same(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const options = stdin === undefined ? {} : { stdin };
  const [fromSource, fromBundle] = await Promise.all([runCli(args, options), runCli(args, { ...options, entry })]);
  assert.deepEqual(fromBundle, fromSource, `kongward ${args.join(' ')}`);
  return fromBundle;
}

test('validate: the bundle prints what the sources print, valid and invalid, text and json', async () => {
  const file = path.join(scratch, 'mixed.yaml');
  await writeFile(file, [
    'apiVersion: configuration.konghq.com/v1alpha1',
    'kind: KongService',
    'metadata: {name: svc, namespace: default}',
    'spec:',
    '  host: example.com',
    '  controlPlaneRef: {type: konnectNamespacedRef}',
    '---',
    // serverURL's scheme rule is one the fast path leaves to the CEL library.
    'apiVersion: konnect.konghq.com/v1alpha1',
    'kind: KonnectAPIAuthConfiguration',
    'metadata: {name: auth, namespace: default}',
    'spec:',
    '  type: token',
    '  token: kpat_0123456789012345678901234567890123456789012345678',
    '  serverURL: http://eu.api.konghq.com',
    '',
  ].join('\n'));
  const text = await same(['validate', file]);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /spec\.controlPlaneRef: Invalid value: "object": when type is konnectNamespacedRef, konnectNamespacedRef must be set/);
  assert.match(text.stdout, /spec\.serverURL: Invalid value: "string": Server URL must use HTTPs if specifying scheme/);
  const json = await same(['validate', '--output', 'json', file]);
  assert.equal(json.code, 1);
  assert.ok(JSON.parse(json.stdout));
  const fromStdin = await same(['validate', '-'], await readFile(file, 'utf8'));
  assert.equal(fromStdin.code, 1);
});

test('convert and help: same output from the bundle', async () => {
  const converted = await same(['convert', '-f', 'test/fixtures/manifests/convert/mixed.yaml', '--to', 'konnect.konghq.com/v1alpha2']);
  assert.equal(converted.code, 0);
  assert.match(converted.stdout, /apiVersion: konnect\.konghq\.com\/v1alpha2/);
  const help = await same(['--help']);
  assert.equal(help.code, 0);
});

test('serve --dev from the bundle: serves and reports ready', async () => {
  const certs = await mkdtemp(path.join(scratch, 'certs-'));
  const child = spawnCli(['serve', '--dev', '--dev-cert-dir', certs, '--port', '0', '--probe-port', '0'], { entry });
  try {
    const serving = await waitForLog(child, (line) => line.msg === 'kongward webhook serving');
    assert.equal((await fetch(`${String(serving.probes)}/readyz`)).status, 200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    child.kill('SIGKILL');
  }
});
