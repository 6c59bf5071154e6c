// The webhook's Namespace, Deployment, PodDisruptionBudget, Service and NetworkPolicy.
import type { DeployNames } from './names.ts';
import type { KeyComment } from './render.ts';

/** `kongward serve --shutdown-delay`: endpoints drop the pod while it still answers. */
export const SHUTDOWN_DELAY_SECONDS = 5;
/** `kongward serve --shutdown-timeout`: in-flight requests get this long to finish. */
export const SHUTDOWN_TIMEOUT_SECONDS = 20;
/** Delay + drain + 10 s margin for the process to exit before SIGKILL. */
export const TERMINATION_GRACE_SECONDS = SHUTDOWN_DELAY_SECONDS + SHUTDOWN_TIMEOUT_SECONDS + 10;

const WEBHOOK_PORT_NAME = 'webhook';
const PROBE_PORT_NAME = 'probes';

/** The `kongward serve` arguments shared by every mode; overlays append their certificate flags. */
export function serveArgs(names: DeployNames, certificateArgs: string[] = []): string[] {
  return [
    'serve',
    `--port=${names.webhookPort}`,
    `--probe-port=${names.probePort}`,
    `--service=${names.service}`,
    `--namespace=${names.namespace}`,
    `--shutdown-delay=${SHUTDOWN_DELAY_SECONDS}`,
    `--shutdown-timeout=${SHUTDOWN_TIMEOUT_SECONDS}`,
    '--log-level=info',
    ...certificateArgs,
  ];
}

export function namespace(names: DeployNames, labels: Record<string, string>) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: names.namespace, labels } };
}

export function deployment(names: DeployNames, labels: Record<string, string>): { object: Record<string, unknown>; comments: KeyComment[] } {
  const podLabels = { ...labels, ...names.selector };
  const object = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: names.deployment, namespace: names.namespace, labels: podLabels },
    spec: {
      replicas: 2,
      selector: { matchLabels: { ...names.selector } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: podLabels },
        spec: {
          serviceAccountName: names.serviceAccount,
          terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
            fsGroup: 65532,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [{
                weight: 100,
                podAffinityTerm: { labelSelector: { matchLabels: { ...names.selector } }, topologyKey: 'kubernetes.io/hostname' },
              }],
            },
          },
          containers: [{
            name: 'webhook',
            image: names.image,
            imagePullPolicy: 'IfNotPresent',
            args: serveArgs(names),
            env: [{ name: 'NODE_OPTIONS', value: '--max-old-space-size=192' }],
            ports: [
              { name: WEBHOOK_PORT_NAME, containerPort: names.webhookPort, protocol: 'TCP' },
              { name: PROBE_PORT_NAME, containerPort: names.probePort, protocol: 'TCP' },
            ],
            readinessProbe: { httpGet: { path: '/readyz', port: PROBE_PORT_NAME }, periodSeconds: 5, failureThreshold: 2, timeoutSeconds: 2 },
            livenessProbe: { httpGet: { path: '/healthz', port: PROBE_PORT_NAME }, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 },
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] },
            },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          }],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '16Mi' } }],
        },
      },
    },
  };
  const pod = ['spec', 'template', 'spec'];
  return {
    object,
    comments: [
      { path: [...pod, 'terminationGracePeriodSeconds'], text: `--shutdown-delay ${SHUTDOWN_DELAY_SECONDS} s (readiness off while endpoints update) + --shutdown-timeout ${SHUTDOWN_TIMEOUT_SECONDS} s (drain) + 10 s margin.` },
      { path: [...pod, 'affinity'], text: 'Preferred, not required: two replicas on two nodes when possible, still schedulable on a one-node cluster.' },
      { path: [...pod, 'containers', 0, 'env'], text: 'Keep the V8 heap under the memory limit so Node collects garbage before the kernel kills it.' },
    ],
  };
}

export function podDisruptionBudget(names: DeployNames, labels: Record<string, string>) {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: names.deployment, namespace: names.namespace, labels },
    spec: { minAvailable: 1, selector: { matchLabels: { ...names.selector } } },
  };
}

export function service(names: DeployNames, labels: Record<string, string>) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: names.service, namespace: names.namespace, labels },
    spec: {
      selector: { ...names.selector },
      ports: [{ name: 'https', port: names.servicePort, targetPort: WEBHOOK_PORT_NAME, protocol: 'TCP' }],
    },
  };
}

export function networkPolicy(names: DeployNames, labels: Record<string, string>): { object: Record<string, unknown>; comments: KeyComment[] } {
  return {
    object: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: names.deployment, namespace: names.namespace, labels },
      spec: {
        podSelector: { matchLabels: { ...names.selector } },
        policyTypes: ['Ingress'],
        ingress: [
          { ports: [{ port: names.webhookPort, protocol: 'TCP' }] },
          { ports: [{ port: names.probePort, protocol: 'TCP' }] },
        ],
      },
    },
    comments: [{
      path: ['spec', 'ingress'],
      text: [
        'The apiserver calls the webhook port from addresses no selector can name portably (host',
        'network, a managed control plane), so that port is open to any source; TLS and the fixed',
        'endpoints are the protection. Without this, a default-deny policy shows up as',
        '"context deadline exceeded" on every Kong apply. The probe port serves /healthz, /readyz',
        'and /metrics; narrow its `from` to your Prometheus namespace if you like.',
      ].join('\n'),
    }],
  };
}
