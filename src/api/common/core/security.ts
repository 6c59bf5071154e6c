// corev1.SecurityContext (container) and PodSecurityContext with their option types.
import { z } from 'zod';
import { atomicList, integer } from '../../kit.ts';
import { httpHeader } from './probes.ts';

/** corev1.AppArmorProfile / SeccompProfile (same shape). */
export const profile = z.object({
  localhostProfile: z.string().optional(),
  type: z.string(),
});
export const appArmorProfile = profile;
export const seccompProfile = profile;

/** corev1.Capabilities. */
export const capabilities = z.object({
  add: atomicList(z.string()).optional(),
  drop: atomicList(z.string()).optional(),
});

/** corev1.SELinuxOptions. */
export const seLinuxOptions = z.object({
  level: z.string().optional(),
  role: z.string().optional(),
  type: z.string().optional(),
  user: z.string().optional(),
});

/** corev1.WindowsSecurityContextOptions. */
export const windowsSecurityContextOptions = z.object({
  gmsaCredentialSpec: z.string().optional(),
  gmsaCredentialSpecName: z.string().optional(),
  hostProcess: z.boolean().optional(),
  runAsUserName: z.string().optional(),
});

/** corev1.Sysctl (name/value, the same shape as an HTTP header). */
export const sysctl = httpHeader;

/** corev1.SecurityContext (per container). */
export const securityContext = z.object({
  allowPrivilegeEscalation: z.boolean().optional(),
  appArmorProfile: appArmorProfile.optional(),
  capabilities: capabilities.optional(),
  privileged: z.boolean().optional(),
  procMount: z.string().optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
  runAsGroup: integer('int64').optional(),
  runAsNonRoot: z.boolean().optional(),
  runAsUser: integer('int64').optional(),
  seLinuxOptions: seLinuxOptions.optional(),
  seccompProfile: seccompProfile.optional(),
  windowsOptions: windowsSecurityContextOptions.optional(),
});

/** corev1.PodSecurityContext. */
export const podSecurityContext = z.object({
  appArmorProfile: appArmorProfile.optional(),
  fsGroup: integer('int64').optional(),
  fsGroupChangePolicy: z.string().optional(),
  runAsGroup: integer('int64').optional(),
  runAsNonRoot: z.boolean().optional(),
  runAsUser: integer('int64').optional(),
  seLinuxChangePolicy: z.string().optional(),
  seLinuxOptions: seLinuxOptions.optional(),
  seccompProfile: seccompProfile.optional(),
  supplementalGroups: atomicList(integer('int64')).optional(),
  supplementalGroupsPolicy: z.string().optional(),
  sysctls: atomicList(sysctl).optional(),
  windowsOptions: windowsSecurityContextOptions.optional(),
});
