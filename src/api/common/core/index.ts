// Kubernetes core API types embedded in the gateway-operator.konghq.com CRDs, one import point.
export * from './affinity.ts';
export * from './containers.ts';
export * from './env.ts';
export * from './ephemeral-volume.ts';
export * from './pod.ts';
export * from './probes.ts';
export * from './quantities.ts';
export * from './references.ts';
export * from './resources.ts';
export * from './scheduling.ts';
export * from './security.ts';
export * from './volume-projections.ts';
export * from './volume-sources.ts';
export * from './volumes.ts';
export * from './autoscaling.ts';
export * from './disruption.ts';
