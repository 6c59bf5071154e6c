// GatewayConfiguration gateway-operator.konghq.com: v1beta1 <-> v2beta1 (hub). Per
// ../shared/reference/kgo-facts.md section 4: dataPlaneOptions carried field by field,
// controlPlaneOptions converted as a ControlPlane's, the three v1beta1 extension lists merged
// into v2beta1 `spec.extensions` and split back, listenersOptions and status as they are.
import type { KindConversion, KubeObject } from '../types.ts';
import { ingressClassFromEnv, INGRESS_CLASS_ENV, isRecord, optionsFromHub, optionsToHub, type Obj } from './controlplane-options.ts';

const DEFAULT_EXTENSION_GROUP = 'gateway-operator.konghq.com';

function extensionsOf(holder: unknown): Obj[] {
  return isRecord(holder) && Array.isArray(holder.extensions) ? holder.extensions.filter(isRecord) : [];
}

function extensionKey(ref: Obj): string {
  return JSON.stringify([ref.group ?? DEFAULT_EXTENSION_GROUP, ref.kind, ref.namespace ?? '', ref.name]);
}

/**
 * spec, dataPlaneOptions and controlPlaneOptions extensions, in that order, each reference once.
 * (KO means to deduplicate but calls lo.FindUniques, which drops every reference listed twice.)
 */
function mergeExtensions(spec: Obj): Obj[] {
  const seen = new Map<string, Obj>();
  for (const ref of [...extensionsOf(spec), ...extensionsOf(spec.dataPlaneOptions), ...extensionsOf(spec.controlPlaneOptions)]) {
    const key = extensionKey(ref);
    if (!seen.has(key)) seen.set(key, ref);
  }
  return [...seen.values()];
}

const isMetricsExtension = (ref: Obj): boolean =>
  (ref.group ?? DEFAULT_EXTENSION_GROUP) === DEFAULT_EXTENSION_GROUP && ref.kind === 'DataPlaneMetricsExtension';

function withoutKey(object: Obj, key: string): Obj {
  const { [key]: _dropped, ...rest } = object;
  return rest;
}

/** v1beta1 requires rollout.strategy and blueGreen.promotion.strategy; v2beta1 defaults them (to the same values). */
function rolloutForV1beta1(dataPlaneOptions: Obj): void {
  const deployment = dataPlaneOptions.deployment;
  if (!isRecord(deployment) || !isRecord(deployment.rollout)) return;
  const rollout = deployment.rollout;
  if (!isRecord(rollout.strategy)) rollout.strategy = {};
  const blueGreen = (rollout.strategy as Obj).blueGreen;
  if (!isRecord(blueGreen)) return;
  if (!isRecord(blueGreen.promotion)) blueGreen.promotion = {};
  const promotion = blueGreen.promotion as Obj;
  if (promotion.strategy === undefined) promotion.strategy = 'BreakBeforePromotion';
}

function toHub(object: KubeObject): KubeObject {
  const v1 = isRecord(object.spec) ? object.spec : {};
  const spec: Obj = {};
  if (isRecord(v1.dataPlaneOptions)) spec.dataPlaneOptions = withoutKey(v1.dataPlaneOptions, 'extensions');
  if (isRecord(v1.controlPlaneOptions)) {
    const path = 'spec.controlPlaneOptions';
    // KO refuses controlPlaneOptions.dataplane. A Gateway's ControlPlane always targets the
    // Gateway's own DataPlane, so the field never had an effect: v2beta1 has no home for it and
    // the stash keeps it for v1beta1 readers instead of failing the conversion.
    const options = optionsToHub(v1.controlPlaneOptions, path);
    const ingressClass = ingressClassFromEnv(v1.controlPlaneOptions, path);
    if (ingressClass !== undefined) options.ingressClass = ingressClass;
    spec.controlPlaneOptions = options;
  }
  const extensions = mergeExtensions(v1);
  if (extensions.length) spec.extensions = extensions;
  if (v1.listenersOptions !== undefined) spec.listenersOptions = v1.listenersOptions;
  return { ...object, spec };
}

function fromHub(object: KubeObject): KubeObject {
  const v2 = isRecord(object.spec) ? object.spec : {};
  const spec: Obj = {};
  const extensions = extensionsOf(v2);
  const metrics = extensions.filter(isMetricsExtension);
  // KonnectExtension (and, unlike KO which drops them, any other kind) stays at the Gateway level.
  const gatewayLevel = extensions.filter((ref) => !isMetricsExtension(ref));
  if (gatewayLevel.length) spec.extensions = gatewayLevel;
  if (isRecord(v2.dataPlaneOptions)) {
    spec.dataPlaneOptions = v2.dataPlaneOptions;
    rolloutForV1beta1(spec.dataPlaneOptions as Obj);
  }
  if (isRecord(v2.controlPlaneOptions)) {
    const ingressClass = v2.controlPlaneOptions.ingressClass;
    const extraEnv = typeof ingressClass === 'string' ? [{ name: INGRESS_CLASS_ENV, value: ingressClass }] : [];
    spec.controlPlaneOptions = optionsFromHub(v2.controlPlaneOptions, extraEnv);
  }
  // DataPlaneMetricsExtension belongs to the ControlPlane in v1beta1 (KO drops it when there are no controlPlaneOptions).
  if (metrics.length) spec.controlPlaneOptions = { ...(spec.controlPlaneOptions as Obj | undefined), extensions: metrics };
  if (v2.listenersOptions !== undefined) spec.listenersOptions = v2.listenersOptions;
  return { ...object, spec };
}

export const gatewayConfigurationConversion: KindConversion = {
  group: 'gateway-operator.konghq.com',
  kind: 'GatewayConfiguration',
  hub: 'v2beta1',
  spokes: { v1beta1: { toHub, fromHub } },
};
