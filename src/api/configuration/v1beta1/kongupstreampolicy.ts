// KongUpstreamPolicy v1beta1: load balancing, hashing, sticky sessions and health checks for
// the upstreams KIC builds from Services. All its rules sit on the object root.
import { z } from 'zod';
import { atomicList, cel, integer, k8s, resource } from '../../kit.ts';
import { conditions } from '../../common/conditions.ts';
import { ageColumn } from '../../common/printer-columns.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';

const hashInput = z.enum(['ip', 'consumer', 'path', 'none']);

const hashOn = z.object({
  cookie: z.string().optional(),
  cookiePath: z.string().optional(),
  header: z.string().optional(),
  input: hashInput.optional(),
  queryArg: z.string().optional(),
  uriCapture: z.string().optional(),
});

const nonNegative = () => integer().min(0).optional();
const httpStatuses = () => z.array(integer().min(100).max(599)).optional();
const healthcheckType = z.enum(['http', 'https', 'tcp', 'grpc', 'grpcs']);

const healthy = z.object({ httpStatuses: httpStatuses(), interval: nonNegative(), successes: nonNegative() });
const unhealthy = z.object({
  httpFailures: nonNegative(),
  httpStatuses: httpStatuses(),
  interval: nonNegative(),
  tcpFailures: nonNegative(),
  timeouts: nonNegative(),
});

const activeHealthcheck = z.object({
  concurrency: integer().min(1).optional(),
  headers: z.record(z.string(), z.array(z.string())).optional(),
  healthy: healthy.optional(),
  // Given as text: a JS RegExp's source would spell the slash `\/`, unlike the CRD.
  httpPath: k8s(z.string(), { openapi: { pattern: '^/.*$' } }).optional(),
  httpsSni: z.string().optional(),
  httpsVerifyCertificate: z.boolean().optional(),
  timeout: nonNegative(),
  type: healthcheckType.optional(),
  unhealthy: unhealthy.optional(),
});

const passiveHealthcheck = z.object({
  healthy: healthy.optional(),
  type: healthcheckType.optional(),
  unhealthy: unhealthy.optional(),
});

const policyAncestorStatus = z.object({
  ancestorRef: z.object({
    group: z.string().max(253).regex(/^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/).default('gateway.networking.k8s.io'),
    kind: z.string().min(1).max(63).regex(/^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/).default('Gateway'),
    name: z.string().min(1).max(253),
    namespace: z.string().min(1).max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).optional(),
    port: integer('int32').min(1).max(65535).optional(),
    sectionName: z.string().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/).optional(),
  }),
  conditions: conditions({ minItems: 1, maxItems: 8 }),
  // Upstream writes this pattern with escaped slashes (`\/`); the CRD text keeps them.
  controllerName: k8s(
    z
      .string()
      .min(1)
      .max(253)
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$/),
    { openapi: { pattern: String.raw`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$` } },
  ),
});

export const kongUpstreamPolicyV1beta1Schema = resource({
  spec: z.object({
    algorithm: z.enum(['round-robin', 'consistent-hashing', 'least-connections', 'latency', 'sticky-sessions']).optional(),
    hashOn: hashOn.optional(),
    hashOnFallback: hashOn.optional(),
    healthchecks: z
      .object({
        active: activeHealthcheck.optional(),
        passive: passiveHealthcheck.optional(),
        threshold: integer().min(0).max(100).optional(),
      })
      .optional(),
    slots: integer().min(10).max(65536).optional(),
    stickySessions: z.object({ cookie: z.string().min(1), cookiePath: z.string().default('/') }).optional(),
  }),
  status: z.object({ ancestors: atomicList(policyAncestorStatus).max(16) }),
  rules: [
    cel(
      'has(self.spec.hashOn) ? [has(self.spec.hashOn.input), has(self.spec.hashOn.cookie), has(self.spec.hashOn.header), has(self.spec.hashOn.uriCapture), has(self.spec.hashOn.queryArg)].filter(fieldSet, fieldSet == true).size() <= 1 : true',
      'Only one of spec.hashOn.(input|cookie|header|uriCapture|queryArg) can be set.',
    ),
    cel(
      'has(self.spec.hashOn) && has(self.spec.hashOn.cookie) ? has(self.spec.hashOn.cookiePath) : true',
      'When spec.hashOn.cookie is set, spec.hashOn.cookiePath is required.',
    ),
    cel(
      'has(self.spec.hashOn) && has(self.spec.hashOn.cookiePath) ? has(self.spec.hashOn.cookie) : true',
      'When spec.hashOn.cookiePath is set, spec.hashOn.cookie is required.',
    ),
    cel(
      'has(self.spec.hashOn) ? has(self.spec.algorithm) && (self.spec.algorithm == "consistent-hashing" || self.spec.algorithm == "sticky-sessions") : true',
      "spec.algorithm must be set to either 'consistent-hashing' or 'sticky-sessions' when spec.hashOn is set.",
    ),
    cel(
      'has(self.spec.hashOnFallback) ? [has(self.spec.hashOnFallback.input), has(self.spec.hashOnFallback.header), has(self.spec.hashOnFallback.uriCapture), has(self.spec.hashOnFallback.queryArg)].filter(fieldSet, fieldSet == true).size() <= 1 : true',
      'Only one of spec.hashOnFallback.(input|header|uriCapture|queryArg) can be set.',
    ),
    cel(
      'has(self.spec.hashOnFallback) ? has(self.spec.algorithm) && self.spec.algorithm == "consistent-hashing" : true',
      'spec.algorithm must be set to "consistent-hashing" when spec.hashOnFallback is set.',
    ),
    cel(
      'has(self.spec.hashOn) && has(self.spec.hashOn.cookie) ? !has(self.spec.hashOnFallback) : true',
      'spec.hashOnFallback must not be set when spec.hashOn.cookie is set.',
    ),
    cel(
      'has(self.spec.healthchecks) && has(self.spec.healthchecks.passive) && has(self.spec.healthchecks.passive.healthy) ? !has(self.spec.healthchecks.passive.healthy.interval) : true',
      'spec.healthchecks.passive.healthy.interval must not be set.',
    ),
    cel(
      'has(self.spec.healthchecks) && has(self.spec.healthchecks.passive) && has(self.spec.healthchecks.passive.unhealthy) ? !has(self.spec.healthchecks.passive.unhealthy.interval) : true',
      'spec.healthchecks.passive.unhealthy.interval must not be set.',
    ),
    cel(
      "has(self.spec.stickySessions) ? (has(self.spec.hashOn) && has(self.spec.hashOn.input) && self.spec.hashOn.input == 'none' && !has(self.spec.hashOn.cookie) && !has(self.spec.hashOn.cookiePath) && !has(self.spec.hashOn.header) && !has(self.spec.hashOn.uriCapture) && !has(self.spec.hashOn.queryArg)) : true",
      "When spec.stickySessions is set, spec.hashOn.input must be set to 'none' (no other hash_on fields allowed).",
    ),
    cel('has(self.spec.stickySessions) ? has(self.spec.stickySessions.cookie) : true', 'spec.stickySessions.cookie is required when spec.stickySessions is set.'),
    cel(
      'has(self.spec.stickySessions) ? (has(self.spec.algorithm) && self.spec.algorithm == "sticky-sessions") : true',
      "spec.algorithm must be set to 'sticky-sessions' when spec.stickySessions is set.",
    ),
  ],
});
export type KongUpstreamPolicyV1beta1 = z.infer<typeof kongUpstreamPolicyV1beta1Schema>;

export const kongUpstreamPolicyV1beta1: VersionDefinition = {
  name: 'v1beta1',
  served: true,
  storage: true,
  schema: kongUpstreamPolicyV1beta1Schema,
  printerColumns: [ageColumn],
  subresources: { status: true },
};

export const kongUpstreamPolicyKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongUpstreamPolicy',
  plural: 'kongupstreampolicies',
  singular: 'kongupstreampolicy',
  listKind: 'KongUpstreamPolicyList',
  scope: 'Namespaced',
  shortNames: ['kup'],
  categories: ['kong'],
  versions: [kongUpstreamPolicyV1beta1],
};
