// Cross-namespace references gated by KongReferenceGrant (Kong Operator 2.1+): a reference from
// an object in one namespace to a target in another is permitted only when a grant in the
// target's namespace lists the referencing group/kind/namespace in `from` and the target's
// group/kind (optionally its name) in `to`. Cluster-scoped referrers (KongVault) use namespace "".
import { kongReferenceGrantKind } from '../../api/configuration/v1alpha1/kongreferencegrant.ts';
import type { KubeObject } from '../runtime/types.ts';
import { falseCondition, type ConditionInput } from './conditions.ts';
import { descriptorOf, specOf, type KonnectContext } from './context.ts';

export const referenceGrantResource = descriptorOf(kongReferenceGrantKind);

/** KGO's reason for a cross-namespace reference no grant allows. */
export const REF_NOT_PERMITTED = 'RefNotPermitted';

export interface GrantFrom {
  group: string;
  kind: string;
  /** "" for cluster-scoped referrers. */
  namespace: string;
}

export interface GrantTo {
  /** "" (or "core") for core kinds such as Secret. */
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** True when this grant lets `from` reference `to` (pure). */
export function grantPermits(grant: KubeObject, from: GrantFrom, to: GrantTo): boolean {
  const spec = specOf(grant) as { from?: Partial<GrantFrom>[]; to?: { group?: string; kind?: string; name?: string }[] };
  const sameGroup = (a: string | undefined, b: string) => (a ?? '') === b || ((a === 'core' || a === '') && (b === '' || b === 'core'));
  return (
    (spec.from ?? []).some((f) => sameGroup(f.group, from.group) && f.kind === from.kind && (f.namespace ?? '') === from.namespace) &&
    (spec.to ?? []).some((t) => sameGroup(t.group, to.group) && t.kind === to.kind && (!t.name || t.name === to.name))
  );
}

/** The condition to report when `from` may not reference `to`; undefined when permitted (same namespace or granted). */
export async function checkGrant(ctx: KonnectContext, condition: string, from: GrantFrom, to: GrantTo): Promise<ConditionInput | undefined> {
  if (from.namespace === to.namespace) return undefined;
  const grants = await ctx.reader.list(referenceGrantResource, to.namespace);
  if (grants.some((g) => grantPermits(g, from, to))) return undefined;
  const fromWhere = from.namespace ? `namespace ${from.namespace}` : 'cluster scope';
  return falseCondition(condition, REF_NOT_PERMITTED,
    `Reference from ${from.kind} in ${fromWhere} to ${to.kind} ${to.namespace}/${to.name} is not permitted: no KongReferenceGrant in namespace ${to.namespace} allows it`);
}

/** Objects currently refused for want of a grant (any condition with reason RefNotPermitted): re-checked when a grant changes. */
export function refusedForWantOfGrant(objects: readonly KubeObject[]): KubeObject[] {
  return objects.filter((o) => ((o.status as { conditions?: { reason?: string }[] } | undefined)?.conditions ?? []).some((c) => c.reason === REF_NOT_PERMITTED));
}

/**
 * Objects a grant change can affect: those refused for want of one (it may now allow them) and
 * those naming anything in another namespace (a grant they relied on may be gone). `refs` are
 * the object's reference keys, `Kind:namespace/name`.
 */
export function affectedByGrantChange(objects: readonly KubeObject[], refs: (obj: KubeObject) => string[]): KubeObject[] {
  const refused = new Set(refusedForWantOfGrant(objects));
  return objects.filter((o) => refused.has(o) || refs(o).some((key) => {
    const target = key.slice(key.indexOf(':') + 1);
    const slash = target.indexOf('/');
    return slash >= 0 && target.slice(0, slash) !== (o.metadata.namespace ?? '');
  }));
}

/** `from` of an object: its API group and kind, its namespace ("" when cluster-scoped). */
export function grantFromOf(obj: KubeObject, group: string, kind: string): GrantFrom {
  return { group, kind, namespace: obj.metadata.namespace ?? '' };
}
