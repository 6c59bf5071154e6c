import { patched, ruleError, runCases, schemaErrors } from './kind-cases.ts';

const grant = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongReferenceGrant',
  metadata: { name: 'allow-services', namespace: 'konnect' },
  spec: {
    from: [{ group: 'configuration.konghq.com', kind: 'KongService', namespace: 'apps' }],
    to: [{ group: 'konnect.konghq.com', kind: 'KonnectGatewayControlPlane', name: 'cp' }],
  },
};
const from = (entry: Record<string, unknown>) => patched(grant, { spec: { from: [entry] } });
const to = (entry: Record<string, unknown>) => patched(grant, { spec: { to: [entry] } });

runCases('KongReferenceGrant v1alpha1', [
  { name: 'a grant from KongService to a control plane is accepted', object: grant, errors: [] },
  { name: 'a grant from a KongVault (no namespace) to a Secret is accepted',
    object: patched(grant, { spec: { from: [{ group: 'configuration.konghq.com', kind: 'KongVault', namespace: '' }], to: [{ group: 'core', kind: 'Secret' }] } }),
    errors: [] },
  { name: 'from and to are required', object: patched(grant, { spec: { from: undefined, to: undefined } }),
    errors: schemaErrors('spec.from: Required value', 'spec.to: Required value') },
  { name: 'from must not be empty', object: patched(grant, { spec: { from: [] } }),
    errors: ['spec.from: Invalid value: 0: spec.from in body should have at least 1 items'] },
  { name: 'at most 16 to entries', object: patched(grant, { spec: { to: Array.from({ length: 17 }, () => grant.spec.to[0]) } }),
    errors: schemaErrors('spec.to: Too many: 17: must have at most 16 items') },
  { name: 'from kinds of configuration.konghq.com are limited', object: from({ group: 'configuration.konghq.com', kind: 'KongPlugin', namespace: 'apps' }),
    errors: [ruleError('spec.from[0]', "Only KongConsumer, KongConsumerGroup, KongRoute, KongCertificate, KongCACertificate, KongDataPlaneClientCertificate, KongService, KongUpstream, KongTarget, KongKey, KongKeySet, KongVault, KongPluginBinding and KongSNI kinds are supported for 'configuration.konghq.com' group")] },
  { name: 'from kinds of gateway-operator.konghq.com are limited', object: from({ group: 'gateway-operator.konghq.com', kind: 'DataPlane', namespace: 'apps' }),
    errors: [ruleError('spec.from[0]', "Only GatewayConfiguration kind is supported for 'gateway-operator.konghq.com' group")] },
  { name: 'a KongVault source has no namespace', object: from({ group: 'configuration.konghq.com', kind: 'KongVault', namespace: 'apps' }),
    errors: [ruleError('spec.from[0]', 'namespace must be empty for KongVault and non-empty for other kinds')] },
  { name: 'other sources name their namespace', object: from({ group: 'configuration.konghq.com', kind: 'KongRoute', namespace: '' }),
    errors: [ruleError('spec.from[0]', 'namespace must be empty for KongVault and non-empty for other kinds')] },
  { name: 'from namespace is a DNS label', object: from({ group: 'configuration.konghq.com', kind: 'KongRoute', namespace: 'Apps' }),
    errors: ['spec.from[0].namespace: Invalid value: "Apps": spec.from[0].namespace in body should match \'^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?$\''] },
  { name: 'core targets are Secrets only', object: to({ group: 'core', kind: 'ConfigMap' }),
    errors: [ruleError('spec.to[0]', "Only 'Secret' kind is supported for 'core' group")] },
  { name: 'konnect targets are limited', object: to({ group: 'konnect.konghq.com', kind: 'KonnectExtension' }),
    errors: [ruleError('spec.to[0]', "Only 'KonnectGatewayControlPlane', 'KonnectAPIAuthConfiguration', 'Portal', 'KonnectEventGateway', 'EventGatewayBackendCluster', 'EventGatewayListener' and 'EventGatewayVirtualCluster' kinds are supported for 'konnect.konghq.com' group")] },
  { name: 'configuration targets are limited', object: to({ group: 'configuration.konghq.com', kind: 'KongRoute' }),
    errors: [ruleError('spec.to[0]', "Only 'KongPlugin', 'KongService', 'KongCertificate', 'KongCACertificate' and 'KongUpstream' kinds are supported for 'configuration.konghq.com' group")] },
  { name: 'a KongPlugin target is accepted', object: to({ group: 'configuration.konghq.com', kind: 'KongPlugin', name: 'p' }), errors: [] },
]);
