// corev1.PodSpec and PodTemplateSpec as controller-gen expands them inside the
// gateway-operator.konghq.com CRDs (DataPlane, ControlPlane, GatewayConfiguration). Every
// version of those kinds in Kong Operator 2.2.3 embeds this same expansion; the KGO 1.4/1.5
// expansions are a strict subset (no fileKeyRef, stopSignal, restartPolicyRules,
// hostnameOverride, schedulingGroup, podCertificate projection, HPA tolerance).
import { z } from 'zod';
import { atomicList, atomicStruct, integer, listMap } from '../../kit.ts';
import { affinity } from './affinity.ts';
import { container, ephemeralContainer } from './containers.ts';
import { resourceList } from './quantities.ts';
import { embeddedObjectMeta, localObjectReference } from './references.ts';
import { resourceRequirements } from './resources.ts';
import { toleration, topologySpreadConstraint } from './scheduling.ts';
import { podSecurityContext } from './security.ts';
import { volume } from './volumes.ts';

/** corev1.PodDNSConfigOption. */
export const podDNSConfigOption = z.object({
  name: z.string().optional(),
  value: z.string().optional(),
});

/** corev1.PodDNSConfig. */
export const podDNSConfig = z.object({
  nameservers: atomicList(z.string()).optional(),
  options: atomicList(podDNSConfigOption).optional(),
  searches: atomicList(z.string()).optional(),
});

/** corev1.HostAlias. */
export const hostAlias = z.object({
  hostnames: atomicList(z.string()).optional(),
  ip: z.string(),
});

/** corev1.PodOS / PodSchedulingGate (same shape: a required name). */
export const podOS = z.object({ name: z.string() });
export const podSchedulingGate = podOS;

/** corev1.PodReadinessGate. */
export const podReadinessGate = z.object({ conditionType: z.string() });

/** corev1.PodResourceClaim. */
export const podResourceClaim = z.object({
  name: z.string(),
  resourceClaimName: z.string().optional(),
  resourceClaimTemplateName: z.string().optional(),
});

/** corev1.PodSchedulingGroup. */
export const podSchedulingGroup = z.object({
  podGroupName: z.string().optional(),
});

/** corev1.PodSpec. */
export const podSpec = z.object({
  activeDeadlineSeconds: integer('int64').optional(),
  affinity: affinity.optional(),
  automountServiceAccountToken: z.boolean().optional(),
  containers: listMap(container, ['name']),
  dnsConfig: podDNSConfig.optional(),
  dnsPolicy: z.string().optional(),
  enableServiceLinks: z.boolean().optional(),
  ephemeralContainers: listMap(ephemeralContainer, ['name']).optional(),
  hostAliases: listMap(hostAlias, ['ip']).optional(),
  hostIPC: z.boolean().optional(),
  hostNetwork: z.boolean().optional(),
  hostPID: z.boolean().optional(),
  hostUsers: z.boolean().optional(),
  hostname: z.string().optional(),
  hostnameOverride: z.string().optional(),
  imagePullSecrets: listMap(localObjectReference, ['name']).optional(),
  initContainers: listMap(container, ['name']).optional(),
  nodeName: z.string().optional(),
  nodeSelector: atomicStruct(z.record(z.string(), z.string())).optional(),
  os: podOS.optional(),
  overhead: resourceList().optional(),
  preemptionPolicy: z.string().optional(),
  priority: integer('int32').optional(),
  priorityClassName: z.string().optional(),
  readinessGates: atomicList(podReadinessGate).optional(),
  resourceClaims: listMap(podResourceClaim, ['name']).optional(),
  resources: resourceRequirements.optional(),
  restartPolicy: z.string().optional(),
  runtimeClassName: z.string().optional(),
  schedulerName: z.string().optional(),
  schedulingGates: listMap(podSchedulingGate, ['name']).optional(),
  schedulingGroup: podSchedulingGroup.optional(),
  securityContext: podSecurityContext.optional(),
  serviceAccount: z.string().optional(),
  serviceAccountName: z.string().optional(),
  setHostnameAsFQDN: z.boolean().optional(),
  shareProcessNamespace: z.boolean().optional(),
  subdomain: z.string().optional(),
  terminationGracePeriodSeconds: integer('int64').optional(),
  tolerations: atomicList(toleration).optional(),
  topologySpreadConstraints: listMap(topologySpreadConstraint, ['topologyKey', 'whenUnsatisfiable']).optional(),
  volumes: listMap(volume, ['name']).optional(),
});

/** corev1.PodTemplateSpec: template metadata plus the pod spec. Both are optional. */
export const podTemplateSpec = z.object({
  metadata: embeddedObjectMeta.optional(),
  spec: podSpec.optional(),
});

export type PodTemplateSpec = z.infer<typeof podTemplateSpec>;
export type PodSpec = z.infer<typeof podSpec>;
