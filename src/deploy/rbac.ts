// Least-privilege RBAC, derived from the registry: no wildcards, resourceNames wherever the
// apiserver can enforce them. The base grants only reads (reference checks); the self-signed
// overlay adds what the self-managed certificate mode writes.
import { allKinds } from '../api/registry.ts';
import type { KindDefinition } from '../api/types.ts';
import { crdKinds, crdName, usesConversionWebhook } from '../crds/generate.ts';
import type { DeployNames } from './names.ts';
import { gatewayClassResource } from '../gateway/cached-class-lookup.ts';
import { referenceCachedResources } from '../references/validators.ts';

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };

const READ = ['get', 'list', 'watch'];

/** Read access to exactly the kinds the webhook caches: reference-check targets and GatewayClasses. */
export function readRules(_from: readonly KindDefinition[] = allKinds()): Rule[] {
  const byGroup = new Map<string, Set<string>>();
  const add = (group: string, plural: string) => {
    const set = byGroup.get(group) ?? new Set<string>();
    set.add(plural);
    byGroup.set(group, set);
  };
  for (const resource of referenceCachedResources()) add(resource.group, resource.plural);
  add(gatewayClassResource.group, gatewayClassResource.plural);
  return [...byGroup.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, plurals]) => ({ apiGroups: [group], resources: [...plurals].sort(), verbs: READ }));
}

function labelled(object: Record<string, unknown>, labels: Record<string, string>) {
  const metadata = object.metadata as Record<string, unknown>;
  return { ...object, metadata: { ...metadata, labels } };
}

export function baseRbac(names: DeployNames, labels: Record<string, string>, from: readonly KindDefinition[] = allKinds()) {
  const name = `${names.serviceAccount}-webhook`;
  return [
    labelled({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: names.serviceAccount, namespace: names.namespace } }, labels),
    labelled({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: readRules(from) }, labels),
    labelled({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name: names.serviceAccount, namespace: names.namespace }],
    }, labels),
  ];
}

/**
 * What `--self-signed` needs: its two Secrets and the writer Lease in its own namespace, and
 * patching the caBundle of its webhook configuration and of the CRDs that call /convert.
 * `create` cannot be limited by resourceNames (the name is not known at authorization time),
 * so the Role allows creating any Secret and Lease in kongward's namespace, and nothing else there.
 */
export function selfSignedRbac(names: DeployNames, labels: Record<string, string>, from: readonly KindDefinition[] = allKinds()) {
  const name = `${names.serviceAccount}-certificates`;
  const conversionCrds = crdKinds(from).filter(usesConversionWebhook).map(crdName).sort();
  const { caSecret, servingSecret, lease } = names.selfSigned;
  const roleRules: Rule[] = [
    { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch', 'update'], resourceNames: [caSecret, servingSecret] },
    { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'update'], resourceNames: [lease] },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
  ];
  const clusterRules: Rule[] = [
    // watch by name (no list) lets the caBundle injector repair a reverted value at once.
    { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['get', 'watch', 'patch'], resourceNames: [names.webhookConfiguration] },
    { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'watch', 'patch'], resourceNames: conversionCrds },
  ];
  const subjects = [{ kind: 'ServiceAccount', name: names.serviceAccount, namespace: names.namespace }];
  return [
    labelled({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: names.namespace }, rules: roleRules }, labels),
    labelled({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, namespace: names.namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects,
    }, labels),
    labelled({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: clusterRules }, labels),
    labelled({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects,
    }, labels),
  ];
}
