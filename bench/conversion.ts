// Conversion of one 500-object ConversionReview (what a LIST at a non-storage version sends):
// server time in-process and over HTTPS, beside the cost of merely parsing and serialising the
// same review (the floor any converter pays).
import { Registry } from 'prom-client';
import { Agent, request } from 'undici';
import { issueCa, issueServingCertificate } from '../src/certs/issue.ts';
import { silentLogger } from '../src/log.ts';
import { ValidatorRegistry } from '../src/webhooks/admission/validators.ts';
import { convertReview } from '../src/webhooks/conversion/convert-review.ts';
import { startWebhookServer } from '../src/webhooks/server.ts';

function controlPlaneV1alpha1(i: number) {
  return {
    apiVersion: 'konnect.konghq.com/v1alpha1', kind: 'KonnectGatewayControlPlane',
    metadata: { name: `cp-${i}`, namespace: 'demo', uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, resourceVersion: String(1000 + i), generation: 1, labels: { team: 'a' } },
    spec: { name: `cp-${i}`, description: 'bench', cluster_type: 'CLUSTER_TYPE_CONTROL_PLANE', labels: { env: 'bench' }, source: 'Origin', konnect: { authRef: { name: 'auth' } } },
    status: { id: `id-${i}`, organizationID: 'org', serverURL: 'https://us.api.konghq.com', conditions: [{ type: 'Programmed', status: 'True', reason: 'Programmed', message: '', lastTransitionTime: '2026-01-01T00:00:00Z', observedGeneration: 1 }] },
  };
}

function gatewayConfigurationV2beta1(i: number) {
  return {
    apiVersion: 'gateway-operator.konghq.com/v2beta1', kind: 'GatewayConfiguration',
    metadata: { name: `gwc-${i}`, namespace: 'demo', uid: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, resourceVersion: String(5000 + i), generation: 2 },
    spec: {
      dataPlaneOptions: {
        deployment: { replicas: 2, podTemplateSpec: { spec: { containers: [{ name: 'proxy', image: 'kong/kong-gateway:3.9', env: [{ name: 'KONG_LOG_LEVEL', value: 'info' }], resources: { requests: { cpu: '100m', memory: '256Mi' } } }] } } },
        network: { services: { ingress: { type: 'LoadBalancer', annotations: { a: 'b' } } } },
      },
      controlPlaneOptions: { featureGates: [{ name: 'GatewayAlpha', state: 'enabled' }], dataplaneSync: { reverseSync: 'enabled' } },
    },
  };
}

export function review(size: number) {
  const objects = Array.from({ length: size }, (_, i) => (i % 2 === 0 ? controlPlaneV1alpha1(i) : gatewayConfigurationV2beta1(i)));
  return { apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: { uid: 'bench', desiredAPIVersion: '', objects } };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

export default async function run(): Promise<void> {
  const size = 500;
  // Two reviews: each converts objects of one kind towards its other version (as the apiserver does).
  const cps = { ...review(size), request: { uid: 'cp', desiredAPIVersion: 'konnect.konghq.com/v1alpha2', objects: Array.from({ length: size }, (_, i) => controlPlaneV1alpha1(i)) } };
  const gwcs = { ...review(size), request: { uid: 'gwc', desiredAPIVersion: 'gateway-operator.konghq.com/v1beta1', objects: Array.from({ length: size }, (_, i) => gatewayConfigurationV2beta1(i)) } };
  console.log(`\n## Conversion: one ConversionReview of ${size} objects`);
  console.log('| review | parse+serialise only (floor) ms | server time: parse+convert+serialise ms (median) | HTTPS round trip ms (median) |');
  console.log('|---|---|---|---|');
  const now = Date.now();
  const policy = { service: 'bench', namespace: 'bench', development: true };
  const ca = await issueCa(policy, now);
  const leaf = await issueServingCertificate(ca, policy, now);
  const server = await startWebhookServer({ host: '127.0.0.1', port: 0, certificate: leaf, validators: new ValidatorRegistry(), logger: silentLogger(), metrics: new Registry() });
  const agent = new Agent({ connect: { ca: ca.cert } });
  try {
    for (const [name, body] of [['KonnectGatewayControlPlane v1alpha1 -> v1alpha2', cps], ['GatewayConfiguration v2beta1 -> v1beta1', gwcs]] as const) {
      const text = JSON.stringify(body);
      const floor: number[] = [];
      const convert: number[] = [];
      const https: number[] = [];
      for (let r = 0; r < 15; r++) {
        let t = performance.now();
        JSON.stringify(JSON.parse(text));
        floor.push(performance.now() - t);
        // Server time: what the endpoint does per review (parse, convert, serialise the answer).
        t = performance.now();
        const parsed = JSON.parse(text);
        const result = convertReview(parsed.request);
        JSON.stringify(result.converted);
        convert.push(performance.now() - t);
        if (result.failure) throw new Error(result.failure);
        t = performance.now();
        const res = await request(`${server.url}/convert`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: text });
        await res.body.text();
        https.push(performance.now() - t);
      }
      console.log(`| ${name} | ${median(floor).toFixed(1)} | ${median(convert).toFixed(1)} | ${median(https).toFixed(1)} |`);
    }
  } finally {
    await agent.close();
    await server.close();
  }
  console.log('target: <= 20 ms server time for 500 objects (issue 5)');
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
