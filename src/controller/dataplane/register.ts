// Registers the DataPlane reconciler on the runtime's Manager (shared informers, leader-only
// reconciling): `registerDataPlaneController(manager, { clusterCaNamespace })` from
// src/controller/reconcilers.ts.
import type { KeySource } from '../../certs/keys.ts';
import type { Manager } from '../runtime/manager.ts';
import type { Controller } from '../runtime/controller.ts';
import { coreResources, objectKey } from '../runtime/types.ts';
import { ClusterCa } from './admin-certificate.ts';
import {
  dataPlaneResource, gatewayOperatorKonnectExtensionResource, konnectControlPlaneResource, konnectExtensionResource, labels, MANAGED_BY_VALUE,
} from './constants.ts';
import { byExtension, dependentMappers, EXTENSION_INDEX } from './dependents.ts';
import { byOwnerAndPart, OWNER_PART_INDEX } from './owned-objects.ts';
import { DataPlaneReconciler, type DataPlaneCaches } from './reconciler.ts';

export interface DataPlaneRegistration {
  /** Namespace of kongward's cluster CA Secret (created when missing). */
  clusterCaNamespace: string;
  /** Default `kongward-cluster-ca`. */
  clusterCaName?: string;
  concurrency?: number;
  /** Also watch KonnectExtensions and KonnectGatewayControlPlanes (default true; needs their CRDs). */
  konnect?: boolean;
  keys?: KeySource;
  clock?: () => number;
}

/** Deployments and Services are cached only when kongward manages them, not cluster-wide. */
const MANAGED_SELECTOR = `${labels.managedBy}=${MANAGED_BY_VALUE}`;
const managedDeployments = { ...coreResources.deployment, labelSelector: MANAGED_SELECTOR };
const managedServices = { ...coreResources.service, labelSelector: MANAGED_SELECTOR };

export function registerDataPlaneController(manager: Manager, options: DataPlaneRegistration): { controller: Controller; reconciler: DataPlaneReconciler; caches: DataPlaneCaches } {
  const owned = { [OWNER_PART_INDEX]: byOwnerAndPart };
  const caches: DataPlaneCaches = {
    dataPlanes: manager.informer(dataPlaneResource, { [EXTENSION_INDEX]: byExtension }),
    deployments: manager.informer(managedDeployments, owned),
    services: manager.informer(managedServices, owned),
    // All Secrets: owned ones, the KonnectExtensions' client certificates and the cluster CA.
    secrets: manager.informer(coreResources.secret, owned),
  };
  if (options.konnect !== false) {
    caches.gatewayOperatorExtensions = manager.informer(gatewayOperatorKonnectExtensionResource);
    caches.konnectExtensions = manager.informer(konnectExtensionResource);
    caches.konnectControlPlanes = manager.informer(konnectControlPlaneResource);
  }
  const caName = options.clusterCaName ?? 'kongward-cluster-ca';
  const clusterCa = new ClusterCa({
    client: manager.client, namespace: options.clusterCaNamespace, name: caName,
    ...(options.keys ? { keys: options.keys } : {}), ...(options.clock ? { clock: options.clock } : {}),
    cached: () => caches.secrets.get(options.clusterCaNamespace, caName),
  });
  const reconciler = new DataPlaneReconciler({
    client: manager.client, caches, clusterCa, logger: manager.log,
    ...(options.keys ? { keys: options.keys } : {}), ...(options.clock ? { clock: options.clock } : {}),
  });
  for (const informer of [caches.deployments, caches.services, caches.secrets]) {
    informer.onChange((e) => { if (e.type === 'delete') reconciler.owned.overlay.forget(reconciler.owned.key(informer.resource, e.object)); });
  }
  const deps = dependentMappers(caches, objectKey(options.clusterCaNamespace, caName));
  const controller = manager.addController({
    name: 'dataplane',
    for: dataPlaneResource,
    owns: [managedDeployments, managedServices, coreResources.secret],
    watches: [
      { resource: coreResources.secret, map: deps.secret },
      ...(options.konnect !== false ? [
        { resource: gatewayOperatorKonnectExtensionResource, map: deps.gatewayOperatorExtension },
        { resource: konnectExtensionResource, map: deps.konnectExtension },
        { resource: konnectControlPlaneResource, map: deps.konnectControlPlane },
      ] : []),
    ],
    reconciler: { reconcile: (key) => reconciler.reconcile(key) },
    concurrency: options.concurrency ?? 4,
  });
  return { controller, reconciler, caches };
}
