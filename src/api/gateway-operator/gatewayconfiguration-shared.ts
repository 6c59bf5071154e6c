// Pieces both GatewayConfiguration versions share: listener options and their rules, and the
// `dataPlaneOptions` object built from the DataPlane options.
import { z } from 'zod';
import { cel, integer, withRules } from '../kit.ts';
import { dataPlaneExtensionsRule, extensionList } from './extension-ref.ts';
import {
  dataPlaneDeploymentOptions,
  dataPlaneNetworkOptions,
  dataPlaneResources,
  pluginsToInstall,
} from './dataplane-options.ts';

export const listenersOptions = withRules(
  z
    .array(
      z.object({
        name: z
          .string()
          .min(1)
          .max(253)
          .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/),
        nodePort: integer('int32').min(1).max(65535),
      }),
    )
    .max(64),
  cel('self.all(l1, self.exists_one(l2, l1.name == l2.name))', 'Listener name must be unique within the Gateway'),
  cel('self.all(l1, !has(l1.nodePort) || self.exists_one(l2, l1.nodePort == l2.nodePort))', 'Nodeport must be unique within the Gateway if specified'),
);

/** Rule on GatewayConfiguration `spec` (both versions; the double space is upstream's). */
export const listenerNodePortNeedsServiceTypeRule = cel(
  "(has(self.dataPlaneOptions) && has(self.dataPlaneOptions.network) && has(self.dataPlaneOptions.network.services) &&  has(self.dataPlaneOptions.network.services.ingress) && (self.dataPlaneOptions.network.services.ingress.type == 'LoadBalancer' || self.dataPlaneOptions.network.services.ingress.type == 'NodePort')) ? true : (!has(self.listenersOptions) || self.listenersOptions.all(l,!has(l.nodePort)))",
  "Can only specify listener's NodePort when the type of service for dataplane to receive ingress traffic ('spec.dataPlaneOptions.network.services.ingress') is NodePort or LoadBalancer",
);

/** v1beta1 `dataPlaneOptions`: DataPlane options with its own (non-Konnect) extensions. */
export const gatewayConfigurationDataPlaneOptionsV1beta1 = withRules(
  z.object({
    deployment: dataPlaneDeploymentOptions('gcV1').optional(),
    extensions: extensionList({ maxItems: 1, minItems: 0 }).optional(),
    network: dataPlaneNetworkOptions('gcV1').optional(),
    pluginsToInstall: pluginsToInstall('gcV1').optional(),
    resources: dataPlaneResources.optional(),
  }),
  dataPlaneExtensionsRule,
);

/** v2beta1 `dataPlaneOptions`: no extensions (they moved to `spec.extensions`/`spec.konnect`). */
export const gatewayConfigurationDataPlaneOptionsV2beta1 = z.object({
  deployment: dataPlaneDeploymentOptions('gcV2').optional(),
  network: dataPlaneNetworkOptions('gcV2').optional(),
  pluginsToInstall: pluginsToInstall('gcV2').optional(),
  resources: dataPlaneResources.optional(),
});
