// `npm run bench references`: what the reference checks cost.
// 1. Validator CPU per review (mean, p99) with 10,000 objects in the reference caches (the
//    cluster lookup, synced from the test API server), beside
//    the same reviews through the engine validators alone, interleaved in the same run.
// 2. Memory per cached object: the projections and indexes the caches keep, beside the same
//    objects kept whole.
import v8 from 'node:v8';
import vm from 'node:vm';
import { KubeApiServer } from '../test/support/kube-apiserver/index.ts';
import { ObjectCache } from '../src/controller/runtime/object-cache.ts';
import type { KubeObject } from '../src/controller/runtime/types.ts';
import { ClusterReferenceLookup } from '../src/references/cluster-lookup.ts';
import { allCachedKinds, project } from '../src/references/cached-kinds.ts';
import { referenceValidators } from '../src/references/validators.ts';
import { collectVerdicts } from '../src/webhooks/admission/decide.ts';
import type { AdmissionRequest } from '../src/webhooks/admission/review.ts';
import { buildValidators } from '../src/webhooks/admission/default-validators.ts';
import { ValidatorRegistry } from '../src/webhooks/admission/validators.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const OBJECTS = 10_000;
const C = 'configuration.konghq.com/v1alpha1';
const metadata = (name: string, i: number) => ({
  name, namespace: `team-${i % 50}`,
  labels: { app: name, team: `team-${i % 50}`, tier: 'edge' },
  annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"configuration.konghq.com/v1alpha1","kind":"KongService","spec":{"host":"example.internal"}}' },
  managedFields: [{ manager: 'kubectl', operation: 'Apply', apiVersion: C, fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:host': {}, 'f:port': {} } } }],
});
const cpRef = (name: string) => ({ type: 'konnectNamespacedRef', konnectNamespacedRef: { name } });

/** 50 namespaces, each with an auth configuration and 2 control planes (one KIC); the rest services, routes and upstreams. */
function objects(): KubeObject[] {
  const out: KubeObject[] = [];
  for (let ns = 0; ns < 50; ns++) {
    const namespace = `team-${ns}`;
    out.push({ apiVersion: 'konnect.konghq.com/v1alpha1', kind: 'KonnectAPIAuthConfiguration', metadata: { name: 'auth', namespace }, spec: { type: 'token', token: 'kpat_x', serverURL: 'us.api.konghq.com' } });
    for (const [name, type] of [['cp', 'CLUSTER_TYPE_CONTROL_PLANE'], ['kic', 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER']] as const) {
      out.push({ apiVersion: 'konnect.konghq.com/v1alpha2', kind: 'KonnectGatewayControlPlane', metadata: { name, namespace },
        spec: { source: 'Origin', createControlPlaneRequest: { name: `${namespace}-${name}`, cluster_type: type, labels: { env: 'prod' } }, konnect: { authRef: { name: 'auth' } } } });
    }
  }
  for (let i = out.length; i < OBJECTS; i++) {
    const kind = i % 5 < 3 ? 'KongService' : i % 5 === 3 ? 'KongRoute' : 'KongUpstream';
    const name = `${kind.toLowerCase()}-${i}`;
    const spec: Record<string, unknown> = kind === 'KongRoute'
      ? { protocols: ['https'], paths: [`/p${i}`], hosts: ['example.com'], serviceRef: { type: 'namespacedRef', namespacedRef: { name: `kongservice-${i - 1}` } } }
      : kind === 'KongService'
        ? { host: `svc-${i}.internal`, port: 443, protocol: 'https', retries: 5, tags: ['a', 'b'], controlPlaneRef: cpRef('cp') }
        : { algorithm: 'round-robin', slots: 10000, controlPlaneRef: cpRef('cp') };
    out.push({ apiVersion: C, kind, metadata: metadata(name, i), spec });
  }
  return out;
}

const review = (kind: string, name: string, spec: Record<string, unknown>): AdmissionRequest => ({
  uid: 'bench', kind: { group: 'configuration.konghq.com', version: 'v1alpha1', kind }, name, namespace: 'team-7', operation: 'CREATE', dryRun: false,
  object: { apiVersion: C, kind, metadata: { name, namespace: 'team-7', uid: 'b6b1f6a2-0000-4000-8000-000000000001' }, spec }, oldObject: null,
});

const reviews = [
  review('KongService', 'new-svc', { host: 'httpbin.org', port: 443, protocol: 'https', controlPlaneRef: cpRef('cp') }),
  review('KongService', 'on-kic', { host: 'httpbin.org', controlPlaneRef: cpRef('kic') }),
  review('KongRoute', 'new-route', { protocols: ['https'], paths: ['/x'], serviceRef: { type: 'namespacedRef', namespacedRef: { name: 'kongservice-157' } }, controlPlaneRef: cpRef('cp') }),
  review('KongUpstream', 'missing-cp', { controlPlaneRef: cpRef('nowhere') }),
];

const heap = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export default async function run(): Promise<void> {
  const all = objects();
  const api = await KubeApiServer.start({ bookmarkIntervalMs: 1000 });
  api.seed(...all.map((o) => structuredClone(o)));

  const lookup = new ClusterReferenceLookup({ kubeConfig: api.kubeConfig() });
  const started = performance.now();
  lookup.start();
  await lookup.waitForSync();
  const syncMs = performance.now() - started;
  const whole = new ObjectCache();
  const beforeWhole = heap();
  for (const o of all) whole.upsert(JSON.parse(JSON.stringify(o)) as KubeObject);
  const wholeBytes = heap() - beforeWhole;
  const cached = Object.values(lookup.sizes()).reduce((a, b) => a + b, 0);
  // Memory is measured on the same projections and indexes built in process: the test server
  // shares this heap, so a heap delta around the informers' sync would mix in its allocations.
  const caches = new Map(allCachedKinds().map((k) => [k.resource.kind, { kind: k, cache: new ObjectCache(k.indexers) }]));
  const beforeProjected = heap();
  for (const o of all) {
    const entry = caches.get(String(o.kind));
    if (entry) entry.cache.upsert(project(entry.kind, JSON.parse(JSON.stringify(o)) as KubeObject));
  }
  const projectedInProcess = heap() - beforeProjected;

  const engineOnly = buildValidators();
  const withReferences = buildValidators();
  for (const { gvk, validator } of referenceValidators(lookup)) withReferences.register(gvk, validator);
  const referencesOnly = new ValidatorRegistry();
  for (const { gvk, validator } of referenceValidators(lookup)) referencesOnly.register(gvk, validator);
  const timings = { engine: [] as number[], references: [] as number[], only: [] as number[] };
  const ROUNDS = 3000;
  for (let i = 0; i < ROUNDS + 300; i++) {
    for (const [name, registry] of [['engine', engineOnly], ['references', withReferences], ['only', referencesOnly]] as const) {
      const request = structuredClone(reviews[i % reviews.length]!); // fresh objects: no caching by identity
      const t0 = process.hrtime.bigint();
      await collectVerdicts(request, registry.lookup(request.kind));
      const us = Number(process.hrtime.bigint() - t0) / 1000;
      if (i >= 300) timings[name].push(us); // first 300 rounds warm up
    }
  }
  await lookup.stop();
  await api.close();

  const line = (name: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return { mean, p99: percentile(sorted, 0.99), text: `${name.padEnd(34)} mean ${mean.toFixed(1).padStart(7)} µs   p50 ${percentile(sorted, 0.5).toFixed(1).padStart(7)} µs   p99 ${percentile(sorted, 0.99).toFixed(1).padStart(7)} µs` };
  };
  const engine = line('engine validators only', timings.engine);
  const refs = line(`engine + reference checks`, timings.references);
  const only = line(`reference checks alone`, timings.only);
  console.log('\nreference checks (validator CPU per review, in process; 4 review shapes interleaved)');
  console.log(`  ${engine.text}`);
  console.log(`  ${refs.text}`);
  console.log(`  ${only.text}`);
  console.log(`  added CPU: mean ${only.mean.toFixed(1)} µs per review = ${((only.mean / engine.mean) * 100).toFixed(1)} % of the engine's mean, p99 ${only.p99.toFixed(1)} µs (${cached} objects cached)`);
  console.log(`\nreference caches: ${cached} objects from the test API server, synced in ${syncMs.toFixed(0)} ms`);
  console.log(`  projected, built in process       ${(projectedInProcess / all.length).toFixed(0).padStart(6)} B per object   (${(projectedInProcess / 1024 / 1024).toFixed(1)} MiB, what the cluster lookup keeps, indexes included)`);
  console.log(`  whole objects (baseline)          ${(wholeBytes / all.length).toFixed(0).padStart(6)} B per object   (${(wholeBytes / 1024 / 1024).toFixed(1)} MiB, same objects in an ObjectCache)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
