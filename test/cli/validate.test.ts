import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runValidate } from '../../src/cli/validate.ts';
import { UsageError } from '../../src/cli/flags.ts';
import { memoryIo } from '../support/io.ts';
import { runCli } from '../support/cli.ts';
import { repoRoot, SHARED_MISSING, sharedPath } from '../support/shared.ts';

const fixtures = 'test/fixtures/manifests';
process.chdir(repoRoot);

async function validate(args: string[], stdin = '') {
  const { io, output, errors } = memoryIo(stdin);
  const code = await runValidate(args, io);
  return { code, stdout: output(), stderr: errors() };
}

test('valid manifests: exit 0, unknown kinds skipped, non-manifest files ignored', async () => {
  const { code, stdout } = await validate([`${fixtures}/good`]);
  assert.equal(stdout, '5 documents: 4 valid, 0 invalid, 1 skipped\n');
  assert.equal(code, 0);
});

test('--require-known-kinds turns unknown kinds into errors', async () => {
  const { code, stdout } = await validate(['--require-known-kinds', `${fixtures}/good/configmap.json`]);
  assert.equal(code, 1);
  assert.equal(stdout,
    `${fixtures}/good/configmap.json:1:1: ConfigMap demo/unrelated: kind: Unsupported value: "v1/ConfigMap": kongward has no schema for this kind\n` +
    '1 documents: 0 valid, 1 invalid, 0 skipped\n');
});

test('text output (golden): List items, nested and missing-field positions, broken YAML mid-directory is exit 2 and the rest is still checked', async () => {
  const { code, stdout } = await validate([`${fixtures}/mixed`]);
  const missingCp = 'spec.controlPlaneRef: KonnectGatewayControlPlane demo/demo-cp not found; the object is accepted (the target may be created later) and the controller reports the reference as invalid until it exists';
  assert.equal(stdout, [
    `${fixtures}/mixed/b-broken.yaml:6:1: error: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    `${fixtures}/mixed/a-list.yaml:11:7: warning: KongService demo/ok-svc: ${missingCp}`,
    `${fixtures}/mixed/a-list.yaml:20:5: KongService demo/no-host: spec.host: Required value`,
    `${fixtures}/mixed/a-list.yaml:15:5: KongService demo/no-host: <nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation`,
    `${fixtures}/mixed/c-tags.yaml:8:3: KongService demo/bad-tags: spec.tags: Invalid value: "array": tags entries must not be longer than 128 characters`,
    `${fixtures}/mixed/c-tags.yaml:9:3: warning: KongService demo/bad-tags: ${missingCp}`,
    '3 documents: 1 valid, 2 invalid, 0 skipped; 1 file errors, 2 warnings',
    '',
  ].join('\n'));
  assert.equal(code, 2);
});

test('json output: one machine-readable report with positions', async () => {
  const { code, stdout } = await validate(['-o', 'json', `${fixtures}/mixed/c-tags.yaml`]);
  assert.equal(code, 1);
  const report = JSON.parse(stdout);
  assert.deepEqual(report.summary, { documents: 1, valid: 0, invalid: 1, skipped: 0, warnings: 1, problems: 0 });
  const [doc] = report.documents;
  assert.equal(doc.kind, 'KongService');
  assert.equal(doc.operation, 'CREATE');
  assert.deepEqual(doc.errors, [{
    position: { line: 8, column: 3 },
    field: 'spec.tags',
    message: 'spec.tags: Invalid value: "array": tags entries must not be longer than 128 characters',
  }]);
});

test('github output (golden): workflow annotations with escaped properties', async () => {
  const { stdout } = await validate(['--output', 'github', `${fixtures}/mixed/c-tags.yaml`]);
  assert.equal(stdout,
    `::error file=${fixtures}/mixed/c-tags.yaml,line=8,col=3,title=KongService demo/bad-tags::spec.tags: Invalid value: "array": tags entries must not be longer than 128 characters\n` +
    `::warning file=${fixtures}/mixed/c-tags.yaml,line=9,col=3,title=KongService demo/bad-tags::spec.controlPlaneRef: KonnectGatewayControlPlane demo/demo-cp not found; the object is accepted (the target may be created later) and the controller reports the reference as invalid until it exists\n` +
    '1 documents: 0 valid, 1 invalid, 0 skipped\n');
});

test('reference checks resolve against the documents of the run; --strict turns their warnings into failures', async () => {
  const service = `${fixtures}/good/services.yaml`;
  const alone = await validate([service]);
  assert.equal(alone.code, 0, 'a missing control plane is a warning');
  assert.match(alone.stdout, /services\.yaml:11:3: warning: KongService demo\/httpbin: spec\.controlPlaneRef: KonnectGatewayControlPlane demo\/demo-cp not found/);
  assert.equal((await validate(['--strict', service])).code, 1);
  const together = await validate(['--strict', service, `${fixtures}/good/control-plane.yaml`]);
  assert.equal(together.code, 0, 'resolved when the control plane is among the documents');
});

test('the user\'s case: a KongService on a KIC-type control plane is denied with the controller\'s message', async (t) => {
  const file = sharedPath('examples', 'invalid', 'kongservice-on-kic-cluster-type-cp.yaml');
  if (!file) {
    t.skip(SHARED_MISSING);
    return;
  }
  const { code, stdout } = await validate([file]);
  assert.equal(code, 1);
  assert.match(stdout, /:27:3: KongService default\/httpbin-svc-kic: spec\.controlPlaneRef: Forbidden: Attaching to ControlPlane default\/gateway-control-plane-kic with cluster type CLUSTER_TYPE_K8S_INGRESS_CONTROLLER is not supported\n/);
});

test('stdin is read with "-"', async () => {
  const text = await readFile(`${fixtures}/mixed/c-tags.yaml`, 'utf8');
  const { code, stdout } = await validate(['-'], text);
  assert.equal(code, 1);
  assert.match(stdout, /^<stdin>:8:3: KongService demo\/bad-tags: spec\.tags: /);
});

test('--base <dir>: an object present in the base is an UPDATE, so immutability is checked; new objects are CREATEs', async () => {
  const { code, stdout } = await validate(['-o', 'json', '--base', `${fixtures}/base`, `${fixtures}/head`]);
  assert.equal(code, 1);
  const report = JSON.parse(stdout);
  const [changed, added] = report.documents;
  assert.equal(changed.operation, 'UPDATE');
  assert.deepEqual(changed.errors.map((e: { message: string }) => e.message), ['spec.serverURL: Invalid value: "string": Server URL is immutable']);
  assert.deepEqual(changed.errors[0].position, { line: 9, column: 3 });
  assert.equal(added.operation, 'CREATE');
  assert.equal(added.status, 'valid');
});

test('--base <git-ref>: the base comes from a git revision', async () => {
  const repo = await mkdtemp(path.join(os.tmpdir(), 'kongward-base-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { stdio: 'pipe' });
  try {
    git('init', '-q');
    await cp(`${fixtures}/base/auth.yaml`, path.join(repo, 'manifests', 'auth.yaml'), { recursive: true });
    git('add', '.');
    git('commit', '-qm', 'base');
    await writeFile(path.join(repo, 'manifests', 'auth.yaml'), await readFile(`${fixtures}/head/auth.yaml`, 'utf8'));
    const cwd = process.cwd();
    process.chdir(repo);
    try {
      const { code, stdout } = await validate(['--base', 'HEAD', 'manifests']);
      assert.equal(code, 1);
      assert.match(stdout, /manifests\/auth\.yaml:9:3: KonnectAPIAuthConfiguration demo\/konnect-auth: spec\.serverURL: Invalid value: "string": Server URL is immutable/);
    } finally {
      process.chdir(cwd);
    }
  } finally {
    await rm(repo, { recursive: true, force: true });
  }
});

test('usage and I/O errors: exit 2 with the reason', async () => {
  await assert.rejects(validate([]), UsageError);
  await assert.rejects(validate(['-o', 'xml', 'x.yaml']), /--output: Unsupported value: "xml"/);
  const missing = await validate([`${fixtures}/does-not-exist.yaml`, `${fixtures}/good/services.yaml`]);
  assert.equal(missing.code, 2);
  assert.match(missing.stdout, /does-not-exist\.yaml: error: no such file or directory/);
  assert.match(missing.stdout, /2 documents: 2 valid/);
});

test('the real CLI: exit codes through the process', async () => {
  const ok = await runCli(['validate', `${fixtures}/good`]);
  assert.equal(ok.code, 0);
  const bad = await runCli(['validate', '-'], { stdin: await readFile(`${fixtures}/mixed/c-tags.yaml`, 'utf8') });
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /<stdin>:8:3: /);
  const usage = await runCli(['validate']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /no paths given/);
});
