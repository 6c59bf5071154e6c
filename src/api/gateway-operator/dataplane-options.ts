// DataPlane options shared by DataPlane v1beta1 `spec` and GatewayConfiguration
// `spec.dataPlaneOptions` (v1beta1 and v2beta1). The three differ in small ways (required
// lists, defaults, a few bounds and rules), named here by `variant`.
import { z } from 'zod';
import { cel, integer, intOrString, k8s, withRules } from '../kit.ts';
import { horizontalScaling, podDisruptionBudgetSpec, podTemplateSpec } from '../common/core/index.ts';

/** `dataplane`: DataPlane v1beta1 spec; `gcV1`/`gcV2`: GatewayConfiguration dataPlaneOptions. */
export type DataPlaneOptionsVariant = 'dataplane' | 'gcV1' | 'gcV2';

const promotionStrategy = () => z.enum(['BreakBeforePromotion']).default('BreakBeforePromotion');
const resourcesPlanDefault = { deployment: 'ScaleDownOnPromotionScaleUpOnRollout' as const };

function rollout(variant: DataPlaneOptionsVariant) {
  const plan = z.object({ deployment: z.enum(['ScaleDownOnPromotionScaleUpOnRollout']).default('ScaleDownOnPromotionScaleUpOnRollout') });
  const resources = z.object({ plan: plan.default(resourcesPlanDefault) }).default({ plan: resourcesPlanDefault });
  // v2beta1 dropped the required lists and put a default on `promotion` instead.
  const loose = variant === 'gcV2';
  // `.nonoptional()` after a default: required in the CRD and defaulted (see dataplane-status.ts).
  const promotion = z.object({ strategy: loose ? promotionStrategy() : promotionStrategy().nonoptional() });
  const blueGreen = z.object({
    promotion: loose ? promotion.default({ strategy: 'BreakBeforePromotion' }) : promotion,
    resources,
  });
  const strategy = z.object({ blueGreen: blueGreen.optional() });
  return z.object({ strategy: loose ? strategy.optional() : strategy });
}

function scaling(variant: DataPlaneOptionsVariant) {
  return z.object({ horizontal: horizontalScaling(variant === 'gcV2' ? { maxMetrics: 8 } : {}).optional() });
}

export const replicasAndScalingRule = cel('!(has(self.scaling) && has(self.replicas))', 'Using both replicas and scaling fields is not allowed.');

export function dataPlaneDeploymentOptions(variant: DataPlaneOptionsVariant) {
  return withRules(
    z.object({
      podTemplateSpec: podTemplateSpec.optional(),
      replicas: integer('int32').optional(),
      rollout: rollout(variant).optional(),
      scaling: scaling(variant).optional(),
    }),
    replicasAndScalingRule,
  );
}

const servicePort = z.object({
  name: z.string().optional(),
  nodePort: integer('int32').optional(),
  port: integer('int32'),
  targetPort: intOrString().optional(),
});

const labelValue = z
  .string()
  .min(0)
  .max(63)
  .regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/);

export const nodePortNeedsServiceTypeRule = cel(
  "!has(self.ports) || !(self.ports.exists(p, has(p.nodePort))) ? true : has(self.type) && ['LoadBalancer', 'NodePort'].exists(t, t == self.type)",
  'Cannot set NodePort when service type is not NodePort or LoadBalancer',
);

export const externalTrafficPolicyRule = cel(
  "has(self.type) && self.type == 'ClusterIP' ? !has(self.externalTrafficPolicy) : true",
  'Cannot set ExternalTrafficPolicy for ClusterIP service.',
);

function ingressService(variant: DataPlaneOptionsVariant) {
  const ingress = z.object({
    annotations: z.record(z.string(), z.string()).optional(),
    externalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
    labels: k8s(z.record(z.string(), labelValue), { openapi: { maxProperties: 64 } }).optional(),
    name: (variant === 'gcV2' ? z.string().max(63) : z.string()).optional(),
    // Only DataPlane itself exposes ports; GatewayConfiguration derives them from listeners.
    ...(variant === 'dataplane' ? { ports: z.array(servicePort).max(64).optional() } : {}),
    type: z.enum(['LoadBalancer', 'NodePort', 'ClusterIP']).default('LoadBalancer'),
  });
  return variant === 'dataplane'
    ? withRules(ingress, nodePortNeedsServiceTypeRule, externalTrafficPolicyRule)
    : withRules(ingress, externalTrafficPolicyRule);
}

const konnectCertificate = z.object({
  issuer: z.object({ name: z.string(), namespace: z.string().optional() }),
});

export function dataPlaneNetworkOptions(variant: DataPlaneOptionsVariant) {
  const services = z.object({ ingress: ingressService(variant).optional() });
  return variant === 'dataplane'
    ? z.object({ konnectCertificate: konnectCertificate.optional(), services: services.optional() })
    : z.object({ services: services.optional() });
}

export const dataPlaneResources = z.object({
  podDisruptionBudget: z.object({ spec: podDisruptionBudgetSpec.optional() }).optional(),
});

export function pluginsToInstall(variant: DataPlaneOptionsVariant) {
  if (variant === 'gcV2') {
    return z.array(z.object({ name: z.string().min(1).max(63), namespace: z.string().max(63).optional() })).max(32);
  }
  return z.array(z.object({ name: z.string(), namespace: z.string().optional() }));
}
