// Certificate issuance figures: time to issue a CA + serving pair with native async keygen and
// signing, and how long the event loop stalls meanwhile, beside forge's own JavaScript RSA
// signing as the baseline (what cert.sign() would cost on the event loop).
// Run: node bench/certs.ts [rounds]
import { monitorEventLoopDelay } from 'node:perf_hooks';
import forge from 'node-forge';
import { renewMaterial } from '../src/certs/authority.ts';
import { generateRsaKeyPair } from '../src/certs/keys.ts';
import { planRenewal } from '../src/certs/renewal.ts';
import { checkServingPair } from '../src/certs/x509.ts';

// `node bench/certs.ts 9` sets the rounds; under `npm run bench certs` argv[2] is the module name.
const requested = Number(process.argv[2]);
const rounds = Number.isInteger(requested) && requested > 0 ? requested : 5;
const policy = { service: 'kongward', namespace: 'kong-system', development: true };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; stallMs: number; value: T }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  histogram.disable();
  return { ms, stallMs: histogram.max / 1e6, value };
}

const issue: number[] = [];
const issueStall: number[] = [];
let material;
for (let i = 0; i < rounds; i++) {
  const r = await timed(() => renewMaterial(undefined, policy, Date.now()));
  issue.push(r.ms);
  issueStall.push(r.stallMs);
  material = r.value.material;
}

const keys = await generateRsaKeyPair();
const forgeSign: number[] = [];
for (let i = 0; i < rounds; i++) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = '01';
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const start = performance.now();
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create());
  forgeSign.push(performance.now() - start);
}

const checks = 200;
let start = performance.now();
for (let i = 0; i < checks; i++) planRenewal(material, Date.now());
const planUs = ((performance.now() - start) / checks) * 1000;
start = performance.now();
for (let i = 0; i < checks; i++) checkServingPair(material!.cert, material!.key, Date.now());
const checkUs = ((performance.now() - start) / checks) * 1000;

console.log(`rounds: ${rounds}`);
console.log(`issue CA + serving (2 async RSA-2048 keygens, 2 native signatures): median ${median(issue).toFixed(0)} ms, event-loop max stall median ${median(issueStall).toFixed(1)} ms (max ${Math.max(...issueStall).toFixed(1)})`);
console.log(`baseline: forge cert.sign() in JavaScript (blocks the loop): median ${median(forgeSign).toFixed(1)} ms per signature`);
console.log(`planRenewal: ${planUs.toFixed(0)} µs; checkServingPair: ${checkUs.toFixed(0)} µs`);
