// DataPlane v1beta1 (Kong Operator v2.2.3, the only version): a Kong Gateway deployment.
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';
import { dataPlaneExtensionsRule, extensionList } from '../extension-ref.ts';
import {
  dataPlaneDeploymentOptions,
  dataPlaneNetworkOptions,
  dataPlaneResources,
  pluginsToInstall,
} from '../dataplane-options.ts';
import { dataPlaneStatus } from '../dataplane-status.ts';
import { dataPlanePortsCheck } from '../dataplane-ports-check.ts';

export const dataPlaneSpecV1beta1 = withRules(
  z.object({
    deployment: dataPlaneDeploymentOptions('dataplane').optional(),
    extensions: extensionList({ maxItems: 1, minItems: 0 }).optional(),
    network: dataPlaneNetworkOptions('dataplane').optional(),
    pluginsToInstall: pluginsToInstall('dataplane').optional(),
    resources: dataPlaneResources.optional(),
  }),
  dataPlaneExtensionsRule,
);

export const dataPlaneV1beta1Schema = resource({
  spec: dataPlaneSpecV1beta1,
  status: dataPlaneStatus,
  rules: [
    cel(
      "has(self.spec.deployment.podTemplateSpec) && has(self.spec.deployment.podTemplateSpec.spec.containers) && self.spec.deployment.podTemplateSpec.spec.containers.exists(c, c.name == 'proxy' && has(c.image))",
      'DataPlane requires an image to be set on proxy container',
    ),
    cel(
      "!has(self.spec.deployment.podTemplateSpec) ? true : ( self.spec.deployment.podTemplateSpec.spec.containers.size() == 0 || self.spec.deployment.podTemplateSpec.spec.containers[0].name == 'proxy' ? (!has(self.spec.deployment.podTemplateSpec.spec.containers[0].env) ? true : self.spec.deployment.podTemplateSpec.spec.containers[0].env.all(e, e.name != 'KONG_DATABASE' || e.value == 'off' || size(e.value)==0)) : true)",
      "DataPlane supports only db mode 'off'",
    ),
    cel(
      "(self.spec != oldSelf.spec && has(self.status) && has(self.status.rollout) && has(self.status.rollout.conditions)) ? self.status.rollout.conditions.all(c, c.type != 'RolledOut' || c.reason != 'PromotionInProgress') : true",
      'DataPlane spec cannot be updated when promotion is in progress',
    ),
    cel(
      '!has(self.spec.extensions) || self.spec.extensions.all(e, ( !has(e.__namespace__)))',
      'Cross namespace references not allowed for extension references',
    ),
  ],
});

/** The object after defaults (what the controller and converters read). */
export type DataPlaneV1beta1 = z.output<typeof dataPlaneV1beta1Schema>;

export const dataPlaneV1beta1: VersionDefinition = {
  name: 'v1beta1',
  served: true,
  storage: true,
  schema: dataPlaneV1beta1Schema,
  printerColumns: [
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Age' },
    { name: 'Ready', type: 'string', jsonPath: ".status.conditions[?(@.type=='Ready')].status", description: 'The Resource is ready' },
  ],
  subresources: {
    status: true,
    scale: { specReplicasPath: '.spec.deployment.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' },
  },
  checks: [dataPlanePortsCheck],
};

export const dataPlaneKind: KindDefinition = {
  group: 'gateway-operator.konghq.com',
  kind: 'DataPlane',
  plural: 'dataplanes',
  singular: 'dataplane',
  listKind: 'DataPlaneList',
  scope: 'Namespaced',
  shortNames: ['kodp'],
  categories: ['kong'],
  versions: [dataPlaneV1beta1],
};
