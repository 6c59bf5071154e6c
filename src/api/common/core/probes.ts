// corev1 handlers shared by probes and lifecycle hooks, Probe and Lifecycle.
import { z } from 'zod';
import { atomicList, integer, intOrString } from '../../kit.ts';

/** corev1.ExecAction. */
export const execAction = z.object({
  command: atomicList(z.string()).optional(),
});

/** corev1.HTTPHeader (also the shape of corev1.Sysctl). */
export const httpHeader = z.object({
  name: z.string(),
  value: z.string(),
});

/** corev1.HTTPGetAction. */
export const httpGetAction = z.object({
  host: z.string().optional(),
  httpHeaders: atomicList(httpHeader).optional(),
  path: z.string().optional(),
  port: intOrString(),
  scheme: z.string().optional(),
});

/** corev1.TCPSocketAction. */
export const tcpSocketAction = z.object({
  host: z.string().optional(),
  port: intOrString(),
});

/** corev1.GRPCAction. */
export const grpcAction = z.object({
  port: integer('int32'),
  service: z.string().default(''),
});

/** corev1.SleepAction. */
export const sleepAction = z.object({
  seconds: integer('int64'),
});

/** corev1.LifecycleHandler (postStart / preStop). */
export const lifecycleHandler = z.object({
  exec: execAction.optional(),
  httpGet: httpGetAction.optional(),
  sleep: sleepAction.optional(),
  tcpSocket: tcpSocketAction.optional(),
});

/** corev1.Lifecycle. */
export const lifecycle = z.object({
  postStart: lifecycleHandler.optional(),
  preStop: lifecycleHandler.optional(),
  stopSignal: z.string().optional(),
});

/** corev1.Probe (liveness, readiness, startup). */
export const probe = z.object({
  exec: execAction.optional(),
  failureThreshold: integer('int32').optional(),
  grpc: grpcAction.optional(),
  httpGet: httpGetAction.optional(),
  initialDelaySeconds: integer('int32').optional(),
  periodSeconds: integer('int32').optional(),
  successThreshold: integer('int32').optional(),
  tcpSocket: tcpSocketAction.optional(),
  terminationGracePeriodSeconds: integer('int64').optional(),
  timeoutSeconds: integer('int32').optional(),
});
