import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { runConvert } from '../../src/cli/convert.ts';
import { memoryIo } from '../support/io.ts';
import { repoRoot } from '../support/shared.ts';

process.chdir(repoRoot);
const file = 'test/fixtures/manifests/convert/mixed.yaml';

async function convert(args: string[], stdin = '') {
  const { io, output, errors } = memoryIo(stdin);
  const code = await runConvert(args, io);
  return { code, stdout: output(), stderr: errors() };
}

test('converts objects of the target group and passes others through (golden YAML)', async () => {
  const { code, stdout, stderr } = await convert(['-f', file, '--to', 'konnect.konghq.com/v1alpha2']);
  assert.equal(stderr, '');
  assert.equal(code, 0);
  assert.equal(stdout, [
    'apiVersion: konnect.konghq.com/v1alpha2',
    'kind: KonnectGatewayControlPlane',
    'metadata:',
    '  name: demo-cp',
    '  namespace: demo',
    'spec:',
    '  konnect:',
    '    authRef:',
    '      name: konnect-auth',
    '  createControlPlaneRequest:',
    '    name: demo-cp',
    '    labels:',
    '      env: test',
    '---',
    'apiVersion: configuration.konghq.com/v1alpha1',
    'kind: KongService',
    'metadata:',
    '  name: untouched',
    '  namespace: demo',
    'spec:',
    '  host: example.com',
    '',
  ].join('\n'));
});

test('back to v1alpha1 from stdin gives the original object', async () => {
  const up = await convert(['-f', file, '--to', 'konnect.konghq.com/v1alpha2']);
  const down = await convert(['-f', '-', '--to', 'konnect.konghq.com/v1alpha1', '-o', 'json'], up.stdout);
  assert.equal(down.code, 0);
  const [original] = parseAllDocuments(await import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8'))).map((d) => d.toJS());
  assert.deepEqual(JSON.parse(down.stdout).items[0], original);
});

test('an object that cannot be converted: error with its position, exit 1', async () => {
  const bad = 'apiVersion: konnect.konghq.com/v9\nkind: KonnectGatewayControlPlane\nmetadata:\n  name: x\n';
  const { code, stderr } = await convert(['-f', '-', '--to', 'konnect.konghq.com/v1alpha2'], bad);
  assert.equal(code, 1);
  assert.match(stderr, /^<stdin>:1:1: error: KonnectGatewayControlPlane: apiVersion: Unsupported value: "konnect\.konghq\.com\/v9"/);
});

test('usage errors', async () => {
  await assert.rejects(convert(['-f', file]), /--to <group\/version> is required/);
  await assert.rejects(convert(['-f', file, '--to', 'v1alpha2']), /expected <group>\/<version>/);
  await assert.rejects(convert(['--to', 'a/b']), /no input/);
});
