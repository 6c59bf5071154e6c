// KonnectGatewayControlPlane (v1alpha2 storage; v1alpha1's inline request is read too): create
// with k8s labels (adopting by the k8s-uid label), PATCH only on drift, group members, status
// id / endpoints / organizationID / serverURL, delete on finalization (404 = done). Mirror
// control planes are only read.
import type { KonnectClient } from '../../konnect/client.ts';
import type { ControlPlane, CreateControlPlaneRequest, UpdateControlPlaneRequest } from '../../konnect/control-planes.ts';
import { KonnectAuthError, KonnectRateLimitError, KonnectValidationError } from '../../konnect/errors.ts';
import { splitKey, type KubeObject } from '../runtime/types.ts';
import { ConditionType, falseCondition, isTrueFor, Reason, setConditions, trueCondition, type ConditionInput } from './conditions.ts';
import { addFinalizer, hasFinalizer, nsName, patchStatus, removeFinalizer, specOf, statusOf, type KonnectContext, type ReconcileResult } from './context.ts';
import { driftedFields, sameJson } from './drift.ts';
import { measured } from './metrics.ts';
import { CONTROL_PLANE_GROUP, controlPlaneResource, resolveAuthOf } from './references.ts';
import { controlPlaneLabels } from './tags.ts';

const REQUEST_FIELDS = ['name', 'description', 'cluster_type', 'auth_type', 'cloud_gateway', 'proxy_urls', 'labels'] as const;
const UPDATABLE = ['name', 'description', 'auth_type', 'proxy_urls', 'labels'] as const;

type Spec = Record<string, unknown> & { createControlPlaneRequest?: Record<string, unknown>; source?: string; mirror?: { konnect?: { id?: string } }; members?: { name?: string }[] };

/** The CreateControlPlaneRequest of either version, with the k8s labels merged under the user's. */
export function desiredControlPlane(obj: KubeObject): CreateControlPlaneRequest {
  const spec = specOf(obj) as Spec;
  const request = spec.createControlPlaneRequest ?? spec;
  const body: Record<string, unknown> = {};
  for (const field of REQUEST_FIELDS) if (request[field] !== undefined) body[field] = request[field];
  body.labels = controlPlaneLabels(obj, (request.labels as Record<string, string> | undefined) ?? {});
  return body as unknown as CreateControlPlaneRequest;
}

export class ControlPlaneReconciler {
  private readonly ctx: KonnectContext;
  private readonly synced = new Map<string, { uid: string; generation?: number; desired: string; at: number }>();

  constructor(ctx: KonnectContext) {
    this.ctx = ctx;
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const obj = await this.ctx.reader.get(controlPlaneResource, namespace, name);
    if (!obj) {
      this.synced.delete(key);
      return {};
    }
    if (obj.metadata.deletionTimestamp) return this.finalize(key, obj);
    const auth = await resolveAuthOf(this.ctx, obj);
    if (!auth.client) {
      await this.writeStatus(obj, [...auth.conditions, falseCondition(ConditionType.Programmed, Reason.ConditionWithStatusFalseExists, 'Some conditions have status set to False')], {});
      return { requeueAfterMs: this.ctx.syncPeriodMs };
    }
    const spec = specOf(obj) as Spec;
    const status = statusOf(obj) as { id?: string; conditions?: never };
    const desired = desiredControlPlane(obj);
    const memberNames = (spec.members ?? []).map((m) => m.name ?? '').filter(Boolean);
    const members = await this.memberIds(obj, memberNames);
    const fingerprint = JSON.stringify([desired, members]);
    const record = this.synced.get(key);
    const now = Date.now();
    if (record && record.uid === obj.metadata.uid && record.generation === obj.metadata.generation && record.desired === fingerprint &&
      now - record.at < this.ctx.syncPeriodMs && status.id && isTrueFor(statusOf(obj).conditions, ConditionType.Programmed, obj.metadata.generation)) {
      return { requeueAfterMs: this.ctx.syncPeriodMs - (now - record.at) };
    }
    let current = obj;
    let reason: string = status.id ? Reason.FailedToUpdate : Reason.FailedToCreate;
    try {
      let cp: ControlPlane;
      if (spec.source === 'Mirror') {
        cp = await measured(this.ctx.metrics, 'control plane', 'get', 200, () => auth.client!.controlPlanes.get(spec.mirror?.konnect?.id ?? ''));
      } else {
        const hadFinalizer = hasFinalizer(current);
        current = await addFinalizer(this.ctx, controlPlaneResource, current);
        cp = await this.sync(current, auth.client, desired, status.id, hadFinalizer, (r) => { reason = r; });
        if (desired.cluster_type === CONTROL_PLANE_GROUP && spec.members) {
          reason = Reason.FailedToSetControlPlaneGroupMembers;
          if ('missing' in members) throw new Error(`member control plane ${members.missing} is not programmed yet`);
          await this.syncMembers(auth.client, cp.id, members.ids);
        }
      }
      await this.writeStatus(current, [...auth.conditions, trueCondition(ConditionType.Programmed, Reason.Programmed, '')], {
        id: cp.id,
        organizationID: auth.organizationID,
        serverURL: auth.serverURL,
        clusterType: cp.config?.cluster_type,
        konnectEndpoints: cp.config ? { controlPlane: cp.config.control_plane_endpoint, telemetry: cp.config.telemetry_endpoint } : undefined,
      });
      this.synced.set(key, { uid: obj.metadata.uid ?? '', generation: obj.metadata.generation, desired: fingerprint, at: Date.now() });
      return { requeueAfterMs: this.ctx.syncPeriodMs };
    } catch (error) {
      this.synced.delete(key);
      const message = error instanceof Error ? error.message : String(error);
      this.ctx.logger.warn({ controlPlane: nsName(obj), err: message }, 'Konnect control plane operation failed');
      await this.writeStatus(current, [...auth.conditions, falseCondition(ConditionType.Programmed, reason, message)], {}).catch(() => undefined);
      if (error instanceof KonnectRateLimitError) return { requeueAfterMs: error.retryAfterMs };
      if (error instanceof KonnectValidationError || error instanceof KonnectAuthError) return { requeueAfterMs: this.ctx.syncPeriodMs };
      if (reason === Reason.FailedToSetControlPlaneGroupMembers && !(error instanceof Error && 'operation' in error)) return { requeueAfterMs: Math.min(1000, this.ctx.syncPeriodMs) };
      throw error;
    }
  }

  private async sync(obj: KubeObject, client: KonnectClient, desired: CreateControlPlaneRequest, id: string | undefined, mayExist: boolean, phase: (reason: string) => void): Promise<ControlPlane> {
    const m = this.ctx.metrics;
    const uid = obj.metadata.uid ?? '';
    let actual: ControlPlane | undefined;
    if (id) actual = await measured(m, 'control plane', 'get', 200, () => client.controlPlanes.find(id));
    else if (mayExist) actual = await measured(m, 'control plane', 'find', 200, () => client.controlPlanes.findByUid(uid));
    if (!actual) {
      phase(Reason.FailedToCreate);
      const created = await measured(m, 'control plane', 'create', 201, () => client.controlPlanes.createOrAdopt(uid, desired));
      if (!created.adopted) return created.controlPlane;
      actual = created.controlPlane;
    }
    phase(Reason.FailedToUpdate);
    const update: UpdateControlPlaneRequest = {};
    for (const field of UPDATABLE) if (desired[field] !== undefined) (update as Record<string, unknown>)[field] = desired[field];
    if (driftedFields(update as Record<string, unknown>, actual as unknown as Record<string, unknown>).length === 0) return actual;
    const cpId = actual.id;
    return measured(m, 'control plane', 'update', 200, () => client.controlPlanes.update(cpId, update));
  }

  private async memberIds(obj: KubeObject, names: string[]): Promise<{ ids: string[] } | { missing: string }> {
    const ids: string[] = [];
    for (const name of names) {
      const member = await this.ctx.reader.get(controlPlaneResource, obj.metadata.namespace, name);
      const id = member ? (statusOf(member).id as string | undefined) : undefined;
      if (!id) return { missing: `${obj.metadata.namespace}/${name}` };
      ids.push(id);
    }
    return { ids: ids.sort() };
  }

  private async syncMembers(client: KonnectClient, groupId: string, ids: string[]): Promise<void> {
    const current = (await client.controlPlanes.listGroupMembers(groupId)).map((c) => c.id).sort();
    if (sameJson(current, ids)) return;
    await measured(this.ctx.metrics, 'control plane group membership', 'update', 200, () => client.controlPlanes.setGroupMembers(groupId, ids));
  }

  private async writeStatus(obj: KubeObject, conditions: ConditionInput[], fields: Record<string, unknown>): Promise<void> {
    const status = statusOf(obj);
    const next: Record<string, unknown> = { ...status, ...fields, conditions: setConditions(status.conditions, conditions, obj.metadata.generation, this.ctx.now()) };
    for (const [k, v] of Object.entries(next)) if (v === undefined) delete next[k];
    if (sameJson(next, status)) return;
    await patchStatus(this.ctx, controlPlaneResource, obj, next);
  }

  private async finalize(key: string, obj: KubeObject): Promise<ReconcileResult> {
    this.synced.delete(key);
    if (!hasFinalizer(obj)) return {};
    const auth = await resolveAuthOf(this.ctx, obj);
    if (!auth.client) throw new Error(`KonnectGatewayControlPlane ${nsName(obj)}: cannot delete from Konnect, the API auth configuration is not usable`);
    const client = auth.client;
    let id = statusOf(obj).id as string | undefined;
    if (!id) id = (await measured(this.ctx.metrics, 'control plane', 'find', 200, () => client.controlPlanes.findByUid(obj.metadata.uid ?? '')))?.id;
    if (id) {
      const cpId = id;
      await measured(this.ctx.metrics, 'control plane', 'delete', 204, () => client.controlPlanes.delete(cpId));
    }
    await removeFinalizer(this.ctx, controlPlaneResource, obj);
    return {};
  }
}
