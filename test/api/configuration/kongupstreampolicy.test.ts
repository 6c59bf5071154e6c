import assert from 'node:assert/strict';
import { ruleError, runCases, schemaErrors } from './kind-cases.ts';

function policy(spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'configuration.konghq.com/v1beta1', kind: 'KongUpstreamPolicy', metadata: { name: 'p', namespace: 'demo' }, spec };
}
const root = (message: string) => ruleError('<nil>', message);
const sticky = { algorithm: 'sticky-sessions', hashOn: { input: 'none' }, stickySessions: { cookie: 'session' } };

runCases('KongUpstreamPolicy v1beta1', [
  {
    name: 'consistent hashing with fallback and health checks is accepted',
    object: policy({
      algorithm: 'consistent-hashing', slots: 100,
      hashOn: { header: 'x-user' }, hashOnFallback: { input: 'ip' },
      healthchecks: {
        threshold: 50,
        active: { type: 'http', httpPath: '/status', concurrency: 2, headers: { 'x-probe': ['1'] }, healthy: { interval: 5, successes: 2, httpStatuses: [200] }, unhealthy: { interval: 5, httpFailures: 3 } },
        passive: { healthy: { successes: 3 }, unhealthy: { httpFailures: 3, httpStatuses: [500, 503] } },
      },
    }),
    errors: [],
  },
  { name: 'sticky sessions default the cookie path', object: policy(sticky), errors: [],
    verify: (r) => assert.equal((r.object?.spec as { stickySessions: { cookiePath: string } }).stickySessions.cookiePath, '/') },
  { name: 'algorithm is an enum', object: policy({ algorithm: 'random' }),
    errors: schemaErrors('spec.algorithm: Unsupported value: "random": supported values: "round-robin", "consistent-hashing", "least-connections", "latency", "sticky-sessions"') },
  { name: 'slots are 10..65536', object: policy({ slots: 5 }), errors: ['spec.slots: Invalid value: 5: spec.slots in body should be greater than or equal to 10'] },
  { name: 'httpPath starts with a slash', object: policy({ healthchecks: { active: { httpPath: 'status' } } }),
    errors: ['spec.healthchecks.active.httpPath: Invalid value: "status": spec.healthchecks.active.httpPath in body should match \'^/.*$\''] },
  { name: 'only one hashOn source', object: policy({ algorithm: 'consistent-hashing', hashOn: { input: 'ip', header: 'x' } }),
    errors: [root('Only one of spec.hashOn.(input|cookie|header|uriCapture|queryArg) can be set.')] },
  { name: 'hashOn.cookie needs cookiePath', object: policy({ algorithm: 'consistent-hashing', hashOn: { cookie: 'c' } }),
    errors: [root('When spec.hashOn.cookie is set, spec.hashOn.cookiePath is required.')] },
  { name: 'hashOn.cookiePath needs cookie', object: policy({ algorithm: 'consistent-hashing', hashOn: { cookiePath: '/' } }),
    errors: [root('When spec.hashOn.cookiePath is set, spec.hashOn.cookie is required.')] },
  { name: 'hashOn needs a hashing algorithm', object: policy({ algorithm: 'round-robin', hashOn: { input: 'ip' } }),
    errors: [root("spec.algorithm must be set to either 'consistent-hashing' or 'sticky-sessions' when spec.hashOn is set.")] },
  { name: 'only one hashOnFallback source', object: policy({ algorithm: 'consistent-hashing', hashOn: { input: 'ip' }, hashOnFallback: { input: 'path', queryArg: 'q' } }),
    errors: [root('Only one of spec.hashOnFallback.(input|header|uriCapture|queryArg) can be set.')] },
  { name: 'hashOnFallback needs consistent-hashing', object: policy({ algorithm: 'sticky-sessions', hashOn: { input: 'ip' }, hashOnFallback: { input: 'path' } }),
    errors: [root('spec.algorithm must be set to "consistent-hashing" when spec.hashOnFallback is set.')] },
  { name: 'no hashOnFallback with a cookie', object: policy({ algorithm: 'consistent-hashing', hashOn: { cookie: 'c', cookiePath: '/' }, hashOnFallback: { input: 'ip' } }),
    errors: [root('spec.hashOnFallback must not be set when spec.hashOn.cookie is set.')] },
  { name: 'passive healthy has no interval', object: policy({ healthchecks: { passive: { healthy: { interval: 1 } } } }),
    errors: [root('spec.healthchecks.passive.healthy.interval must not be set.')] },
  { name: 'passive unhealthy has no interval', object: policy({ healthchecks: { passive: { unhealthy: { interval: 1 } } } }),
    errors: [root('spec.healthchecks.passive.unhealthy.interval must not be set.')] },
  { name: 'sticky sessions hash on input none only', object: policy({ ...sticky, hashOn: { input: 'ip' } }),
    errors: [root("When spec.stickySessions is set, spec.hashOn.input must be set to 'none' (no other hash_on fields allowed).")] },
  { name: 'sticky sessions need the sticky-sessions algorithm', object: policy({ ...sticky, algorithm: 'consistent-hashing' }),
    errors: [root("spec.algorithm must be set to 'sticky-sessions' when spec.stickySessions is set.")] },
  { name: 'stickySessions.cookie is required (schema first)', object: policy({ ...sticky, stickySessions: {} }),
    errors: schemaErrors('spec.stickySessions.cookie: Required value') },
]);
