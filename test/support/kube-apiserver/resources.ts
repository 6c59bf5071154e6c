// The resource types the test server serves: the built-in kinds the controller touches, every
// kind in kongward's registry (read when the server starts) and the Gateway API kinds.
import { allKinds } from '../../../src/api/registry.ts';

const registryKinds = allKinds();

export interface ResourceType {
  group: string;
  /** Served versions; objects are stored once and returned in the version asked for (no conversion). */
  versions: string[];
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  /** Has a `/status` subresource: status is ignored on the main resource, spec on /status. */
  status: boolean;
  /** Kinds that carry metadata.generation (bumped on changes outside metadata and status). */
  generation: boolean;
  /** Built-in kinds accept a PUT without metadata.resourceVersion; CRD-backed kinds do not. */
  unconditionalUpdate: boolean;
  /** Strategic merge patch is only served for built-in kinds (CRDs answer 415). */
  strategicMerge: boolean;
}

type Builtin = Omit<ResourceType, 'singular' | 'unconditionalUpdate' | 'strategicMerge'>;

const builtins: Builtin[] = [
  { group: '', versions: ['v1'], kind: 'Namespace', plural: 'namespaces', namespaced: false, status: true, generation: false },
  { group: '', versions: ['v1'], kind: 'Secret', plural: 'secrets', namespaced: true, status: false, generation: false },
  { group: '', versions: ['v1'], kind: 'ConfigMap', plural: 'configmaps', namespaced: true, status: false, generation: false },
  { group: '', versions: ['v1'], kind: 'Service', plural: 'services', namespaced: true, status: true, generation: false },
  { group: '', versions: ['v1'], kind: 'Event', plural: 'events', namespaced: true, status: false, generation: false },
  { group: 'apps', versions: ['v1'], kind: 'Deployment', plural: 'deployments', namespaced: true, status: true, generation: true },
  { group: 'coordination.k8s.io', versions: ['v1'], kind: 'Lease', plural: 'leases', namespaced: true, status: false, generation: false },
];

const gatewayApiFallback: ResourceType[] = [
  { group: 'gateway.networking.k8s.io', versions: ['v1'], kind: 'GatewayClass', plural: 'gatewayclasses', singular: 'gatewayclass',
    namespaced: false, status: true, generation: true, unconditionalUpdate: false, strategicMerge: false },
  { group: 'gateway.networking.k8s.io', versions: ['v1'], kind: 'Gateway', plural: 'gateways', singular: 'gateway',
    namespaced: true, status: true, generation: true, unconditionalUpdate: false, strategicMerge: false },
  { group: 'gateway.networking.k8s.io', versions: ['v1'], kind: 'HTTPRoute', plural: 'httproutes', singular: 'httproute',
    namespaced: true, status: true, generation: true, unconditionalUpdate: false, strategicMerge: false },
  { group: 'gateway.networking.k8s.io', versions: ['v1'], kind: 'GRPCRoute', plural: 'grpcroutes', singular: 'grpcroute',
    namespaced: true, status: true, generation: true, unconditionalUpdate: false, strategicMerge: false },
  { group: 'gateway.networking.k8s.io', versions: ['v1'], kind: 'TLSRoute', plural: 'tlsroutes', singular: 'tlsroute',
    namespaced: true, status: true, generation: true, unconditionalUpdate: false, strategicMerge: false },
];

export function resourceTypes(extra: ResourceType[] = []): ResourceType[] {
  const types: ResourceType[] = builtins.map((b) => ({
    ...b, singular: b.kind.toLowerCase(), unconditionalUpdate: true, strategicMerge: true,
  }));
  for (const k of registryKinds) {
    const served = k.versions.filter((v) => v.served);
    types.push({
      group: k.group, versions: served.map((v) => v.name), kind: k.kind, plural: k.plural, singular: k.singular,
      namespaced: k.scope === 'Namespaced', status: served.some((v) => v.subresources?.status === true),
      generation: true, unconditionalUpdate: false, strategicMerge: false,
    });
  }
  for (const t of [...gatewayApiFallback, ...extra]) {
    if (!types.some((x) => x.group === t.group && x.plural === t.plural)) types.push(t);
  }
  return types;
}

export const apiVersionOf = (group: string, version: string) => (group ? `${group}/${version}` : version);
