// corev1.Container (containers, initContainers) and EphemeralContainer, which shares every
// field and adds targetContainerName.
import { z } from 'zod';
import { atomicList, integer, listMap, listSet } from '../../kit.ts';
import { envFromSource, envVar } from './env.ts';
import { lifecycle, probe } from './probes.ts';
import { resourceRequirements } from './resources.ts';
import { securityContext } from './security.ts';

/** corev1.ContainerPort (`protocol` defaults to TCP). */
export const containerPort = z.object({
  containerPort: integer('int32'),
  hostIP: z.string().optional(),
  hostPort: integer('int32').optional(),
  name: z.string().optional(),
  protocol: z.string().default('TCP'),
});

/** corev1.VolumeMount. */
export const volumeMount = z.object({
  mountPath: z.string(),
  mountPropagation: z.string().optional(),
  name: z.string(),
  readOnly: z.boolean().optional(),
  recursiveReadOnly: z.string().optional(),
  subPath: z.string().optional(),
  subPathExpr: z.string().optional(),
});

/** corev1.VolumeDevice. */
export const volumeDevice = z.object({
  devicePath: z.string(),
  name: z.string(),
});

/** corev1.ContainerResizePolicy. */
export const containerResizePolicy = z.object({
  resourceName: z.string(),
  restartPolicy: z.string(),
});

/** corev1.ContainerRestartRuleOnExitCodes. */
export const containerRestartRuleOnExitCodes = z.object({
  operator: z.string(),
  values: listSet(integer('int32')).optional(),
});

/** corev1.ContainerRestartRule. */
export const containerRestartRule = z.object({
  action: z.string(),
  exitCodes: containerRestartRuleOnExitCodes.optional(),
});

const containerFields = {
  args: atomicList(z.string()).optional(),
  command: atomicList(z.string()).optional(),
  env: listMap(envVar, ['name']).optional(),
  envFrom: atomicList(envFromSource).optional(),
  image: z.string().optional(),
  imagePullPolicy: z.string().optional(),
  lifecycle: lifecycle.optional(),
  livenessProbe: probe.optional(),
  name: z.string(),
  ports: listMap(containerPort, ['containerPort', 'protocol']).optional(),
  readinessProbe: probe.optional(),
  resizePolicy: atomicList(containerResizePolicy).optional(),
  resources: resourceRequirements.optional(),
  restartPolicy: z.string().optional(),
  restartPolicyRules: atomicList(containerRestartRule).optional(),
  securityContext: securityContext.optional(),
  startupProbe: probe.optional(),
  stdin: z.boolean().optional(),
  stdinOnce: z.boolean().optional(),
  terminationMessagePath: z.string().optional(),
  terminationMessagePolicy: z.string().optional(),
  tty: z.boolean().optional(),
  volumeDevices: listMap(volumeDevice, ['devicePath']).optional(),
  volumeMounts: listMap(volumeMount, ['mountPath']).optional(),
  workingDir: z.string().optional(),
};

/** corev1.Container. */
export const container = z.object(containerFields);

/** corev1.EphemeralContainer. */
export const ephemeralContainer = z.object({
  ...containerFields,
  targetContainerName: z.string().optional(),
});

/** `containers` / `initContainers`: a list-map keyed by name. */
export function containerList() {
  return listMap(container, ['name']);
}
