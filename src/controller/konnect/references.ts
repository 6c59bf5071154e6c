// Reference resolution for Konnect entities, in KGO's order: the kind's parents (each with its
// own condition), the control plane (direct or through the first parent that has one), then the
// API auth configuration of that control plane. Each step yields a condition; the first one
// that fails stops the walk.
import { konnectGatewayControlPlaneKind } from '../../api/konnect/konnectgatewaycontrolplane.ts';
import type { KonnectClient } from '../../konnect/client.ts';
import { coreResources, type KubeObject } from '../runtime/types.ts';
import { authResource, readAuth } from './auth-reconciler.ts';
import { ConditionType, falseCondition, isTrueFor, Reason, trueCondition, type ConditionInput } from './conditions.ts';
import { descriptorOf, liveReader, specOf, statusOf, type KonnectContext } from './context.ts';
import type { EntityKind, ParentSpec, RefTarget, SecretUse } from './entity-kinds.ts';
import { checkGrant, grantFromOf } from './grants.ts';

/** Condition for Secrets read into an entity (`secretRef`, a plugin's `configFrom`); kongward's name. */
export const SECRET_REF_VALID = 'SecretRefValid';

export const controlPlaneResource = descriptorOf(konnectGatewayControlPlaneKind);
export const CONTROL_PLANE_GROUP = 'CLUSTER_TYPE_CONTROL_PLANE_GROUP';

export interface ControlPlaneRef {
  type?: string;
  konnectNamespacedRef?: { name?: string; namespace?: string };
}

/** A resolved chain: everything the entity reconciler needs to talk to Konnect. */
export interface Resolved {
  conditions: ConditionInput[];
  objects: Record<string, KubeObject>;
  /** Konnect ids of Konnect parents by ParentSpec.name (direct konnectID references included). */
  parentIds: Record<string, string>;
  /** Konnect ids of list parents (`refs`) by ParentSpec.name, in reference order. */
  parentIdLists: Record<string, string[]>;
  /** Values read from Secrets, to place into the body. */
  secretValues: { use: SecretUse; value: unknown }[];
  /** The object's own controlPlaneRef names the control plane (not inherited from a parent). */
  ownsControlPlaneRef: boolean;
  controlPlane: KubeObject;
  controlPlaneID: string;
  client: KonnectClient;
  organizationID?: string;
  serverURL?: string;
}

export type Resolution =
  | { ok: true; value: Resolved }
  /** `konnect: false`: the object is not for Konnect (a `kic` control plane); leave it alone. */
  | { ok: false; conditions: ConditionInput[]; konnect: boolean; missingParent?: boolean };

export const refString = (ns: string | undefined, name: string) => (ns ? `${ns}/${name}` : name);

/** The control plane reference of an object, if it points to a KonnectGatewayControlPlane. */
export function konnectControlPlaneRef(obj: KubeObject): RefTarget | undefined | 'other' {
  const ref = specOf(obj).controlPlaneRef as ControlPlaneRef | undefined;
  if (!ref) return undefined;
  if (ref.type !== 'konnectNamespacedRef' || !ref.konnectNamespacedRef?.name) return 'other';
  return { name: ref.konnectNamespacedRef.name, ...(ref.konnectNamespacedRef.namespace ? { namespace: ref.konnectNamespacedRef.namespace } : {}) };
}

function konnectIdOf(obj: KubeObject): string | undefined {
  const konnect = statusOf(obj).konnect as { id?: string } | undefined;
  return konnect?.id;
}

interface ParentResult {
  condition?: ConditionInput;
  object?: KubeObject;
  id?: string;
  fatal?: boolean;
  missing?: boolean;
}

/** One target of a parent spec: same namespace or granted, exists, not being deleted, Programmed with an id (Konnect parents). */
async function resolveTarget(ctx: KonnectContext, kind: EntityKind, obj: KubeObject, parent: ParentSpec, target: RefTarget): Promise<ParentResult> {
  if (target.id) return { id: target.id, condition: trueCondition(parent.condition, Reason.Valid, `Referenced ${parent.kind} ${target.id} by Konnect ID`) };
  // A cluster-scoped parent (KongClusterPlugin) has no namespace and needs no grant.
  const ns = parent.resource.namespaced ? (target.namespace ?? obj.metadata.namespace) : undefined;
  const name = refString(ns, target.name);
  if (ns && ns !== obj.metadata.namespace) {
    const denied = await checkGrant(ctx, parent.condition, grantFromOf(obj, kind.resource.group, kind.kind), { group: parent.resource.group, kind: parent.kind, namespace: ns, name: target.name });
    if (denied) return { condition: denied, fatal: true };
  }
  const object = await ctx.reader.get(parent.resource, ns, target.name);
  if (!object) return { condition: falseCondition(parent.condition, Reason.Invalid, `Referenced ${parent.kind} ${name} does not exist`), fatal: true, missing: true };
  if (object.metadata.deletionTimestamp) return { condition: falseCondition(parent.condition, Reason.Invalid, `Referenced ${parent.kind} ${name} is being deleted`), fatal: true, missing: true };
  if (!parent.konnect) return { object, condition: trueCondition(parent.condition, Reason.Valid, `Referenced ${parent.kind} ${name} exists`) };
  const id = konnectIdOf(object);
  if (!id || !isTrueFor(statusOf(object).conditions, ConditionType.Programmed, object.metadata.generation)) {
    return { object, condition: falseCondition(parent.condition, Reason.Invalid, `Referenced ${parent.kind} ${name} is not programmed yet`), fatal: true };
  }
  return { object, id, condition: trueCondition(parent.condition, Reason.Valid, `Referenced ${parent.kind} ${name} is programmed`) };
}

async function resolveParent(ctx: KonnectContext, kind: EntityKind, obj: KubeObject, parent: ParentSpec): Promise<ParentResult & { ids?: string[] }> {
  if (parent.refs) {
    const targets = parent.refs(obj);
    const ids: string[] = [];
    for (const target of targets) {
      const r = await resolveTarget(ctx, kind, obj, parent, target);
      if (r.fatal) return r;
      if (r.id) ids.push(r.id);
    }
    if (targets.length === 0) return { ids };
    const names = targets.map((t) => refString(t.namespace ?? obj.metadata.namespace, t.name)).join(', ');
    return { ids, condition: trueCondition(parent.condition, Reason.Valid, `Referenced ${parent.kind}s ${names} are programmed`) };
  }
  const target = parent.ref(obj);
  if (!target) {
    const required = typeof parent.required === 'function' ? parent.required(obj) : parent.required;
    if (!required) return {};
    return { condition: falseCondition(parent.condition, Reason.Invalid, `${parent.kind} reference is not set`), fatal: true };
  }
  return resolveTarget(ctx, kind, obj, parent, target);
}

/** Reads the Secrets the kind uses; a problem is a False `SecretRefValid` naming the Secret and key, never its data. */
async function resolveSecrets(ctx: KonnectContext, uses: SecretUse[]): Promise<{ condition?: ConditionInput; values: { use: SecretUse; value: unknown }[] }> {
  const values: { use: SecretUse; value: unknown }[] = [];
  if (uses.length === 0) return { values };
  const invalid = (message: string, reason: string = Reason.Invalid) => ({ condition: falseCondition(SECRET_REF_VALID, reason, message), values });
  for (const use of uses) {
    const where = `${use.namespace}/${use.name}`;
    const denied = await checkGrant(ctx, SECRET_REF_VALID, use.from, { group: '', kind: 'Secret', namespace: use.namespace, name: use.name });
    if (denied) return { condition: denied, values };
    // Secrets are not cached (only labelled token Secrets are): read live.
    const secret = await liveReader(ctx.kube).get<KubeObject & { data?: Record<string, string> }>(coreResources.secret, use.namespace, use.name);
    if (!secret) return invalid(`${use.field}: Secret ${where} does not exist`);
    const data = Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
    const extracted = use.extract(data);
    if ('problem' in extracted) return invalid(`${use.field}: Secret ${where} ${extracted.problem}`);
    values.push({ use, value: extracted.value });
  }
  return { condition: trueCondition(SECRET_REF_VALID, Reason.Valid, `Referenced Secret${uses.length > 1 ? 's' : ''} ${uses.map((u) => `${u.namespace}/${u.name}`).join(', ')} resolved`), values };
}

/** Walks parents, control plane and auth for one entity. */
export async function resolveEntity(ctx: KonnectContext, kind: EntityKind, obj: KubeObject): Promise<Resolution> {
  const conditions: ConditionInput[] = [];
  const objects: Record<string, KubeObject> = {};
  const parentIds: Record<string, string> = {};
  const parentIdLists: Record<string, string[]> = {};
  let cpRef = konnectControlPlaneRef(obj);
  let cpOwner = obj;
  let cpOwnerFrom = grantFromOf(obj, kind.resource.group, kind.kind);
  for (const parent of kind.parents) {
    const r = await resolveParent(ctx, kind, obj, parent);
    if (r.condition) conditions.push(r.condition);
    if (r.object) objects[parent.name] = r.object;
    if (r.id) parentIds[parent.name] = r.id;
    if (r.ids) parentIdLists[parent.name] = r.ids;
    if (r.object && parent.konnect && !parent.refs && cpRef === undefined) {
      const inherited = konnectControlPlaneRef(r.object);
      if (inherited === 'other') return { ok: false, conditions: [], konnect: false };
      if (inherited) {
        cpRef = inherited;
        cpOwner = r.object;
        cpOwnerFrom = grantFromOf(r.object, parent.resource.group, parent.kind);
      }
    }
    if (r.fatal) return { ok: false, conditions, konnect: true, missingParent: r.missing ?? false };
  }
  if (cpRef === 'other') return { ok: false, conditions: [], konnect: false };
  // No Konnect control plane anywhere in the chain: a KIC object (KGO's watch predicate skips it).
  if (!cpRef) return { ok: false, conditions: [], konnect: false };
  const cpNs = cpRef.namespace ?? cpOwner.metadata.namespace;
  if (!cpNs) {
    conditions.push(falseCondition(ConditionType.ControlPlaneRefValid, Reason.Invalid, `ControlPlaneRef ${cpRef.name} of a cluster-scoped object must set a namespace`));
    return { ok: false, conditions, konnect: true };
  }
  const cpName = refString(cpNs, cpRef.name);
  const denied = await checkGrant(ctx, ConditionType.ControlPlaneRefValid, cpOwnerFrom, { group: controlPlaneResource.group, kind: controlPlaneResource.kind, namespace: cpNs, name: cpRef.name });
  if (denied) {
    conditions.push(denied);
    return { ok: false, conditions, konnect: true };
  }
  const cp = await ctx.reader.get(controlPlaneResource, cpNs, cpRef.name);
  if (!cp || cp.metadata.deletionTimestamp) {
    conditions.push(falseCondition(ConditionType.ControlPlaneRefValid, Reason.Invalid, `Referenced ControlPlane ${cpName} ${cp ? 'is being deleted' : 'does not exist'}`));
    return { ok: false, conditions, konnect: true, missingParent: true };
  }
  const cpStatus = statusOf(cp) as { id?: string; clusterType?: string; organizationID?: string; serverURL?: string; conditions?: never };
  if (clusterTypeOf(cp) === CONTROL_PLANE_GROUP && !kind.allowControlPlaneGroup) {
    conditions.push(falseCondition(ConditionType.ControlPlaneRefValid, Reason.Invalid, `Attaching to ControlPlane ${cpName} with cluster type ${CONTROL_PLANE_GROUP} is not supported`));
    return { ok: false, conditions, konnect: true };
  }
  if (!cpStatus.id || !isTrueFor(statusOf(cp).conditions, ConditionType.Programmed, cp.metadata.generation)) {
    conditions.push(falseCondition(ConditionType.ControlPlaneRefValid, Reason.NotProgrammed, `Referenced ControlPlane ${cpName} is not programmed yet`));
    return { ok: false, conditions, konnect: true };
  }
  conditions.push(trueCondition(ConditionType.ControlPlaneRefValid, Reason.Valid, `Referenced ControlPlane ${cpName} is programmed`));
  const secrets = await resolveSecrets(ctx, kind.secrets?.(obj, objects) ?? []);
  if (secrets.condition) conditions.push(secrets.condition);
  if (secrets.condition?.status === 'False') return { ok: false, conditions, konnect: true };
  const auth = await resolveAuthOf(ctx, cp);
  conditions.push(...auth.conditions);
  if (!auth.client) return { ok: false, conditions, konnect: true };
  return {
    ok: true,
    value: {
      conditions, objects, parentIds, parentIdLists, secretValues: secrets.values, controlPlane: cp, controlPlaneID: cpStatus.id,
      ownsControlPlaneRef: cpOwner === obj, client: auth.client, organizationID: auth.organizationID, serverURL: auth.serverURL,
    },
  };
}

export function clusterTypeOf(cp: KubeObject): string | undefined {
  const spec = specOf(cp) as { createControlPlaneRequest?: { cluster_type?: string }; cluster_type?: string };
  return spec.createControlPlaneRequest?.cluster_type ?? spec.cluster_type ?? (statusOf(cp).clusterType as string | undefined);
}

/** APIAuthResolvedRef and APIAuthValid for a control plane's `spec.konnect.authRef`, and a client when both hold. */
export async function resolveAuthOf(ctx: KonnectContext, cp: KubeObject): Promise<{ conditions: ConditionInput[]; client?: KonnectClient; organizationID?: string; serverURL?: string }> {
  const authRef = (specOf(cp).konnect as { authRef?: { name?: string; namespace?: string } } | undefined)?.authRef;
  if (!authRef?.name) return { conditions: [falseCondition(ConditionType.APIAuthResolvedRef, Reason.RefInvalid, 'spec.konnect.authRef is not set')] };
  const ns = authRef.namespace ?? cp.metadata.namespace;
  const name = refString(ns, authRef.name);
  // In another namespace only with a KongReferenceGrant there (Kong Operator 2.1+).
  const denied = await checkGrant(ctx, ConditionType.APIAuthResolvedRef, grantFromOf(cp, controlPlaneResource.group, controlPlaneResource.kind),
    { group: authResource.group, kind: authResource.kind, namespace: ns ?? '', name: authRef.name });
  if (denied) return { conditions: [denied] };
  const auth = await ctx.reader.get(authResource, ns, authRef.name);
  if (!auth) return { conditions: [falseCondition(ConditionType.APIAuthResolvedRef, Reason.RefNotFound, `Referenced KonnectAPIAuthConfiguration ${name} not found`)] };
  const conditions = [trueCondition(ConditionType.APIAuthResolvedRef, Reason.ResolvedRef, `Referenced KonnectAPIAuthConfiguration ${name} resolved`)];
  const authStatus = statusOf(auth) as { organizationID?: string; serverURL?: string };
  if (!isTrueFor(statusOf(auth).conditions, ConditionType.APIAuthValid, auth.metadata.generation)) {
    conditions.push(falseCondition(ConditionType.APIAuthValid, Reason.Invalid, `referenced KonnectAPIAuthConfiguration ${name} is invalid`));
    return { conditions };
  }
  const token = await readAuth(ctx, auth);
  if (!token.ok) {
    conditions.push(falseCondition(ConditionType.APIAuthValid, Reason.Invalid, `referenced KonnectAPIAuthConfiguration ${name} is invalid`));
    return { conditions };
  }
  conditions.push(trueCondition(ConditionType.APIAuthValid, Reason.Valid, `referenced KonnectAPIAuthConfiguration ${name} is valid`));
  return { conditions, client: ctx.clients(token.auth), organizationID: authStatus.organizationID, serverURL: authStatus.serverURL };
}
