// `kongward validate` wall time as CI sees it (a fresh process each run): 10,000 generated
// documents of mixed kinds (some invalid), and one small file; beside the bare start-up of
// Node and of a process that only parses the same YAML.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { buildCli } from '../scripts/build.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(repo, 'src', 'cli', 'main.ts');
/** The CLI as shipped (npm package, image): `npm run build`'s bundle, built into a scratch dir. */
async function buildShippedCli(): Promise<string> {
  const outDir = path.join(repo, '.tmp', 'bench-dist');
  await buildCli(outDir);
  return path.join(outDir, 'cli', 'main.js');
}

export function documentsFor(i: number): object {
  const ns = `team-${i % 17}`;
  switch (i % 5) {
    case 0:
      return { apiVersion: 'configuration.konghq.com/v1alpha1', kind: 'KongService', metadata: { name: `svc-${i}`, namespace: ns },
        spec: { host: i % 50 === 0 ? '' : `svc-${i}.example.com`, port: 443, protocol: 'https', controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'cp' } } } };
    case 1:
      return { apiVersion: 'configuration.konghq.com/v1alpha1', kind: 'KongRoute', metadata: { name: `route-${i}`, namespace: ns },
        spec: { protocols: ['https'], paths: [`/r${i}`], serviceRef: { type: 'namespacedRef', namespacedRef: { name: `svc-${i - 1}` } } } };
    case 2:
      return { apiVersion: 'configuration.konghq.com/v1', kind: 'KongPlugin', metadata: { name: `rate-${i}`, namespace: ns }, plugin: 'rate-limiting', config: { minute: 5, policy: 'local' } };
    case 3:
      return { apiVersion: 'konnect.konghq.com/v1alpha2', kind: 'KonnectGatewayControlPlane', metadata: { name: `cp-${i}`, namespace: ns },
        spec: { createControlPlaneRequest: { name: `cp-${i}`, cluster_type: i % 40 === 3 ? 'CLUSTER_TYPE_BOGUS' : 'CLUSTER_TYPE_CONTROL_PLANE', labels: { team: ns } }, konnect: { authRef: { name: 'auth' } } } };
    default:
      return { apiVersion: 'gateway-operator.konghq.com/v1beta1', kind: 'DataPlane', metadata: { name: `dp-${i}`, namespace: ns },
        spec: { deployment: { replicas: 2, podTemplateSpec: { spec: { containers: [{ name: 'proxy', image: 'kong/kong-gateway:3.9', env: [{ name: 'KONG_LOG_LEVEL', value: 'info' }] }] } } } } };
  }
}

function wall(args: string[]): number {
  const started = performance.now();
  try {
    execFileSync(process.execPath, args, { stdio: 'ignore' });
  } catch {
    /* exit 1 expected for invalid documents */
  }
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export default async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kongward-bench-'));
  try {
    const total = 10_000;
    const perFile = 100;
    for (let f = 0; f < total / perFile; f++) {
      const docs = Array.from({ length: perFile }, (_, j) => stringify(documentsFor(f * perFile + j))).join('---\n');
      writeFileSync(path.join(dir, `manifests-${String(f).padStart(3, '0')}.yaml`), docs);
    }
    const small = path.join(dir, 'manifests-000.yaml');
    const one = path.join(dir, 'one.yaml');
    writeFileSync(one, stringify(documentsFor(0)));
    const parseOnly = path.join(dir, 'parse-only.mjs');
    const jsYaml = fileURLToPath(new URL('../node_modules/js-yaml/dist/js-yaml.mjs', import.meta.url));
    writeFileSync(parseOnly, [
      `import { loadAll } from ${JSON.stringify(jsYaml)};`,
      `import { readdirSync, readFileSync } from 'node:fs';`,
      `for (const f of readdirSync(process.argv[2])) if (f.endsWith('.yaml')) loadAll(readFileSync(process.argv[2] + '/' + f, 'utf8'));`,
    ].join('\n'));
    const runs = 5;
    const compiled = await buildShippedCli();
    const rows: Array<[string, number]> = [
      ['node start-up (baseline)', median(Array.from({ length: runs }, () => wall(['-e', '0'])))],
      ['read and parse the 10,000 documents only, js-yaml (baseline)', median(Array.from({ length: runs }, () => wall([parseOnly, dir])))],
      ['from source: one small file (1 document)', median(Array.from({ length: runs }, () => wall([cli, 'validate', one])))],
      ['from source: one file of 100 documents', median(Array.from({ length: runs }, () => wall([cli, 'validate', small])))],
      [`from source: ${total} documents in ${total / perFile} files`, median(Array.from({ length: runs }, () => wall([cli, 'validate', dir])))],
      ['kongward validate as shipped (npm run build): one small file (1 document)', median(Array.from({ length: runs }, () => wall([compiled, 'validate', one])))],
      [`kongward validate as shipped: ${total} documents in ${total / perFile} files`, median(Array.from({ length: runs }, () => wall([compiled, 'validate', dir])))],
    ];
    console.log(`\n## kongward validate wall time (median of ${runs} fresh processes)`);
    console.log('| run | wall ms |\n|---|---|');
    for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(0)} |`);
    console.log('targets (issue 6), for the shipped CLI (the npm package\'s bin and the image run the bundle): 10,000 documents <= 3000 ms; one small file <= 300 ms. The from-source rows are for comparison.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
