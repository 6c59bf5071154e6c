import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifest } from '../../support/validate.ts';
import { NOT_CHECKED, entitySuite, konnectRef, runCases, withSpec, type Case, type Manifest } from './entity-cases.ts';

const valid: Manifest = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongUpstream',
  metadata: { name: 'upstream', namespace: 'default' },
  spec: { name: 'upstream', algorithm: 'round-robin', slots: 100, controlPlaneRef: konnectRef },
};
const DEPRECATED = 'spec.client_certificate is deprecated, use spec.clientCertificateRef instead.';

// [selector field, value, field it requires, exact message]
const requiredWhen: [string, string, string, string][] = [
  ['hash_fallback', 'header', 'hash_fallback_header', 'hash_fallback_header is required when `hash_fallback` is set to `header`.'],
  ['hash_fallback', 'query_arg', 'hash_fallback_query_arg', 'hash_fallback_query_arg is required when `hash_fallback` is set to `query_arg`.'],
  ['hash_fallback', 'uri_capture', 'hash_fallback_uri_capture', 'hash_fallback_uri_capture is required when `hash_fallback` is set to `uri_capture`.'],
  ['hash_on', 'header', 'hash_on_header', 'hash_on_header is required when hash_on is set to `header`.'],
  ['hash_on', 'query_arg', 'hash_on_query_arg', 'hash_on_query_arg is required when `hash_on` is set to `query_arg`.'],
  ['hash_on', 'uri_capture', 'hash_on_uri_capture', 'hash_on_uri_capture is required when `hash_on` is set to `uri_capture`.'],
  ['algorithm', 'sticky-sessions', 'sticky_sessions_cookie', 'sticky_sessions_cookie is required when algorithm is set to `sticky-sessions`.'],
];

const hashCases: Case[] = requiredWhen.flatMap(([selector, value, field, message]) => [
  { name: `${selector}=${value} without ${field}`, object: withSpec(valid, { [selector]: value }), errors: [`spec: Invalid value: "object": ${message}`] },
  { name: `${selector}=${value} with ${field}`, object: withSpec(valid, { [selector]: value, [field]: 'x' }), errors: [] },
]);

const activeCheck = { concurrency: 10, http_path: '/', https_verify_certificate: true, timeout: 1, type: 'http' };

runCases('KongUpstream', [
  ...entitySuite({ valid, controlPlaneRef: 'required', kicUnsupported: true, adoptNeedsKonnectRef: true }),
  ...hashCases,
  {
    name: 'hash_on=cookie needs the cookie and its path',
    object: withSpec(valid, { hash_on: 'cookie' }),
    errors: [
      'spec: Invalid value: "object": hash_on_cookie is required when hash_on is set to `cookie`.',
      'spec: Invalid value: "object": hash_on_cookie_path is required when hash_on is set to `cookie`.',
    ],
  },
  {
    name: 'hash_fallback=cookie needs the cookie and its path',
    object: withSpec(valid, { hash_fallback: 'cookie' }),
    errors: [
      'spec: Invalid value: "object": hash_on_cookie is required when hash_fallback is set to `cookie`.',
      'spec: Invalid value: "object": hash_on_cookie_path is required when hash_fallback is set to `cookie`.',
    ],
  },
  { name: 'hash_on=cookie with cookie and path', object: withSpec(valid, { hash_on: 'cookie', hash_on_cookie: 'c', hash_on_cookie_path: '/' }), errors: [] },
  {
    name: 'healthcheck threshold above 100',
    object: withSpec(valid, { healthchecks: { threshold: 101 } }),
    errors: ['spec.healthchecks: Invalid value: "object": healthcheck threshold must be between 0 and 100'],
  },
  { name: 'healthchecks with an active check', object: withSpec(valid, { healthchecks: { threshold: 50, active: activeCheck } }), errors: [] },
  {
    name: 'an active check needs its required fields',
    object: withSpec(valid, { healthchecks: { threshold: 50, active: { ...activeCheck, http_path: undefined } } }),
    errors: ['spec.healthchecks.active.http_path: Required value', NOT_CHECKED],
  },
  {
    name: 'slots below 10',
    object: withSpec(valid, { slots: 5 }),
    errors: ['spec.slots: Invalid value: 5: spec.slots in body should be greater than or equal to 10'],
  },
  {
    name: 'client_certificate and clientCertificateRef together',
    object: withSpec(valid, { client_certificate: { id: 'abc' }, clientCertificateRef: { name: 'cert' } }),
    errors: ['spec: Invalid value: "object": client_certificate and clientCertificateRef are mutually exclusive'],
  },
  { name: 'clientCertificateRef alone', object: withSpec(valid, { clientCertificateRef: { name: 'cert' } }), errors: [], warnings: [] },
  { name: 'client_certificate alone is accepted with a warning', object: withSpec(valid, { client_certificate: { id: 'abc' } }), errors: [], warnings: [DEPRECATED] },
  {
    name: 'client_certificate kept on update still warns',
    object: withSpec(valid, { client_certificate: { id: 'abc' }, slots: 200 }),
    old: withSpec(valid, { client_certificate: { id: 'abc' } }),
    errors: [],
    warnings: [DEPRECATED],
  },
]);

test('KongUpstream: the valid example has no warnings', () => {
  assert.deepEqual(checkManifest(valid).warnings, []);
});
