// KongUpstream v1alpha1: a Kong Gateway upstream (load balancer) in a Konnect control plane
// (Kong Operator v2.2.3). `spec.client_certificate` is deprecated: a warning, as KO's
// ValidatingAdmissionPolicy (Warn) gives.
import { z } from 'zod';
import { cel, integer, resource, withRules } from '../../kit.ts';
import {
  adoptNeedsKonnectRefRule,
  adoptOptions,
  adoptSetOnceRule,
  controlPlaneRef,
  controlPlaneRefRequiredOnceSetRule,
  entityStatus,
  kicNotSupportedRule,
  konnectEntityStatus,
  namespacedRef,
  tags,
} from '../../common/konnect-entity.ts';
import { controlPlaneRefImmutableWhenProgrammedStatusRule } from '../../common/control-plane-ref-rule-variants.ts';
import { konnectEntityColumns } from '../../common/printer-columns.ts';
import type { KindDefinition, ObjectCheck, VersionDefinition } from '../../types.ts';

const httpStatuses = z.array(integer('int64'));
const headers = z.record(z.string(), z.array(z.string()));

const activeHealthcheck = z.object({
  concurrency: integer('int64'),
  headers: headers.optional(),
  healthy: z
    .object({
      http_statuses: httpStatuses.optional(),
      interval: z.number(),
      successes: integer('int64'),
    })
    .optional(),
  http_path: z.string(),
  https_sni: z.string().optional(),
  https_verify_certificate: z.boolean(),
  timeout: z.number(),
  type: z.string(),
  unhealthy: z
    .object({
      http_failures: integer('int64'),
      http_statuses: httpStatuses.optional(),
      interval: z.number(),
      tcp_failures: integer('int64'),
      timeouts: integer('int64'),
    })
    .optional(),
});

const passiveHealthcheck = z.object({
  healthy: z
    .object({
      http_statuses: httpStatuses.optional(),
      successes: integer('int64'),
    })
    .optional(),
  type: z.string(),
  unhealthy: z
    .object({
      http_failures: integer('int64'),
      http_statuses: httpStatuses.optional(),
      tcp_failures: integer('int64'),
      timeouts: integer('int64'),
    })
    .optional(),
});

const healthchecks = withRules(
  z.object({
    active: activeHealthcheck.optional(),
    passive: passiveHealthcheck.optional(),
    threshold: z.number(),
  }),
  cel('self.threshold >= 0 && self.threshold <= 100', 'healthcheck threshold must be between 0 and 100'),
);

/** `<field> is required when <selector> is set to <value>` rules, verbatim (backticks vary upstream). */
function requiredWhen(selector: string, value: string, field: string, message: string) {
  return cel(`!has(self.${selector}) || (self.${selector} != '${value}' || has(self.${field}))`, message);
}

export const kongUpstreamV1alpha1Schema = resource({
  spec: withRules(
    z.object({
      adopt: adoptOptions.optional(),
      algorithm: z.string().optional(),
      client_certificate: z.object({ id: z.string().optional() }).optional(),
      clientCertificateRef: namespacedRef.optional(),
      controlPlaneRef,
      hash_fallback: z.string().optional(),
      hash_fallback_header: z.string().optional(),
      hash_fallback_query_arg: z.string().optional(),
      hash_fallback_uri_capture: z.string().optional(),
      hash_on: z.string().optional(),
      hash_on_cookie: z.string().optional(),
      hash_on_cookie_path: z.string().optional(),
      hash_on_header: z.string().optional(),
      hash_on_query_arg: z.string().optional(),
      hash_on_uri_capture: z.string().optional(),
      healthchecks: healthchecks.optional(),
      host_header: z.string().optional(),
      name: z.string().optional(),
      slots: integer('int64').min(10).max(65536).optional(),
      sticky_sessions_cookie: z.string().optional(),
      sticky_sessions_cookie_path: z.string().optional(),
      tags: tags.optional(),
      use_srv_name: z.boolean().optional(),
    }),
    kicNotSupportedRule,
    requiredWhen('hash_fallback', 'header', 'hash_fallback_header', 'hash_fallback_header is required when `hash_fallback` is set to `header`.'),
    requiredWhen('hash_fallback', 'query_arg', 'hash_fallback_query_arg', 'hash_fallback_query_arg is required when `hash_fallback` is set to `query_arg`.'),
    requiredWhen('hash_fallback', 'uri_capture', 'hash_fallback_uri_capture', 'hash_fallback_uri_capture is required when `hash_fallback` is set to `uri_capture`.'),
    requiredWhen('hash_fallback', 'cookie', 'hash_on_cookie', 'hash_on_cookie is required when hash_fallback is set to `cookie`.'),
    requiredWhen('hash_on', 'cookie', 'hash_on_cookie', 'hash_on_cookie is required when hash_on is set to `cookie`.'),
    requiredWhen('hash_fallback', 'cookie', 'hash_on_cookie_path', 'hash_on_cookie_path is required when hash_fallback is set to `cookie`.'),
    requiredWhen('hash_on', 'cookie', 'hash_on_cookie_path', 'hash_on_cookie_path is required when hash_on is set to `cookie`.'),
    requiredWhen('hash_on', 'header', 'hash_on_header', 'hash_on_header is required when hash_on is set to `header`.'),
    requiredWhen('hash_on', 'query_arg', 'hash_on_query_arg', 'hash_on_query_arg is required when `hash_on` is set to `query_arg`.'),
    requiredWhen('hash_on', 'uri_capture', 'hash_on_uri_capture', 'hash_on_uri_capture is required when `hash_on` is set to `uri_capture`.'),
    requiredWhen('algorithm', 'sticky-sessions', 'sticky_sessions_cookie', 'sticky_sessions_cookie is required when algorithm is set to `sticky-sessions`.'),
    adoptNeedsKonnectRefRule,
    adoptSetOnceRule,
    cel('!(has(self.client_certificate) && has(self.clientCertificateRef))', 'client_certificate and clientCertificateRef are mutually exclusive'),
  ),
  status: entityStatus(konnectEntityStatus({ certificateID: z.string().optional() })),
  required: ['spec'],
  rules: [controlPlaneRefRequiredOnceSetRule, controlPlaneRefImmutableWhenProgrammedStatusRule],
});
export type KongUpstreamV1alpha1 = z.infer<typeof kongUpstreamV1alpha1Schema>;

/** Warning text of KO v2.2.3's `client-certificate.kongupstream.configuration.konghq.com` policy. */
export const clientCertificateDeprecation = 'spec.client_certificate is deprecated, use spec.clientCertificateRef instead.';

/** Warns (never denies) while the deprecated `spec.client_certificate` is set. */
export const warnClientCertificateDeprecated: ObjectCheck = ({ object }) => {
  const spec = object.spec as Record<string, unknown> | undefined;
  return spec && spec.client_certificate !== undefined ? { warnings: [clientCertificateDeprecation] } : {};
};

export const kongUpstreamV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: kongUpstreamV1alpha1Schema,
  printerColumns: konnectEntityColumns,
  subresources: { status: true },
  checks: [warnClientCertificateDeprecated],
};

export const kongUpstreamKind: KindDefinition = {
  group: 'configuration.konghq.com',
  kind: 'KongUpstream',
  plural: 'kongupstreams',
  singular: 'kongupstream',
  listKind: 'KongUpstreamList',
  scope: 'Namespaced',
  categories: ['kong'],
  versions: [kongUpstreamV1alpha1],
};
