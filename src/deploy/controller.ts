// The thin controller (`kongward controller`) as an optional component: its own ServiceAccount,
// RBAC derived from what the reconcilers reconcile, own and read (no wildcards), and a
// leader-elected Deployment. Apply deploy/controller/ beside an overlay to run it.
import { konnectPluginKindResources, managedResources, reconciledResources, readResources } from './controller-resources.ts';
import type { DeployNames } from './names.ts';
import type { KeyComment } from './render.ts';

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };

export const CONTROLLER = {
  name: 'kongward-controller',
  serviceAccount: 'kongward-controller',
  lease: 'kongward-controller',
  probePort: 8081,
  selector: { 'app.kubernetes.io/name': 'kongward', 'app.kubernetes.io/component': 'controller' },
} as const;

const RECONCILE = ['get', 'list', 'watch', 'update', 'patch'];
const STATUS = ['get', 'update', 'patch'];
const READ = ['get', 'list', 'watch'];
const OWN = ['get', 'list', 'watch', 'create', 'update', 'patch'];

function grouped(resources: ReadonlyArray<{ group: string; plural: string }>, verbs: string[], suffix = ''): Rule[] {
  const byGroup = new Map<string, Set<string>>();
  for (const r of resources) byGroup.set(r.group, (byGroup.get(r.group) ?? new Set()).add(`${r.plural}${suffix}`));
  return [...byGroup].sort(([a], [b]) => a.localeCompare(b)).map(([group, plurals]) => ({ apiGroups: [group], resources: [...plurals].sort(), verbs }));
}

export function controllerRbac(names: DeployNames, labels: Record<string, string>) {
  const reconciled = reconciledResources();
  const reconciledKeys = new Set(reconciled.map((r) => `${r.group}/${r.plural}`));
  const read = [...readResources(), ...konnectPluginKindResources()].filter((r) => !reconciledKeys.has(`${r.group}/${r.plural}`));
  const rules: Rule[] = [
    ...grouped(reconciled, RECONCILE),
    ...grouped(reconciled, STATUS, '/status'),
    ...grouped(read, READ),
    // Credentials made from KongConsumer `credentials` Secrets are deleted when the Secret leaves the list.
    ...grouped(managedResources(), ['create', 'delete']),
    // DataPlane provisioning owns Deployments, Services and the admin certificate Secrets; the
    // Konnect controllers read token and certificate Secrets. None of those is deleted by hand:
    // owner references let the garbage collector do it.
    { apiGroups: ['apps'], resources: ['deployments'], verbs: OWN },
    { apiGroups: [''], resources: ['secrets', 'services'], verbs: OWN },
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
  ];
  const objects: Array<Record<string, unknown>> = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: CONTROLLER.serviceAccount, namespace: names.namespace, labels } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: CONTROLLER.name, labels }, rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: CONTROLLER.name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: CONTROLLER.name },
      subjects: [{ kind: 'ServiceAccount', name: CONTROLLER.serviceAccount, namespace: names.namespace }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: CONTROLLER.name, namespace: names.namespace, labels },
      rules: [
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'update'], resourceNames: [CONTROLLER.lease] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: CONTROLLER.name, namespace: names.namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: CONTROLLER.name },
      subjects: [{ kind: 'ServiceAccount', name: CONTROLLER.serviceAccount, namespace: names.namespace }],
    },
  ];
  return objects;
}

export function controllerDeployment(names: DeployNames, labels: Record<string, string>): { object: Record<string, unknown>; comments: KeyComment[] } {
  const podLabels = { ...labels, ...CONTROLLER.selector };
  const object = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: CONTROLLER.name, namespace: names.namespace, labels: podLabels },
    spec: {
      replicas: 2,
      selector: { matchLabels: { ...CONTROLLER.selector } },
      template: {
        metadata: { labels: podLabels },
        spec: {
          serviceAccountName: CONTROLLER.serviceAccount,
          terminationGracePeriodSeconds: 30,
          securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'controller',
            image: names.image,
            imagePullPolicy: 'IfNotPresent',
            args: ['controller', `--leader-election-namespace=${names.namespace}`, `--probe-port=${CONTROLLER.probePort}`, '--log-level=info'],
            env: [
              { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
              { name: 'NODE_OPTIONS', value: '--max-old-space-size=384' },
            ],
            ports: [{ name: 'probes', containerPort: CONTROLLER.probePort, protocol: 'TCP' }],
            readinessProbe: { httpGet: { path: '/readyz', port: 'probes' }, periodSeconds: 5, timeoutSeconds: 2 },
            livenessProbe: { httpGet: { path: '/healthz', port: 'probes' }, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 },
            resources: { requests: { cpu: '100m', memory: '192Mi' }, limits: { cpu: '1', memory: '512Mi' } },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          }],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '16Mi' } }],
        },
      },
    },
  };
  return {
    object,
    comments: [{ path: ['spec', 'replicas'], text: 'Two replicas, one leader (Lease kongward-controller): the other takes over within the 15 s lease duration.' }],
  };
}
