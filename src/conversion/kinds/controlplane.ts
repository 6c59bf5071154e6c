// ControlPlane gateway-operator.konghq.com: v1beta1 (a KIC Deployment) <-> v2beta1 (hub,
// structured options). Mapping per ../shared/reference/kgo-facts.md section 4; what it drops
// (the rest of the pod template, gatewayClass, replicas, v2-only options) the stash carries.
import type { KindConversion, KubeObject } from '../types.ts';
import { ingressClassFromEnv, isRecord, optionsFromHub, optionsToHub, type Obj } from './controlplane-options.ts';

/**
 * v1beta1 requires an image on the `controller` container; v2beta1 has none (KIC runs inside the
 * operator). An object born in v2beta1 shows this image when read as v1beta1; an object born in
 * v1beta1 gets its own image back from the stash.
 */
export const V1BETA1_CONTROLLER_IMAGE = 'kong/kubernetes-ingress-controller:3.5';

/** Owned by a Gateway (gateway.networking.k8s.io): the DataPlane and ingress class come from it. */
export function isOwnedByGateway(object: KubeObject): boolean {
  const owners = isRecord(object.metadata) ? object.metadata.ownerReferences : undefined;
  return Array.isArray(owners) && owners.some((o) =>
    isRecord(o) && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('gateway.networking.k8s.io') && o.kind === 'Gateway');
}

/** `status.conditions` only: the rest of v2beta1's status has no v1beta1 home. */
function conditionsOnly(status: unknown): Obj | undefined {
  if (!isRecord(status)) return undefined;
  return 'conditions' in status ? { conditions: status.conditions } : {};
}

function withSpecAndStatus(object: KubeObject, spec: Obj, status: Obj | undefined): KubeObject {
  const out: KubeObject = { ...object, spec };
  if (status) out.status = status;
  else delete out.status;
  return out;
}

function toHub(object: KubeObject): KubeObject {
  const v1 = isRecord(object.spec) ? object.spec : {};
  const owned = isOwnedByGateway(object);
  const spec = optionsToHub(v1, 'spec');
  // v2beta1 needs an ingress class unless a Gateway manages the ControlPlane: KO defaults it.
  const ingressClass = typeof v1.ingressClass === 'string' ? v1.ingressClass : ingressClassFromEnv(v1, 'spec') ?? (owned ? undefined : 'kong');
  if (ingressClass !== undefined) spec.ingressClass = ingressClass;
  const dataplane = typeof v1.dataplane === 'string' ? v1.dataplane : '';
  spec.dataplane = dataplane === '' || owned ? { type: 'managedByOwner' } : { type: 'ref', ref: { name: dataplane } };
  if (v1.extensions !== undefined) spec.extensions = v1.extensions;
  return withSpecAndStatus(object, spec, conditionsOnly(object.status));
}

function fromHub(object: KubeObject): KubeObject {
  const v2 = isRecord(object.spec) ? object.spec : {};
  const spec: Obj = {};
  const dataplane = isRecord(v2.dataplane) ? v2.dataplane : {};
  if (dataplane.type === 'ref' && isRecord(dataplane.ref) && typeof dataplane.ref.name === 'string') spec.dataplane = dataplane.ref.name;
  Object.assign(spec, optionsFromHub(v2, [], V1BETA1_CONTROLLER_IMAGE));
  if (v2.extensions !== undefined) spec.extensions = v2.extensions;
  if (v2.ingressClass !== undefined) spec.ingressClass = v2.ingressClass;
  return withSpecAndStatus(object, spec, conditionsOnly(object.status));
}

export const controlPlaneConversion: KindConversion = {
  group: 'gateway-operator.konghq.com',
  kind: 'ControlPlane',
  hub: 'v2beta1',
  spokes: { v1beta1: { toHub, fromHub } },
};
