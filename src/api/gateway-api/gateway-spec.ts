// Gateway `spec` apart from listeners: addresses, allowedListeners, infrastructure and tls.
import { z } from 'zod';
import { atomicList, cel, k8s, listMap, withRules } from '../kit.ts';
import { listeners } from './gateway-listener.ts';
import {
  boundedMap, group, kind, labelSelector, objectName, objectReference, patterns, portNumber, secretObjectReference, text,
} from './shared.ts';

/** The `oneOf` on address items: an IPAddress value must be an IPv4 or IPv6 address. */
export const addressOneOf = [
  { properties: { type: { enum: ['IPAddress'] }, value: { anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] } } },
  { properties: { type: { not: { enum: ['IPAddress'] } } } },
];

export const addressType = () => text({ min: 1, max: 253, pattern: patterns.addressType }).default('IPAddress');

const hostnameValue = String.raw`^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`;

const specAddress = withRules(
  k8s(z.object({ type: addressType(), value: z.string().max(253).optional() }), { openapi: { oneOf: addressOneOf } }),
  cel(
    `self.type == 'Hostname' ? (!has(self.value) || self.value.matches(r"""${hostnameValue}""")): true`,
    `Hostname value must be empty or contain only valid characters (matching ${hostnameValue})`,
  ),
);

const addresses = withRules(
  atomicList(specAddress).max(16),
  cel(
    "self.all(a1, a1.type == 'IPAddress' && has(a1.value) ? self.exists_one(a2, a2.type == a1.type && has(a2.value) && a2.value == a1.value) : true )",
    'IPAddress values must be unique',
  ),
  cel(
    "self.all(a1, a1.type == 'Hostname'  && has(a1.value) ? self.exists_one(a2, a2.type == a1.type && has(a2.value) && a2.value == a1.value) : true )",
    'Hostname values must be unique',
  ),
);

const allowedListeners = z.object({
  namespaces: z
    .object({
      from: z.enum(['All', 'Selector', 'Same', 'None']).default('None'),
      selector: labelSelector.optional(),
    })
    .default({ from: 'None' }),
});

const keyPattern = String.raw`^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$`;

function keyRules(what: 'Annotation' | 'Label') {
  return [
    cel(
      `self.all(key, key.matches(r"""${keyPattern}"""))`,
      `${what} keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters.`,
    ),
    cel(
      'self.all(key, key.split("/")[0].size() < 253)',
      `If specified, the ${what.toLowerCase()} key's prefix must be a DNS subdomain not longer than 253 characters in total.`,
    ),
  ];
}

const infrastructure = z.object({
  annotations: withRules(boundedMap(16, z.string().min(0).max(4096)), ...keyRules('Annotation')).optional(),
  labels: withRules(boundedMap(8, text({ min: 0, max: 63, pattern: patterns.labelValue })), ...keyRules('Label')).optional(),
  parametersRef: z.object({ group: group(), kind: kind(), name: objectName() }).optional(),
});

const frontendValidation = z.object({
  caCertificateRefs: atomicList(objectReference).min(1).max(16),
  mode: z.enum(['AllowValidOnly', 'AllowInsecureFallback']).default('AllowValidOnly'),
});

const gatewayTls = z.object({
  backend: z.object({ clientCertificateRef: secretObjectReference.optional() }).optional(),
  frontend: z
    .object({
      default: z.object({ validation: frontendValidation.optional() }),
      perPort: withRules(
        listMap(z.object({ port: portNumber(), tls: z.object({ validation: frontendValidation.optional() }) }), ['port']).max(64),
        cel('self.all(t1, self.exists_one(t2, t1.port == t2.port))', 'Port for TLS configuration must be unique within the Gateway'),
      ).optional(),
    })
    .optional(),
});

export const gatewaySpec = z.object({
  addresses: addresses.optional(),
  allowedListeners: allowedListeners.optional(),
  gatewayClassName: objectName(),
  infrastructure: infrastructure.optional(),
  listeners,
  tls: gatewayTls.optional(),
});
