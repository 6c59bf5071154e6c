// Gateways of Kong's GatewayClasses get a DataPlane (which the DataPlane controller turns into a
// Deployment and Services) and a status, as Kong Gateway Operator provisions them: the DataPlane
// is created with generateName `<gateway>-`, labelled managed-by `gateway`, owned by the Gateway
// (garbage-collected with it), kept equal to what the Gateway and the class's GatewayConfiguration
// ask for. A create not yet seen by the watch is not repeated; duplicates, if any, are removed
// (oldest kept).
import { isNotFound, type KubeClient } from '../runtime/kube-client.ts';
import type { Manager } from '../runtime/manager.ts';
import type { Informer } from '../runtime/informer.ts';
import { updateStatus } from '../runtime/object-writes.ts';
import { PendingCreates } from '../runtime/pending-creates.ts';
import { keyOf, objectKey, splitKey, type KubeObject, type ResourceDescriptor } from '../runtime/types.ts';
import { covers } from '../dataplane/compare.ts';
import { dataPlaneResource, labels } from '../dataplane/constants.ts';
import { DEFAULT_CONTROLLER_NAME } from '../../gateway/class-lookup.ts';
import { dataPlaneSpecFor, gatewayClassProblems, gatewayClassStatus, gatewayStatus } from './desired.ts';

export const gatewayResource: ResourceDescriptor = { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'Gateway', plural: 'gateways', namespaced: true };
export const gatewayClassResource: ResourceDescriptor = { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'GatewayClass', plural: 'gatewayclasses', namespaced: false };
export const httpRouteResource: ResourceDescriptor = { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'HTTPRoute', plural: 'httproutes', namespaced: true };
export const grpcRouteResource: ResourceDescriptor = { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'GRPCRoute', plural: 'grpcroutes', namespaced: true };
export const tlsRouteResource: ResourceDescriptor = { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'TLSRoute', plural: 'tlsroutes', namespaced: true };
/** The route kinds whose attachments the listeners' status counts. */
export const routeResources = [httpRouteResource, grpcRouteResource, tlsRouteResource];
export const namespaceResource: ResourceDescriptor = { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false };
export const gatewayConfigurationResource: ResourceDescriptor = { group: 'gateway-operator.konghq.com', version: 'v2beta1', kind: 'GatewayConfiguration', plural: 'gatewayconfigurations', namespaced: true };

const GATEWAY_OWNER_INDEX = 'gatewayOwner';
const MANAGED_BY_GATEWAY = 'gateway';

type Json = Record<string, unknown>;
const specOf = (obj: KubeObject | undefined): Json => (obj && typeof obj.spec === 'object' && obj.spec !== null ? obj.spec as Json : {});

/** `namespace/name` its parametersRef names, whatever the kind (to wake the class when it appears). */
function parametersKeyOf(gatewayClass: KubeObject): string | undefined {
  const ref = specOf(gatewayClass).parametersRef as { name?: string; namespace?: string } | undefined;
  return ref?.name && ref.namespace ? objectKey(ref.namespace, ref.name) : undefined;
}

/** `namespace/name` of the GatewayConfiguration a class names, if it names one. */
function configurationKeyOf(gatewayClass: KubeObject): string | undefined {
  const ref = specOf(gatewayClass).parametersRef as { group?: string; kind?: string; name?: string; namespace?: string } | undefined;
  if (!ref?.name || ref.group !== gatewayConfigurationResource.group || ref.kind !== gatewayConfigurationResource.kind || !ref.namespace) return undefined;
  return objectKey(ref.namespace, ref.name);
}

export interface GatewayRegistration {
  /** spec.controllerName of Kong's GatewayClasses (default konghq.com/gateway-operator). */
  controllerName?: string;
  concurrency?: number;
}

export function registerGatewayController(manager: Manager, options: GatewayRegistration = {}): void {
  const controllerName = options.controllerName ?? DEFAULT_CONTROLLER_NAME;
  const gateways = manager.informer(gatewayResource);
  const classes = manager.informer(gatewayClassResource);
  const configurations = manager.informer(gatewayConfigurationResource);
  const dataPlanes = manager.informer(dataPlaneResource, {
    [GATEWAY_OWNER_INDEX]: (dp) => (dp.metadata.ownerReferences ?? []).filter((o) => o.kind === 'Gateway' && o.controller).map((o) => objectKey(dp.metadata.namespace, o.name)),
  });
  // Routes only count attachments for the Gateways' listener status (a route CRD not installed is an empty cache).
  const routes = routeResources.map((resource) => manager.informer(resource));
  const namespaces = manager.informer(namespaceResource);
  const reconcile = gatewayReconciler({ client: manager.client, controllerName, gateways, classes, configurations, dataPlanes, routes, namespaces });
  const gatewaysOfClass = (className: string | undefined) => gateways.list().filter((g) => specOf(g).gatewayClassName === className).map(keyOf);
  const configurationExists = (namespace: string, name: string) => configurations.get(namespace, name) !== undefined;
  manager.addController({
    name: 'gatewayclass', for: gatewayClassResource, concurrency: 1,
    reconciler: {
      reconcile: async (key) => {
        const gatewayClass = classes.get(undefined, key);
        if (!gatewayClass || gatewayClass.metadata.deletionTimestamp || specOf(gatewayClass).controllerName !== controllerName) return {};
        const problems = gatewayClassProblems(gatewayClass, configurationExists);
        await updateStatus(manager.client, gatewayClassResource, undefined, key, (c) => { c.status = gatewayClassStatus(c, problems, new Date()); });
        return {};
      },
    },
    watches: [{ resource: gatewayConfigurationResource, map: (cfg) => classes.list().filter((cls) => parametersKeyOf(cls) === keyOf(cfg)).map(keyOf) }],
  });
  manager.addController({
    name: 'gateway', for: gatewayResource, owns: [dataPlaneResource], concurrency: options.concurrency ?? 2,
    reconciler: { reconcile: (key) => reconcile(key) },
    watches: [
      { resource: gatewayClassResource, map: (cls) => gatewaysOfClass(cls.metadata.name) },
      {
        resource: gatewayConfigurationResource,
        map: (cfg) => classes.list().filter((cls) => configurationKeyOf(cls) === keyOf(cfg)).flatMap((cls) => gatewaysOfClass(cls.metadata.name)),
      },
      ...routeResources.map((resource) => ({ resource, map: parentGatewayKeys })),
      // A namespace's labels decide Selector-allowed routes: re-count every Gateway (namespace changes are rare).
      { resource: namespaceResource, map: () => gateways.list().map(keyOf) },
    ],
  });
}

/** `namespace/name` of the Gateways a route's parentRefs name. */
function parentGatewayKeys(route: KubeObject): string[] {
  const refs = Array.isArray(specOf(route).parentRefs) ? (specOf(route).parentRefs as Array<Record<string, unknown>>) : [];
  return refs.filter((r) => (r.group ?? gatewayResource.group) === gatewayResource.group && (r.kind ?? 'Gateway') === 'Gateway' && typeof r.name === 'string')
    .map((r) => objectKey(typeof r.namespace === 'string' ? r.namespace : route.metadata.namespace, r.name as string));
}

interface GatewayReconcilerOptions {
  client: KubeClient;
  controllerName: string;
  gateways: Informer;
  classes: Informer;
  configurations: Informer;
  dataPlanes: Informer;
  routes: Informer[];
  namespaces: Informer;
  now?: () => Date;
}

export function gatewayReconciler(options: GatewayReconcilerOptions) {
  const { client } = options;
  const now = options.now ?? (() => new Date());
  // DataPlanes created but not yet in the cache, by Gateway uid.
  const creates = new PendingCreates();
  return async (key: string): Promise<{ requeueAfter?: number }> => {
    const { namespace, name } = splitKey(key);
    const gateway = options.gateways.get(namespace, name);
    // Gone or being deleted: the owner reference hands the DataPlane to garbage collection.
    if (!gateway || gateway.metadata.deletionTimestamp) return {};
    const gatewayClass = options.classes.get(undefined, String(specOf(gateway).gatewayClassName ?? ''));
    if (!gatewayClass || specOf(gatewayClass).controllerName !== options.controllerName) return {};
    // A class whose parametersRef cannot be used provisions nothing; its own status says why.
    if (gatewayClassProblems(gatewayClass, (ns, n) => options.configurations.get(ns, n) !== undefined).length) return {};
    const configurationKey = configurationKeyOf(gatewayClass);
    const configuration = configurationKey ? options.configurations.get(splitKey(configurationKey).namespace, splitKey(configurationKey).name) : undefined;
    const spec = dataPlaneSpecFor(gateway, configuration);

    const owned = options.dataPlanes.byIndex(GATEWAY_OWNER_INDEX, key)
      .filter((dp) => (dp.metadata.ownerReferences ?? []).some((o) => o.uid === gateway.metadata.uid) && !dp.metadata.deletionTimestamp)
      .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name!.localeCompare(b.metadata.name!));
    let dataPlane = owned[0];
    for (const extra of owned.slice(1)) {
      await client.delete(dataPlaneResource, namespace, extra.metadata.name!).catch((error: unknown) => { if (!isNotFound(error)) throw error; });
    }
    const uid = gateway.metadata.uid ?? '';
    let pending = false;
    if (!dataPlane) {
      if (creates.isPending(uid)) {
        pending = true;
      } else {
        dataPlane = await client.create(dataPlaneResource, {
          apiVersion: `${dataPlaneResource.group}/${dataPlaneResource.version}`, kind: dataPlaneResource.kind,
          metadata: {
            generateName: `${name}-`, namespace,
            labels: { [labels.managedBy]: MANAGED_BY_GATEWAY, [labels.managedByName]: name, [labels.managedByNamespace]: namespace ?? '' },
            ownerReferences: [{ apiVersion: `${gatewayResource.group}/${gatewayResource.version}`, kind: 'Gateway', name, uid, controller: true, blockOwnerDeletion: true }],
          },
          spec,
        } as KubeObject);
        creates.created(uid);
      }
    } else {
      creates.seen(uid);
      // Fields the apiserver defaults are not ours to fight over: only what we set must match.
      if (!covers(spec, dataPlane.spec)) {
        dataPlane = await client.replace(dataPlaneResource, { ...dataPlane, spec });
      }
    }
    const seen = dataPlane;
    const view = {
      routes: options.routes.flatMap((informer) => informer.list()).filter((route) => parentGatewayKeys(route).includes(key)),
      namespaceLabels: (ns: string) => options.namespaces.get(undefined, ns)?.metadata.labels,
    };
    await updateStatus(client, gatewayResource, namespace, name, (g) => { g.status = gatewayStatus(g, seen, now(), view); });
    return pending ? { requeueAfter: 200 } : {};
  };
}
