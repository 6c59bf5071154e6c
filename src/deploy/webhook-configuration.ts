// The ValidatingWebhookConfiguration, derived from the validators kongward actually runs
// (buildValidators().kinds()) and the registry's plurals: exact groups, versions, resources and
// operations, never wildcards. Kong's own groups and the Gateway API kinds get separate webhook
// entries because they deserve different failure policies (see FAILURE_POLICY_REASONS).
import { findKind } from '../api/registry.ts';
import type { GroupVersionKind, KindDefinition, Operation } from '../api/types.ts';
import { referenceWebhookRules } from '../references/validators.ts';
import { serviceAccountUsername, type DeployNames } from './names.ts';
import type { KeyComment } from './render.ts';

/** What the webhook is called for when a kind asks for nothing else. */
export const DEFAULT_OPERATIONS: readonly Operation[] = ['CREATE', 'UPDATE'];

/**
 * CREATE and UPDATE for every validated kind, plus whatever the reference checks need (DELETE
 * of control planes and auth configurations, to warn about dependents); rules are grouped by it.
 */
export function operationsFor(kind: KindDefinition): readonly Operation[] {
  const need = referenceWebhookRules().find((r) => r.group === kind.group && r.kind === kind.kind);
  if (!need) return DEFAULT_OPERATIONS;
  return [...DEFAULT_OPERATIONS, ...need.operations.filter((op) => !DEFAULT_OPERATIONS.includes(op))];
}

export interface WebhookRule {
  apiGroups: string[];
  apiVersions: string[];
  operations: Operation[];
  resources: string[];
  scope: '*';
}

/** One rule per (group, version, operations), listing exactly the resources validated there. */
export function webhookRules(gvks: readonly GroupVersionKind[]): WebhookRule[] {
  const byKey = new Map<string, WebhookRule>();
  for (const gvk of gvks) {
    const kind = findKind(gvk.group, gvk.kind);
    if (!kind) throw new Error(`validator registered for ${gvk.kind}.${gvk.group} ${gvk.version}, which the registry does not know`);
    const operations = [...operationsFor(kind)];
    const key = `${gvk.group}|${gvk.version}|${operations.join(',')}`;
    const rule = byKey.get(key) ?? { apiGroups: [gvk.group], apiVersions: [gvk.version], operations, resources: [], scope: '*' as const };
    if (!rule.resources.includes(kind.plural)) rule.resources.push(kind.plural);
    byKey.set(key, rule);
  }
  const rules = [...byKey.values()];
  for (const rule of rules) rule.resources.sort();
  return rules.sort((a, b) => `${a.apiGroups[0]}/${a.apiVersions[0]}`.localeCompare(`${b.apiGroups[0]}/${b.apiVersions[0]}`));
}

interface WebhookClass {
  /** Webhook name (must be a DNS name with at least three segments). */
  name: string;
  matches(group: string): boolean;
  failurePolicy: 'Fail' | 'Ignore';
  timeoutSeconds: number;
  reason: string;
}

const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

const WEBHOOK_CLASSES: WebhookClass[] = [
  {
    name: 'validate.konghq.kongward.dev',
    matches: (group) => group !== GATEWAY_API_GROUP,
    failurePolicy: 'Fail',
    timeoutSeconds: 5,
    reason: [
      'failurePolicy Fail: these rules match only Kong kinds kongward owns (never Pods, Secrets or',
      'Namespaces), so an outage blocks Kong configuration changes and nothing else, while Ignore would',
      'let objects through that the operator then fails to reconcile later, far from the kubectl that',
      'caused it. Two replicas, a PodDisruptionBudget and certificate rotation without restarts keep it up.',
      'Switching to Ignore is safe to try: the CRDs carry the CEL rules themselves, so an outage would only',
      'skip the Kong-specific checks (PEM parsing, DataPlane ports, references).',
      'timeoutSeconds 5: a decision takes microseconds to a few ms; 5 s leaves room for a cold',
      'connection but fails fast (the default 10 s and the shared request deadline are spent quickly).',
    ].join('\n'),
  },
  {
    name: 'validate.gateway-api.kongward.dev',
    matches: (group) => group === GATEWAY_API_GROUP,
    failurePolicy: 'Ignore',
    timeoutSeconds: 3,
    reason: [
      'failurePolicy Ignore: Gateway API objects are shared with other implementations in the cluster;',
      'a kongward outage must not block their Gateways. The upstream Gateway API CRDs keep their own',
      'CEL rules. timeoutSeconds 3 caps what a hung kongward adds to those writes (Kong KIC#5340).',
    ].join('\n'),
  },
];

export interface WebhookConfigurationDocument {
  object: Record<string, unknown>;
  comments: KeyComment[];
}

export function validatingWebhookConfiguration(gvks: readonly GroupVersionKind[], names: DeployNames, labels: Record<string, string>): WebhookConfigurationDocument {
  const webhooks: Record<string, unknown>[] = [];
  const comments: KeyComment[] = [];
  for (const webhookClass of WEBHOOK_CLASSES) {
    const rules = webhookRules(gvks.filter((gvk) => webhookClass.matches(gvk.group)));
    if (rules.length === 0) continue;
    comments.push({ path: ['webhooks', webhooks.length, 'failurePolicy'], text: webhookClass.reason });
    comments.push({
      path: ['webhooks', webhooks.length, 'namespaceSelector'],
      text: `Opt out per namespace with the label ${names.optOutLabel}=disabled; kube-system is never validated.\nCluster-scoped kinds (e.g. KongClusterPlugin, GatewayClass) are always validated: namespaceSelector does not apply to them.`,
    });
    comments.push({
      path: ['webhooks', webhooks.length, 'matchConditions'],
      text: "kongward's own writes (status, certificates) skip the round trip to itself.",
    });
    webhooks.push({
      name: webhookClass.name,
      admissionReviewVersions: ['v1'],
      clientConfig: { service: { name: names.service, namespace: names.namespace, path: names.validatePath, port: names.servicePort } },
      failurePolicy: webhookClass.failurePolicy,
      matchConditions: [{ name: 'not-kongward-itself', expression: `request.userInfo.username != '${serviceAccountUsername(names)}'` }],
      matchPolicy: 'Equivalent',
      namespaceSelector: {
        matchExpressions: [
          { key: names.optOutLabel, operator: 'NotIn', values: ['disabled'] },
          { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] },
        ],
      },
      rules,
      sideEffects: 'None',
      timeoutSeconds: webhookClass.timeoutSeconds,
    });
  }
  return {
    object: {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: names.webhookConfiguration, labels },
      webhooks,
    },
    comments,
  };
}
