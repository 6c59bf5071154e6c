// Gateway `spec.listeners`: the listener shape and the list-level CEL rules of the upstream CRD.
import { z } from 'zod';
import { atomicList, cel, listMap, withRules } from '../kit.ts';
import { boundedMap, hostname, labelSelector, patterns, portNumber, routeGroupKind, secretObjectReference, sectionName, text } from './shared.ts';

const listenerTls = withRules(
  z.object({
    certificateRefs: atomicList(secretObjectReference).max(64).optional(),
    mode: z.enum(['Terminate', 'Passthrough']).default('Terminate'),
    options: boundedMap(16, z.string().min(0).max(4096)).optional(),
  }),
  cel(
    "self.mode == 'Terminate' ? size(self.certificateRefs) > 0 || size(self.options) > 0 : true",
    'certificateRefs or options must be specified when mode is Terminate',
  ),
);

const allowedRoutes = z.object({
  kinds: atomicList(routeGroupKind).max(8).optional(),
  namespaces: z
    .object({
      from: z.enum(['All', 'Selector', 'Same']).default('Same'),
      selector: labelSelector.optional(),
    })
    .default({ from: 'Same' }),
});

export const listener = z.object({
  allowedRoutes: allowedRoutes.default({ namespaces: { from: 'Same' } } as never),
  hostname: hostname().optional(),
  name: sectionName(),
  port: portNumber(),
  protocol: text({ min: 1, max: 255, pattern: patterns.protocol }),
  tls: listenerTls.optional(),
});

export const listenerRules = [
  cel("self.all(l, l.protocol in ['HTTP', 'TCP', 'UDP'] ? !has(l.tls) : true)", "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"),
  cel(
    "self.all(l, (l.protocol == 'HTTPS' && has(l.tls)) ? (l.tls.mode == '' || l.tls.mode == 'Terminate') : true)",
    'tls mode must be Terminate for protocol HTTPS',
  ),
  cel("self.all(l, (l.protocol == 'TLS' ? has(l.tls) && has(l.tls.mode) && l.tls.mode != '' : true))", 'tls mode must be set for protocol TLS'),
  cel(
    "self.all(l, l.protocol in ['TCP', 'UDP']  ? (!has(l.hostname) || l.hostname == '') : true)",
    "hostname must not be specified for protocols ['TCP', 'UDP']",
  ),
  cel('self.all(l1, self.exists_one(l2, l1.name == l2.name))', 'Listener name must be unique within the Gateway'),
  cel(
    'self.all(l1, self.exists_one(l2, l1.port == l2.port && l1.protocol == l2.protocol && (has(l1.hostname) && has(l2.hostname) ? l1.hostname == l2.hostname : !has(l1.hostname) && !has(l2.hostname))))',
    'Combination of port, protocol and hostname must be unique for each listener',
  ),
];

export const listeners = withRules(listMap(listener, ['name']).min(1).max(64), ...listenerRules);
