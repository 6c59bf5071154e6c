// The one reconciler for every Konnect-backed entity kind (the kind's specifics come from its
// EntityKind entry): resolve references (conditions), finalizer, create with k8s tags (adopting
// by k8s-uid), read-compare-write drift repair each sync period, delete (404 = done).
import { KonnectAuthError, KonnectRateLimitError, KonnectValidationError } from '../../konnect/errors.ts';
import { MultipleEntitiesError } from '../../konnect/entities.ts';
import type { EntityScope } from '../../konnect/endpoints.ts';
import { splitKey, type KubeObject, type OwnerReference } from '../runtime/types.ts';
import { ADOPTED, AdoptionError, adoptSpecOf, checkAdoptable, FAILED_TO_ADOPT, requireMatch, type AdoptSpec } from './adoption.ts';
import { ConditionType, falseCondition, isTrueFor, Reason, setConditions, trueCondition, type ConditionInput } from './conditions.ts';
import { ensureFinalizerAndOwner, hasFinalizer, nsName, patchStatus, removeFinalizer, specOf, statusOf, type KonnectContext, type ReconcileResult } from './context.ts';
import { driftedFields, sameJson } from './drift.ts';
import { backendFor, type EntityKind } from './entity-kinds.ts';
import type { KonnectEntity } from './backends.ts';
import { measured } from './metrics.ts';
import { controlPlaneResource, konnectControlPlaneRef, resolveAuthOf, resolveEntity, type Resolved } from './references.ts';
import { entityTags } from './tags.ts';

/** KGO's fixed requeue for a 400 that only names missing references (a parent not there yet). */
const REFERENCE_RETRY_MS = 500;

interface KonnectStatus {
  id?: string;
  controlPlaneID?: string;
  organizationID?: string;
  serverURL?: string;
  [field: string]: unknown;
}

interface SyncRecord {
  uid: string;
  generation: number | undefined;
  desired: string;
  at: number;
}

export class EntityReconciler {
  readonly kind: EntityKind;
  private readonly ctx: KonnectContext;
  /** Last successful drift check per key: within a sync period nothing is read from Konnect again. */
  private readonly synced = new Map<string, SyncRecord>();

  constructor(ctx: KonnectContext, kind: EntityKind) {
    this.ctx = ctx;
    this.kind = kind;
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const obj = await this.ctx.reader.get(this.kind.resource, namespace, name);
    if (!obj) {
      this.synced.delete(key);
      return {};
    }
    if (obj.metadata.deletionTimestamp) return this.finalize(key, obj);

    const resolution = await resolveEntity(this.ctx, this.kind, obj);
    if (!resolution.ok) {
      if (!resolution.konnect) return {};
      await this.writeStatus(obj, [...resolution.conditions, falseCondition(ConditionType.Programmed, Reason.ConditionWithStatusFalseExists, 'Some conditions have status set to False')], {});
      return { requeueAfterMs: this.ctx.syncPeriodMs };
    }
    const r = resolution.value;
    const { scope, parentFields, statusIds } = this.parentPlacement(r);
    const body: Record<string, unknown> = { ...this.kind.body(obj, r.objects), ...parentFields };
    for (const { use, value } of r.secretValues) use.place(body, value);
    if (this.kind.tagged ?? this.kind.endpoint?.tagged ?? false) body.tags = entityTags(obj, (specOf(obj).tags as string[] | undefined) ?? []);
    const adopt = adoptSpecOf(obj);
    const desired = JSON.stringify({ body, lists: r.parentIdLists });
    const status = statusOf(obj);
    const konnect = (status.konnect ?? {}) as KonnectStatus;
    const programmed = [...r.conditions, ...(adopt ? [trueCondition(ADOPTED, ADOPTED, `Adopted ${this.kind.entityType} ${adopt.id} (mode ${adopt.mode})`)] : []), trueCondition(ConditionType.Programmed, Reason.Programmed, '')];

    const record = this.synced.get(key);
    const now = Date.now();
    const fresh = record && record.uid === obj.metadata.uid && record.generation === obj.metadata.generation && record.desired === desired &&
      now - record.at < this.ctx.syncPeriodMs && konnect.id && isTrueFor(status.conditions, ConditionType.Programmed, obj.metadata.generation);
    if (fresh) {
      await this.writeStatus(obj, programmed, this.konnectStatus(r, konnect.id!, statusIds));
      return { requeueAfterMs: this.ctx.syncPeriodMs - (now - record.at) };
    }

    let current = obj;
    let operation: 'create' | 'update' = konnect.id ? 'update' : 'create';
    try {
      const hadFinalizer = hasFinalizer(current);
      current = await ensureFinalizerAndOwner(this.ctx, this.kind.resource, current, this.ownerReference(obj, r));
      const entity = await this.sync(current, r.client, scope, body, konnect.id, hadFinalizer, adopt, (op) => { operation = op; });
      if (this.kind.afterSync?.wanted(obj, r.parentIdLists)) {
        const after = this.kind.afterSync;
        try {
          await after.run(r.client, r.controlPlaneID, entity.id, r.parentIdLists);
        } catch (error) {
          await this.writeStatus(current, [], this.konnectStatus(r, entity.id, statusIds)).catch(() => undefined);
          return await this.failed(current, r.conditions, after.reason, error);
        }
      }
      await this.writeStatus(current, programmed, this.konnectStatus(r, entity.id, statusIds));
      this.synced.set(key, { uid: obj.metadata.uid ?? '', generation: obj.metadata.generation, desired, at: Date.now() });
      return { requeueAfterMs: this.ctx.syncPeriodMs };
    } catch (error) {
      this.synced.delete(key);
      if (error instanceof AdoptionError) return this.failed(current, [...r.conditions, falseCondition(ADOPTED, FAILED_TO_ADOPT, error.message)], FAILED_TO_ADOPT, error);
      return this.failed(current, r.conditions, operation === 'create' ? Reason.FailedToCreate : Reason.FailedToUpdate, error);
    }
  }

  /** KGO: an entity whose own controlPlaneRef names a control plane is owned by it (same namespace only, as Kubernetes requires). */
  private ownerReference(obj: KubeObject, r: Resolved): OwnerReference | undefined {
    const cp = r.controlPlane;
    if (!r.ownsControlPlaneRef || !obj.metadata.namespace || cp.metadata.namespace !== obj.metadata.namespace || !cp.metadata.uid) return undefined;
    return { apiVersion: cp.apiVersion ?? `${controlPlaneResource.group}/${controlPlaneResource.version}`, kind: controlPlaneResource.kind, name: cp.metadata.name!, uid: cp.metadata.uid };
  }

  /** Makes Konnect hold `body`; returns the entity. Reads once; writes only on a difference (never in adopt mode match). */
  private async sync(obj: KubeObject, client: Resolved['client'], scope: EntityScope, body: Record<string, unknown>, id: string | undefined, mayExist: boolean, adopt: AdoptSpec | undefined, phase: (op: 'create' | 'update') => void): Promise<KonnectEntity> {
    const backend = backendFor(this.kind, client);
    const type = this.kind.entityType;
    const metrics = this.ctx.metrics;
    const uid = obj.metadata.uid ?? '';
    let actual: KonnectEntity | undefined;
    if (id) {
      actual = await measured(metrics, type, 'get', 200, () => backend.get(scope, id));
      if (!actual && adopt?.mode === 'match') throw new AdoptionError(`${type} ${id} adopted in mode match is gone from Konnect`);
      if (!actual) this.ctx.logger.info({ kind: this.kind.kind, name: nsName(obj), id }, 'entity not found in Konnect, recreating');
    } else if (adopt) {
      const found = await measured(metrics, type, 'get', 200, () => backend.get(scope, adopt.id));
      actual = checkAdoptable(type, adopt, uid, found, this.kind.adoptModes ?? ['match', 'override']) as KonnectEntity;
    } else if (mayExist) {
      // An earlier reconcile may have created it and lost the answer or the status write.
      actual = await measured(metrics, type, 'find', 200, () => backend.findByUid(scope, uid, body));
    }
    if (!actual) {
      phase('create');
      const created = await measured(metrics, type, 'create', 201, () => backend.create(scope, uid, body));
      if (!created.adopted) return created.entity;
      actual = created.entity;
    }
    phase('update');
    if (adopt?.mode === 'match') {
      requireMatch(type, actual.id, body, actual, this.kind.driftIgnore);
      return actual;
    }
    const drifted = driftedFields(body, actual, this.kind.driftIgnore);
    if (drifted.length === 0) return actual;
    if (!backend.update) {
      this.ctx.logger.warn({ kind: this.kind.kind, name: nsName(obj), fields: drifted }, 'entity differs in Konnect and cannot be updated in place');
      return actual;
    }
    this.ctx.logger.info({ kind: this.kind.kind, name: nsName(obj), id: actual.id, fields: drifted }, 'entity drifted in Konnect, writing the desired state');
    const entityId = actual.id;
    return measured(metrics, type, 'update', 200, () => backend.update!(scope, entityId, body));
  }

  private parentPlacement(r: Resolved) {
    const scope: EntityScope = { controlPlaneId: r.controlPlaneID };
    const parentFields: Record<string, unknown> = {};
    const statusIds: Record<string, string> = {};
    const statusLists: Record<string, string[]> = {};
    for (const parent of this.kind.parents) {
      if (!parent.konnect) continue;
      const { statusField, field, scopeKey } = parent.konnect;
      const ids = r.parentIdLists[parent.name];
      // An empty list is left out (a PUT after the spec change clears it; Konnect's default stays otherwise).
      if (ids?.length === 0) continue;
      if (ids) {
        if (statusField) statusLists[statusField] = ids;
        if (field) parentFields[field] = ids;
        continue;
      }
      const id = r.parentIds[parent.name];
      if (!id) continue;
      if (statusField) statusIds[statusField] = id;
      if (scopeKey) scope[scopeKey] = id;
      else if (field) parentFields[field] = { id };
    }
    return { scope, parentFields, statusIds: { ...statusIds, ...statusLists } as Record<string, string | string[]> };
  }

  private konnectStatus(r: Resolved, id: string, statusIds: Record<string, string | string[]>): KonnectStatus {
    return { id, controlPlaneID: r.controlPlaneID, organizationID: r.organizationID, serverURL: r.serverURL, ...statusIds };
  }

  /** Writes conditions (and status.konnect) only when something changed. */
  private async writeStatus(obj: KubeObject, conditions: ConditionInput[], konnect: KonnectStatus): Promise<void> {
    const status = statusOf(obj);
    const nextConditions = setConditions(status.conditions, conditions, obj.metadata.generation, this.ctx.now());
    const nextKonnect = { ...((status.konnect ?? {}) as KonnectStatus), ...konnect };
    if (sameJson(nextConditions, status.conditions) && sameJson(nextKonnect, status.konnect ?? {})) return;
    await patchStatus(this.ctx, this.kind.resource, obj, { conditions: nextConditions, konnect: nextKonnect });
  }

  private async failed(obj: KubeObject, conditions: ConditionInput[], reason: string, error: unknown): Promise<ReconcileResult> {
    const message = error instanceof Error ? error.message : String(error);
    this.ctx.logger.warn({ kind: this.kind.kind, name: nsName(obj), err: message }, 'Konnect operation failed');
    try {
      await this.writeStatus(obj, [...conditions, falseCondition(ConditionType.Programmed, reason, message)], {});
    } catch {
      // The original error matters more; the next attempt writes the status again.
    }
    if (error instanceof KonnectRateLimitError) return { requeueAfterMs: error.retryAfterMs };
    if (error instanceof KonnectValidationError) return { requeueAfterMs: error.isReferenceOnly ? REFERENCE_RETRY_MS : this.ctx.syncPeriodMs };
    if (error instanceof KonnectAuthError || error instanceof MultipleEntitiesError || error instanceof AdoptionError) return { requeueAfterMs: this.ctx.syncPeriodMs };
    throw error;
  }

  // ---- deletion ---------------------------------------------------------------------------

  private async finalize(key: string, obj: KubeObject): Promise<ReconcileResult> {
    this.synced.delete(key);
    if (!hasFinalizer(obj)) return {};
    const konnect = (statusOf(obj).konnect ?? {}) as KonnectStatus;
    const cp = await this.controlPlaneForDeletion(obj, konnect.controlPlaneID);
    if (!cp) {
      // The control plane object is gone: deleting it in Konnect removed everything in it.
      await removeFinalizer(this.ctx, this.kind.resource, obj);
      return {};
    }
    const cpId = (statusOf(cp).id as string | undefined) ?? konnect.controlPlaneID;
    const auth = await resolveAuthOf(this.ctx, cp);
    if (!cpId || !auth.client) {
      if (cp.metadata.deletionTimestamp || !cpId) {
        await removeFinalizer(this.ctx, this.kind.resource, obj);
        return {};
      }
      throw new Error(`${this.kind.kind} ${nsName(obj)}: cannot delete from Konnect, the API auth configuration is not usable`);
    }
    const backend = backendFor(this.kind, auth.client);
    const scope: EntityScope = { controlPlaneId: cpId };
    for (const parent of this.kind.parents) {
      const id = parent.konnect?.statusField ? konnect[parent.konnect.statusField] : undefined;
      if (parent.konnect?.scopeKey && typeof id === 'string') scope[parent.konnect.scopeKey] = id;
    }
    const type = this.kind.entityType;
    try {
      let id = konnect.id;
      if (!id) {
        const body = this.kind.body(obj, {});
        const found = await measured(this.ctx.metrics, type, 'find', 200, () => backend.findByUid(scope, obj.metadata.uid ?? '', body));
        id = found?.id;
        for (const parent of this.kind.parents) {
          const parentId = parent.konnect?.field ? (found?.[parent.konnect.field] as { id?: string } | undefined)?.id : undefined;
          if (parent.konnect?.scopeKey && parentId) scope[parent.konnect.scopeKey] = parentId;
        }
      }
      if (id) {
        const entityId = id;
        const deleted = await measured(this.ctx.metrics, type, 'delete', 204, () => backend.delete(scope, entityId));
        if (!deleted) this.ctx.logger.info({ kind: this.kind.kind, name: nsName(obj), id }, 'entity not found in Konnect, skipping delete');
      }
    } catch (error) {
      // A missing parent in the nested path means the entity went with it.
      if (!(error instanceof KonnectValidationError && error.status === 404)) {
        await this.writeStatus(obj, [falseCondition(ConditionType.Programmed, Reason.KonnectAPIOpFailed, error instanceof Error ? error.message : String(error))], {}).catch(() => undefined);
        if (error instanceof KonnectRateLimitError) return { requeueAfterMs: error.retryAfterMs };
        throw error;
      }
    }
    await removeFinalizer(this.ctx, this.kind.resource, obj);
    return {};
  }

  /** The control plane of an object being deleted: own ref, a parent's ref, or by its Konnect id. */
  private async controlPlaneForDeletion(obj: KubeObject, controlPlaneID: string | undefined): Promise<KubeObject | undefined> {
    const candidates: KubeObject[] = [obj];
    for (const parent of this.kind.parents) {
      const target = parent.refs ? undefined : parent.ref(obj);
      if (!target || target.id || !parent.konnect) continue;
      const p = await this.ctx.reader.get(parent.resource, target.namespace ?? obj.metadata.namespace, target.name);
      if (p) candidates.push(p);
    }
    for (const candidate of candidates) {
      const ref = konnectControlPlaneRef(candidate);
      if (ref && ref !== 'other') {
        const cp = await this.ctx.reader.get(controlPlaneResource, ref.namespace ?? candidate.metadata.namespace, ref.name);
        if (cp) return cp;
      }
    }
    if (!controlPlaneID) return undefined;
    const list = await this.ctx.kube.list(controlPlaneResource, obj.metadata.namespace);
    return list.items.find((cp) => statusOf(cp).id === controlPlaneID);
  }
}
