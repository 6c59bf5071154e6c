// A pod template (and the autoscaling / disruption pieces) validated through the engine the way
// the apiserver would validate it inside a gateway-operator CRD: defaults, list-map keys,
// quantities, int-or-string, required fields and the PodDisruptionBudget rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { resource } from '../../../src/api/kit.ts';
import type { RegisteredVersion } from '../../../src/api/registry.ts';
import { horizontalScaling, podDisruptionBudgetSpec, podTemplateSpec } from '../../../src/api/common/core/index.ts';
import { RULES_NOT_CHECKED, validate } from '../../../src/validation/engine.ts';
import { formatFieldError } from '../../../src/validation/field-error.ts';
import { SHARED_MISSING, sharedPath } from '../../support/shared.ts';

// A stand-in kind that embeds the core types where DataPlane does, so these tests do not
// depend on the DataPlane schema itself.
const target: RegisteredVersion = {
  kind: {
    group: 'test.kongward.dev', kind: 'PodHolder', plural: 'podholders', singular: 'podholder', scope: 'Namespaced',
    versions: [],
  },
  version: {
    name: 'v1', served: true, storage: true,
    schema: resource({
      spec: z.object({
        deployment: z.object({
          podTemplateSpec: podTemplateSpec.optional(),
          scaling: z.object({ horizontal: horizontalScaling().optional() }).optional(),
        }).optional(),
        resources: z.object({
          podDisruptionBudget: z.object({ spec: podDisruptionBudgetSpec.optional() }).optional(),
        }).optional(),
      }),
    }),
  },
};

function check(spec: Record<string, unknown>) {
  const result = validate(target, { operation: 'CREATE', object: { apiVersion: 'test.kongward.dev/v1', kind: 'PodHolder', metadata: { name: 'x' }, spec } });
  return { ...result, messages: result.errors.map(formatFieldError) };
}

const withPod = (spec: Record<string, unknown>, metadata?: Record<string, unknown>) =>
  ({ deployment: { podTemplateSpec: { ...(metadata ? { metadata } : {}), spec } } });

const T = 'spec.deployment.podTemplateSpec.spec';

/** A realistic Kong proxy pod template touching most of PodSpec. */
const proxyPod = {
  containers: [{
    name: 'proxy',
    image: 'kong/kong-gateway:3.8.1.0',
    env: [
      { name: 'KONG_LOG_LEVEL', value: 'debug' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'konnect', key: 'token' } } },
    ],
    envFrom: [{ configMapRef: { name: 'kong-env' }, prefix: 'KONG_' }],
    ports: [{ name: 'proxy', containerPort: 8000 }, { name: 'proxy-udp', containerPort: 8000, protocol: 'UDP' }],
    readinessProbe: { httpGet: { path: '/status/ready', port: 8100, scheme: 'HTTP' }, periodSeconds: 10 },
    livenessProbe: { tcpSocket: { port: 'proxy' }, failureThreshold: 3 },
    startupProbe: { grpc: { port: 8101 } },
    lifecycle: { preStop: { exec: { command: ['kong', 'quit', '--wait=15'] } }, postStart: { sleep: { seconds: 1 } } },
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: 2, memory: '1Gi' } },
    securityContext: { runAsNonRoot: true, runAsUser: 1000, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
    volumeMounts: [{ name: 'certs', mountPath: '/etc/kong/certs', readOnly: true }, { name: 'tmp', mountPath: '/tmp' }],
  }],
  initContainers: [{ name: 'wait', image: 'busybox', command: ['sh', '-c', 'true'], restartPolicy: 'Always' }],
  imagePullSecrets: [{}],
  volumes: [
    { name: 'certs', secret: { secretName: 'kong-certs', items: [{ key: 'tls.crt', path: 'tls.crt', mode: 0o400 }] } },
    { name: 'tmp', emptyDir: { sizeLimit: '500Mi' } },
    { name: 'cfg', configMap: { name: 'kong-cfg' } },
    { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } },
    { name: 'scratch', ephemeral: { volumeClaimTemplate: { metadata: { labels: { app: 'kong' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } },
  ],
  affinity: {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{
        weight: 100,
        podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'kong' } } },
      }],
    },
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }],
      },
    },
  },
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'kong', effect: 'NoSchedule', tolerationSeconds: 30 }],
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }],
  securityContext: { fsGroup: 1000, sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] },
  terminationGracePeriodSeconds: 30,
  nodeSelector: { 'kubernetes.io/os': 'linux' },
};

test('the DataPlane pod template of the walkthrough validates', (t) => {
  const file = sharedPath('examples', 'walkthrough', '06-dataplane.yaml');
  if (!file) return t.skip(SHARED_MISSING);
  const dataPlane = parse(readFileSync(file, 'utf8')) as { spec: { deployment: { podTemplateSpec: Record<string, unknown> } } };
  const { messages, object } = check({ deployment: dataPlane.spec.deployment });
  assert.deepEqual(messages, []);
  assert.deepEqual(object?.spec, { deployment: dataPlane.spec.deployment });
});

test('a realistic proxy pod template validates and gets the core defaults', () => {
  const { messages, object } = check(withPod(proxyPod, { labels: { app: 'kong' }, annotations: { a: 'b' } }));
  assert.deepEqual(messages, []);
  const spec = (object?.spec as ReturnType<typeof withPod>).deployment.podTemplateSpec.spec as typeof proxyPod & Record<string, any>;
  assert.deepEqual(spec.containers[0]?.ports, [
    { name: 'proxy', containerPort: 8000, protocol: 'TCP' }, { name: 'proxy-udp', containerPort: 8000, protocol: 'UDP' },
  ]);
  assert.deepEqual(spec.imagePullSecrets, [{ name: '' }]);
  assert.deepEqual(spec.containers[0]?.startupProbe, { grpc: { port: 8101, service: '' } });
  assert.deepEqual(spec.containers[0]?.envFrom, [{ configMapRef: { name: 'kong-env' }, prefix: 'KONG_' }]);
  assert.deepEqual(spec.volumes[2], { name: 'cfg', configMap: { name: 'kong-cfg' } });
});

test('unknown fields inside the pod template are pruned', () => {
  const { messages, object } = check(withPod({ containers: [{ name: 'proxy', imagePullPolicyy: 'Always' }], hostNetwork: true }));
  assert.deepEqual(messages, []);
  assert.deepEqual((object?.spec as ReturnType<typeof withPod>).deployment.podTemplateSpec.spec, { containers: [{ name: 'proxy' }], hostNetwork: true });
});

test('volume source defaults (rbd, iscsi, scaleIO, azureDisk) are applied', () => {
  const { messages, object } = check(withPod({
    containers: [{ name: 'c' }],
    volumes: [
      { name: 'rbd', rbd: { image: 'img', monitors: ['m:6789'] } },
      { name: 'iscsi', iscsi: { iqn: 'iqn.x', lun: 0, targetPortal: '10.0.0.1:3260' } },
      { name: 'sio', scaleIO: { gateway: 'gw', system: 'sys', secretRef: {} } },
      { name: 'az', azureDisk: { diskName: 'd', diskURI: 'u' } },
    ],
  }));
  assert.deepEqual(messages, []);
  const volumes = ((object?.spec as ReturnType<typeof withPod>).deployment.podTemplateSpec.spec as { volumes: unknown[] }).volumes;
  assert.deepEqual(volumes, [
    { name: 'rbd', rbd: { image: 'img', monitors: ['m:6789'], keyring: '/etc/ceph/keyring', pool: 'rbd', user: 'admin' } },
    { name: 'iscsi', iscsi: { iqn: 'iqn.x', lun: 0, targetPortal: '10.0.0.1:3260', iscsiInterface: 'default' } },
    { name: 'sio', scaleIO: { gateway: 'gw', system: 'sys', secretRef: { name: '' }, fsType: 'xfs', storageMode: 'ThinProvisioned' } },
    { name: 'az', azureDisk: { diskName: 'd', diskURI: 'u', fsType: 'ext4', readOnly: false } },
  ]);
});

const Q = "'^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$'";
const one = (container: Record<string, unknown>) => withPod({ containers: [{ name: 'proxy', ...container }] });

const invalid: Array<[string, Record<string, unknown>, string[]]> = [
  ['containers are required', withPod({}), [`${T}.containers: Required value`]],
  ['a container needs a name', withPod({ containers: [{ image: 'kong' }] }), [`${T}.containers[0].name: Required value`]],
  ['containers are keyed by name', withPod({ containers: [{ name: 'a' }, { name: 'a' }] }),
    [`${T}.containers[1]: Duplicate value: map[string]interface {}{"name":"a"}`]],
  ['init containers are keyed by name', withPod({ containers: [{ name: 'a' }], initContainers: [{ name: 'i' }, { name: 'i' }] }),
    [`${T}.initContainers[1]: Duplicate value: map[string]interface {}{"name":"i"}`]],
  ['ports are keyed by containerPort and the defaulted protocol', one({ ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'TCP' }] }),
    [`${T}.containers[0].ports[1]: Duplicate value: map[string]interface {}{"containerPort":80, "protocol":"TCP"}`]],
  ['containerPort is an integer', one({ ports: [{ containerPort: '80' }] }),
    [`${T}.containers[0].ports[0].containerPort: Invalid value: "string": ${T}.containers[0].ports[0].containerPort in body must be of type integer: "string"`]],
  ['a quantity must match the quantity pattern', one({ resources: { limits: { cpu: 'lots' } } }),
    [`${T}.containers[0].resources.limits.cpu: Invalid value: "lots": ${T}.containers[0].resources.limits.cpu in body should match ${Q}`]],
  ['a quantity is an integer or a string', withPod({ containers: [{ name: 'a' }], overhead: { cpu: true } }),
    [`${T}.overhead.cpu: Invalid value: "boolean": ${T}.overhead.cpu in body must be of type integer,string: "boolean"`]],
  ['a probe port is int-or-string and required', one({ livenessProbe: { httpGet: { path: '/' } }, readinessProbe: { tcpSocket: { port: false } } }),
    [`${T}.containers[0].livenessProbe.httpGet.port: Required value`,
      `${T}.containers[0].readinessProbe.tcpSocket.port: Invalid value: "boolean": ${T}.containers[0].readinessProbe.tcpSocket.port in body must be of type integer,string: "boolean"`]],
  ['env vars are keyed by name and need one', one({ env: [{ name: 'A' }, { name: 'A' }, { value: 'x' }] }),
    [`${T}.containers[0].env[2].name: Required value`, `${T}.containers[0].env[1]: Duplicate value: map[string]interface {}{"name":"A"}`]],
  ['a secretKeyRef needs its key', one({ env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's' } } }] }),
    [`${T}.containers[0].env[0].valueFrom.secretKeyRef.key: Required value`]],
  ['exit code values are a set', one({ restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [1, 1] } }] }),
    [`${T}.containers[0].restartPolicyRules[0].exitCodes.values[1]: Duplicate value: 1`]],
  ['volumes are keyed by name; sizeLimit is a quantity', withPod({ containers: [{ name: 'a' }], volumes: [{ name: 'v', emptyDir: { sizeLimit: '1 Gi' } }, { name: 'v' }] }),
    [`${T}.volumes[0].emptyDir.sizeLimit: Invalid value: "1 Gi": ${T}.volumes[0].emptyDir.sizeLimit in body should match ${Q}`,
      `${T}.volumes[1]: Duplicate value: map[string]interface {}{"name":"v"}`]],
  ['scaleIO needs gateway, secretRef and system', withPod({ containers: [{ name: 'a' }], volumes: [{ name: 'v', scaleIO: {} }] }),
    [`${T}.volumes[0].scaleIO.gateway: Required value`, `${T}.volumes[0].scaleIO.secretRef: Required value`, `${T}.volumes[0].scaleIO.system: Required value`]],
  ['topology spread constraints need maxSkew and whenUnsatisfiable', withPod({ containers: [{ name: 'a' }], topologySpreadConstraints: [{ topologyKey: 'zone' }] }),
    [`${T}.topologySpreadConstraints[0].maxSkew: Required value`, `${T}.topologySpreadConstraints[0].whenUnsatisfiable: Required value`]],
  ['required node affinity needs nodeSelectorTerms', withPod({ containers: [{ name: 'a' }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } } }),
    [`${T}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value`]],
  ['pod affinity terms need a topologyKey', withPod({ containers: [{ name: 'a' }], affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{}] } } }),
    [`${T}.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value`]],
  ['horizontal scaling needs maxReplicas; policies need periodSeconds',
    { deployment: { scaling: { horizontal: { minReplicas: 1, behavior: { scaleUp: { tolerance: '0.1', policies: [{ type: 'Pods', value: 1 }] } } } } } },
    ['spec.deployment.scaling.horizontal.maxReplicas: Required value', 'spec.deployment.scaling.horizontal.behavior.scaleUp.policies[0].periodSeconds: Required value']],
  ['a metric target value is a quantity',
    { deployment: { scaling: { horizontal: { maxReplicas: 3, metrics: [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: 'x' } } }] } } } },
    [`spec.deployment.scaling.horizontal.metrics[0].pods.target.averageValue: Invalid value: "x": spec.deployment.scaling.horizontal.metrics[0].pods.target.averageValue in body should match ${Q}`]],
  ['a PodDisruptionBudget sets minAvailable or maxUnavailable, not both', { resources: { podDisruptionBudget: { spec: { minAvailable: 1, maxUnavailable: '10%' } } } },
    ['spec.resources.podDisruptionBudget.spec: Invalid value: "object": You can specify only one of maxUnavailable and minAvailable in a single PodDisruptionBudgetSpec.']],
  ['a PodDisruptionBudget sets one of them', { resources: { podDisruptionBudget: { spec: { unhealthyPodEvictionPolicy: 'AlwaysAllow' } } } },
    ['spec.resources.podDisruptionBudget.spec: Invalid value: "object": You can specify only one of maxUnavailable and minAvailable in a single PodDisruptionBudgetSpec.']],
];

test('invalid pod templates, autoscaling and disruption budgets are denied with apiserver messages', () => {
  for (const [name, spec, expected] of invalid) {
    const { messages } = check(spec);
    assert.deepEqual(messages.filter((m) => !m.endsWith(RULES_NOT_CHECKED)), expected, name);
  }
});

test('valid autoscaling and disruption budget specs pass', () => {
  const { messages } = check({
    deployment: { scaling: { horizontal: {
      minReplicas: 2, maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'External', external: { metric: { name: 'queue', selector: { matchLabels: { q: 'a' } } }, target: { type: 'Value', value: '30' } } },
        { type: 'Object', object: { describedObject: { kind: 'Service', name: 'kong' }, metric: { name: 'rps' }, target: { type: 'Value', value: '1k' } } },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] } },
    } } },
    resources: { podDisruptionBudget: { spec: { maxUnavailable: '25%' } } },
  });
  assert.deepEqual(messages, []);
});
