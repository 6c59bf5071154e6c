// What the controller touches, read from the reconcilers themselves so the RBAC follows the code.
import { dataPlaneResource, gatewayOperatorKonnectExtensionResource, konnectExtensionResource } from '../controller/dataplane/constants.ts';
import { authResource } from '../controller/konnect/auth-reconciler.ts';
import { entityKinds } from '../controller/konnect/entity-kinds.ts';
import { credentialTypes } from '../controller/konnect/consumer-credentials.ts';
import { referenceGrantResource } from '../controller/konnect/grants.ts';
import { controlPlaneResource } from '../controller/konnect/references.ts';
import { findKind } from '../api/registry.ts';
import { gatewayClassResource, gatewayConfigurationResource, gatewayResource, namespaceResource, routeResources } from '../controller/gateway/register.ts';

type Resource = { group: string; plural: string };

/** Kinds whose finalizers, status and (for adoption and owner references) metadata it writes. */
export function reconciledResources(): Resource[] {
  return [dataPlaneResource, gatewayResource, gatewayClassResource, authResource, controlPlaneResource, ...entityKinds.map((k) => k.resource)];
}

/** Kinds it creates and deletes itself: DataPlanes for Gateways, credentials made from KongConsumer `credentials` Secrets. */
export function managedResources(): Resource[] {
  const kinds = new Set(Object.values(credentialTypes).map((t) => t.kind));
  return [dataPlaneResource, ...entityKinds.filter((k) => kinds.has(k.kind)).map((k) => k.resource)];
}

/** Kinds it only reads (references, extensions, grants). */
export function readResources(): Resource[] {
  return [konnectExtensionResource, gatewayOperatorKonnectExtensionResource, referenceGrantResource, gatewayConfigurationResource, ...routeResources, namespaceResource];
}

/** KongPlugin and KongClusterPlugin: read for bindings (config, configFrom). */
export function konnectPluginKindResources(): Resource[] {
  return ['KongPlugin', 'KongClusterPlugin'].map((kind) => ({ group: 'configuration.konghq.com', plural: findKind('configuration.konghq.com', kind)!.plural }));
}
