// DataPlane status as a pure function of what exists: KEP-1623 conditions (a transition time
// that moves only when the status flips), replicas, the ingress Service, its addresses and the
// pod selector. Equal inputs give an equal status, so a resync with nothing changed writes nothing.
import { setCondition, type Condition } from '../runtime/conditions.ts';
import type { KubeObject } from '../runtime/types.ts';
import { conditionTypes, readyReasons, WAITING_MESSAGE } from './constants.ts';
import { covers } from './compare.ts';
import { isObject } from './merge.ts';

export type { Condition };
export type ConditionInput = Omit<Condition, 'lastTransitionTime' | 'observedGeneration' | 'type'>;

export interface Address {
  type: 'IPAddress' | 'Hostname';
  value: string;
  sourceType: 'PublicLoadBalancer' | 'PrivateLoadBalancer' | 'PublicIP' | 'PrivateIP';
}

export interface DataPlaneStatus {
  conditions: Condition[];
  readyReplicas: number;
  replicas: number;
  service?: string;
  addresses?: Address[];
  selector?: string;
  [key: string]: unknown;
}

/** Upserts conditions by type (the runtime's KEP-1623 rules) after dropping those in `remove`. */
export function setConditions(existing: Condition[], updates: (Omit<Condition, 'lastTransitionTime'>)[], now: string, remove: string[] = []): Condition[] {
  let out = existing.filter((c) => !remove.includes(c.type));
  for (const update of updates) out = setCondition(out, update, new Date(now));
  return out;
}

const PRIVATE_V4 = [/^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^127\./];
export const isPrivateIp = (ip: string) => PRIVATE_V4.some((r) => r.test(ip)) || /^f[cd]/i.test(ip);

/** Load balancer ingress first; without one, the cluster IP. */
export function serviceAddresses(service: KubeObject | undefined): Address[] {
  if (!service) return [];
  const status = isObject(service.status) ? service.status : {};
  const lb = isObject(status.loadBalancer) && Array.isArray(status.loadBalancer.ingress) ? status.loadBalancer.ingress : [];
  const out: Address[] = [];
  for (const entry of lb) {
    if (!isObject(entry)) continue;
    if (typeof entry.ip === 'string' && entry.ip) out.push({ type: 'IPAddress', value: entry.ip, sourceType: isPrivateIp(entry.ip) ? 'PrivateLoadBalancer' : 'PublicLoadBalancer' });
    else if (typeof entry.hostname === 'string' && entry.hostname) out.push({ type: 'Hostname', value: entry.hostname, sourceType: 'PublicLoadBalancer' });
  }
  if (out.length > 0) return out;
  const spec = isObject(service.spec) ? service.spec : {};
  const clusterIP = spec.clusterIP;
  return typeof clusterIP === 'string' && clusterIP && clusterIP !== 'None' ? [{ type: 'IPAddress', value: clusterIP, sourceType: 'PrivateIP' }] : [];
}

export interface StatusInputs {
  deployment?: KubeObject;
  ingressService?: KubeObject;
  selector: string;
  /** Why this pass could not provision (overrides the readiness of the pods). */
  blocker?: { reason: string; message: string };
  konnectExtension?: ConditionInput;
  acceptedExtensions?: ConditionInput;
  now: string;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Ready from the Deployment's rollout and the ingress Service's address. */
export function readyCondition(inputs: Omit<StatusInputs, 'now' | 'selector'>, addresses: Address[]): ConditionInput {
  if (inputs.blocker) return { status: 'False', ...inputs.blocker };
  const d = inputs.deployment;
  if (!d) return { status: 'False', reason: readyReasons.dependenciesNotReady, message: 'Deployment has not been created yet' };
  const spec = isObject(d.spec) ? d.spec : {};
  const status = isObject(d.status) ? d.status : {};
  const want = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const ready = num(status.readyReplicas);
  const rolledOut = num(status.observedGeneration) >= num(d.metadata.generation) && num(status.updatedReplicas) >= want && num(status.replicas) <= want;
  if (want === 0 || ready < want || !rolledOut) {
    return { status: 'False', reason: readyReasons.podsNotReady, message: `Deployment ${d.metadata.name} has ${ready}/${want} ready pods${rolledOut ? '' : ' (rollout in progress)'}` };
  }
  if (addresses.length === 0) {
    return { status: 'False', reason: readyReasons.waiting, message: `${WAITING_MESSAGE}: ingress Service ${inputs.ingressService?.metadata.name ?? ''} has no address yet` };
  }
  return { status: 'True', reason: readyReasons.podsReady, message: `Deployment ${d.metadata.name} has ${ready}/${want} ready pods` };
}

export function computeStatus(dataPlane: KubeObject, inputs: StatusInputs): DataPlaneStatus {
  const current = isObject(dataPlane.status) ? dataPlane.status : {};
  const existing = (Array.isArray(current.conditions) ? current.conditions : []) as unknown as Condition[];
  const generation = dataPlane.metadata.generation;
  const withGen = (type: string, c: ConditionInput) => ({ type, ...c, ...(generation !== undefined ? { observedGeneration: generation } : {}) });
  const addresses = serviceAddresses(inputs.ingressService);
  const updates = [withGen(conditionTypes.ready, readyCondition(inputs, addresses))];
  const remove: string[] = [];
  if (inputs.konnectExtension) updates.push(withGen(conditionTypes.konnectExtensionApplied, inputs.konnectExtension));
  else remove.push(conditionTypes.konnectExtensionApplied);
  if (inputs.acceptedExtensions) updates.push(withGen(conditionTypes.acceptedExtensions, inputs.acceptedExtensions));
  else remove.push(conditionTypes.acceptedExtensions);
  const dStatus = isObject(inputs.deployment?.status) ? inputs.deployment.status : {};
  const status: DataPlaneStatus = {
    ...current,
    conditions: setConditions(existing, updates, inputs.now, remove),
    readyReplicas: num(dStatus.readyReplicas),
    replicas: num(dStatus.replicas),
    selector: inputs.selector,
  };
  if (inputs.ingressService?.metadata.name) status.service = inputs.ingressService.metadata.name;
  else delete status.service;
  if (addresses.length > 0) status.addresses = addresses;
  else delete status.addresses;
  return status;
}

/** Whether the stored status already says exactly this (then no write is made). */
export function statusUpToDate(dataPlane: KubeObject, status: DataPlaneStatus): boolean {
  const current = isObject(dataPlane.status) ? dataPlane.status : {};
  const keys = new Set([...Object.keys(current), ...Object.keys(status)]);
  for (const key of keys) {
    const a = (current as Record<string, unknown>)[key];
    const b = status[key];
    if (!(covers(a, b) && covers(b, a))) return false;
  }
  return true;
}
