// The webhook's optional cluster connection: watch-backed caches for lookups that need other
// objects (which GatewayClasses are Kong's; reference checks). On with --kubeconfig or inside a
// Pod; without it the webhook runs on intrinsic rules alone.
import { KubeConfig } from '@kubernetes/client-node';
import { KubeClient } from '../controller/runtime/kube-client.ts';
import { informGatewayClasses } from '../gateway/cached-class-lookup.ts';
import type { GatewayClassLookup } from '../gateway/class-lookup.ts';
import type { Logger } from '../log.ts';
import { ClusterReferenceLookup, type ReferenceLookup } from '../references/index.ts';

export interface ClusterCaches {
  client: KubeClient;
  gatewayClasses: GatewayClassLookup;
  references: ReferenceLookup;
  /** True once every cache has stored its first LIST. */
  synced(): boolean;
  stop(): Promise<void>;
}

export function clusterConfig(kubeconfig: string | undefined): KubeConfig | undefined {
  if (!kubeconfig && !process.env.KUBERNETES_SERVICE_HOST) return undefined;
  const kc = new KubeConfig();
  if (kubeconfig) kc.loadFromFile(kubeconfig);
  else kc.loadFromCluster();
  return kc;
}

export function startClusterCaches(kubeConfig: KubeConfig, logger: Logger): ClusterCaches {
  const client = new KubeClient(kubeConfig);
  const gateway = informGatewayClasses(client, { logger });
  const references = new ClusterReferenceLookup({ kubeConfig, logger });
  gateway.informer.start();
  references.start();
  return {
    client,
    gatewayClasses: gateway.lookup,
    references,
    synced: () => gateway.informer.hasSynced() && references.synced(),
    stop: async () => {
      await Promise.all([gateway.informer.stop(), references.stop()]);
    },
  };
}
