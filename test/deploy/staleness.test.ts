// deploy/ is generated: the committed files must equal what the registry generates now, and
// `kongward generate` writes, checks and prunes exactly its own files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCrds, runGenerate, staleFiles } from '../../src/cli/generate.ts';
import { crdKinds } from '../../src/crds/generate.ts';
import { deployFiles } from '../../src/deploy/files.ts';
import { GENERATED_MARKER } from '../../src/deploy/render.ts';
import { repoRoot } from '../support/shared.ts';

const files = deployFiles();

test('the committed deploy/ files equal what the registry generates', async () => {
  const { changed, orphaned } = await staleFiles(repoRoot, files);
  const lines = [...changed.map((p) => `stale or missing: ${p}`), ...orphaned.map((p) => `no longer generated: ${p}`)];
  assert.deepEqual(lines, [], `deploy/ is out of date with the registry; run \`npm run generate\` and commit the result:\n${lines.join('\n')}`);
});

function memory() {
  let out = '';
  let err = '';
  return { io: { stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t) }, out: () => out, err: () => err };
}

test('kongward generate writes, --check detects edits and orphans, and only generated files are pruned', async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'kongward-generate-'));
  t.after(() => rm(root, { recursive: true, force: true }));

  const first = memory();
  assert.equal(await runGenerate(['--root', root], first.io), 0);
  assert.match(first.out(), new RegExp(`generated ${files.length} files under deploy/ in \\d+ ms: ${files.length} written, 0 removed`));
  const crd = path.join(root, 'deploy/crds/configuration.konghq.com_kongservices.yaml');
  assert.equal(await readFile(crd, 'utf8'), files.find((f) => f.path === 'deploy/crds/configuration.konghq.com_kongservices.yaml')!.content);

  const clean = memory();
  assert.equal(await runGenerate(['--root', root, '--check'], clean.io), 0);
  assert.match(clean.out(), /up to date/);

  await writeFile(crd, `${await readFile(crd, 'utf8')}# hand edit\n`);
  const orphan = path.join(root, 'deploy/crds/configuration.konghq.com_removedkinds.yaml');
  await writeFile(orphan, `${GENERATED_MARKER}\nkind: CustomResourceDefinition\n`);
  const handWritten = path.join(root, 'deploy/notes/extra.yaml');
  await mkdir(path.dirname(handWritten), { recursive: true });
  await writeFile(handWritten, 'kind: ConfigMap\n');

  const stale = memory();
  assert.equal(await runGenerate(['--root', root, '--check'], stale.io), 1);
  assert.match(stale.err(), /run `npm run generate`/);
  assert.match(stale.err(), /stale: deploy\/crds\/configuration\.konghq\.com_kongservices\.yaml/);
  assert.match(stale.err(), /no longer generated: deploy\/crds\/configuration\.konghq\.com_removedkinds\.yaml/);
  assert.doesNotMatch(stale.err(), /extra\.yaml/);

  const fix = memory();
  assert.equal(await runGenerate(['--root', root], fix.io), 0);
  assert.match(fix.out(), /1 written, 1 removed/);
  await assert.rejects(readFile(orphan), { code: 'ENOENT' });
  assert.equal(await readFile(handWritten, 'utf8'), 'kind: ConfigMap\n');
  assert.equal(await runGenerate(['--root', root, '--check'], memory().io), 0);
});

test('kongward crds prints every generated CRD as one multi-document stream', async () => {
  const io = memory();
  assert.equal(await runCrds([], io.io), 0);
  assert.ok(io.out().startsWith(GENERATED_MARKER));
  const names = parseAllDocuments(io.out()).map((doc) => (doc.toJS() as { metadata: { name: string } }).metadata.name);
  assert.deepEqual(names.sort(), crdKinds().map((k) => `${k.plural}.${k.group}`).sort());
});
