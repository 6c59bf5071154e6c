// `npm run bench validation`: µs per object through validate() for representative objects of
// the registered kinds (CREATE, and UPDATE with a small change so transition rules and
// ratcheting run), beside two baselines from the same run: a JSON round trip of the object and
// zod's safeParse of the same schema. Target: median <= 30 µs per object.
import { findKind } from '../src/api/registry.ts';
import type { Operation } from '../src/api/types.ts';
import { validate } from '../src/validation/engine.ts';

export interface Case {
  group: string;
  kind: string;
  version: string;
  object: Record<string, unknown>;
  /** Mutates a copy to make the UPDATE's new object. */
  change: (spec: Record<string, unknown>) => void;
}

const metadata = (name: string) => ({
  name,
  namespace: 'demo',
  uid: '0b7f4f0e-5d55-4a8e-9a53-0c1b9b9d8c11',
  resourceVersion: '12345',
  generation: 1,
  creationTimestamp: '2025-01-01T00:00:00Z',
  labels: { app: name, team: 'platform' },
});

export const cases: Case[] = [
  {
    group: 'configuration.konghq.com', kind: 'KongService', version: 'v1alpha1',
    object: {
      apiVersion: 'configuration.konghq.com/v1alpha1', kind: 'KongService', metadata: metadata('httpbin'),
      spec: {
        controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: 'demo-cp' } },
        host: 'httpbin.org', name: 'httpbin', path: '/anything', port: 443, protocol: 'https', retries: 3,
        tags: ['team-a', 'env-prod'],
      },
    },
    change: (spec) => { spec.retries = 4; },
  },
  {
    group: 'configuration.konghq.com', kind: 'KongRoute', version: 'v1alpha1',
    object: {
      apiVersion: 'configuration.konghq.com/v1alpha1', kind: 'KongRoute', metadata: metadata('httpbin-route'),
      spec: {
        name: 'httpbin-route', paths: ['/httpbin', '/anything'], protocols: ['https'], methods: ['GET', 'POST'],
        serviceRef: { type: 'namespacedRef', namespacedRef: { name: 'httpbin' } }, tags: ['team-a'],
      },
    },
    change: (spec) => { spec.paths = ['/httpbin']; },
  },
  {
    group: 'konnect.konghq.com', kind: 'KonnectGatewayControlPlane', version: 'v1alpha2',
    object: {
      apiVersion: 'konnect.konghq.com/v1alpha2', kind: 'KonnectGatewayControlPlane', metadata: metadata('demo-cp'),
      spec: {
        createControlPlaneRequest: { name: 'demo-cp', description: 'control plane for the demo', labels: { team: 'platform' } },
        konnect: { authRef: { name: 'konnect-auth' } }, source: 'Origin',
      },
    },
    change: (spec) => { (spec.createControlPlaneRequest as Record<string, unknown>).description = 'changed'; },
  },
  {
    group: 'gateway-operator.konghq.com', kind: 'DataPlane', version: 'v1beta1',
    object: {
      apiVersion: 'gateway-operator.konghq.com/v1beta1', kind: 'DataPlane', metadata: metadata('demo-dataplane'),
      spec: {
        deployment: {
          replicas: 2,
          podTemplateSpec: {
            spec: {
              containers: [{
                name: 'proxy', image: 'kong/kong-gateway:3.8.1.0',
                env: [{ name: 'KONG_LOG_LEVEL', value: 'info' }],
                resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
              }],
            },
          },
        },
        extensions: [{ group: 'konnect.konghq.com', kind: 'KonnectExtension', name: 'demo-konnect-ext' }],
      },
    },
    change: (spec) => { (spec.deployment as Record<string, unknown>).replicas = 3; },
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

/** Per-call µs (median, p99) of `fn` after a warm-up. */
function measure(fn: () => unknown, iterations = 20000): { median: number; p99: number } {
  for (let i = 0; i < 2000; i++) fn();
  const samples = new Array<number>(iterations);
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

const fmt = (n: number): string => n.toFixed(1).padStart(7);

export default async function run(): Promise<void> {
  console.log('validation: µs per object (median / p99), validate() vs baselines from the same run');
  console.log(`${'kind'.padEnd(28)} ${'op'.padEnd(6)} ${'validate'.padStart(17)} ${'JSON clone'.padStart(17)} ${'zod safeParse'.padStart(17)}  errors`);
  for (const c of cases) {
    const kind = findKind(c.group, c.kind);
    const version = kind?.versions.find((v) => v.name === c.version);
    if (!kind || !version) {
      console.log(`${c.kind.padEnd(28)} skipped (not registered)`);
      continue;
    }
    const target = { kind, version };
    const updated = structuredClone(c.object);
    c.change(updated.spec as Record<string, unknown>);
    const runs: Array<[Operation, () => ReturnType<typeof validate>]> = [
      ['CREATE', () => validate(target, { operation: 'CREATE', object: c.object })],
      ['UPDATE', () => validate(target, { operation: 'UPDATE', object: updated, oldObject: c.object })],
    ];
    const clone = measure(() => JSON.parse(JSON.stringify(c.object)));
    const zod = measure(() => version.schema.safeParse(c.object));
    for (const [op, fn] of runs) {
      const errors = fn().errors.length;
      const v = measure(fn);
      console.log(`${c.kind.padEnd(28)} ${op.padEnd(6)} ${fmt(v.median)} /${fmt(v.p99)}  ${fmt(clone.median)} /${fmt(clone.p99)}  ${fmt(zod.median)} /${fmt(zod.p99)}  ${errors}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
