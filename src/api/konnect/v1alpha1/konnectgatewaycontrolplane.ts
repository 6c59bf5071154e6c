// KonnectGatewayControlPlane v1alpha1 (deprecated, served; storage is v1alpha2): the Konnect
// CreateControlPlaneRequest fields sit inline in spec. Mirrors the v1alpha1 entry of the
// Kong Operator v2.2.3 CRD.
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import { konnectConfiguration } from '../../common/konnect-auth-ref.ts';
import type { VersionDefinition } from '../../types.ts';
import {
  authRefFrozenRules,
  controlPlanePrinterColumns,
  controlPlaneStatusShape,
  createControlPlaneRequestShape,
  members,
  mirror,
  source,
} from '../control-plane-shared.ts';

export const konnectGatewayControlPlaneV1alpha1Spec = withRules(
  z.object({
    ...createControlPlaneRequestShape,
    konnect: konnectConfiguration.optional(),
    members: members.optional(),
    mirror: mirror.optional(),
    source,
  }),
  cel('has(self.labels) ? size(self.labels) <= 40 : true', 'spec.labels must not have more than 40 entries'),
  cel('has(self.labels) ? self.labels.all(key, size(key) >= 1 && size(key) <= 63) : true', 'spec.labels keys must be of length 1-63 characters'),
  cel(
    'has(self.labels) ? self.labels.all(key, size(self.labels[key]) >= 1 && size(self.labels[key]) <= 63) : true',
    'spec.labels values must be of length 1-63 characters',
  ),
  cel(
    "has(self.labels) ? self.labels.all(key, !key.startsWith('k8s') && !key.startsWith('kong') && !key.startsWith('konnect') && !key.startsWith('mesh') && !key.startsWith('kic') && !key.startsWith('_') && !key.startsWith('insomnia')) : true",
    "spec.labels keys must not start with 'k8s', 'kong', 'konnect', 'mesh', 'kic', 'insomnia' or '_'",
  ),
  cel(
    "has(self.labels) ? self.labels.all(key, key.matches('^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$')) : true",
    "spec.labels keys must satisfy the '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$' pattern",
  ),
  cel(
    "!has(self.cluster_type) ? true : ['CLUSTER_TYPE_CONTROL_PLANE_GROUP', 'CLUSTER_TYPE_CONTROL_PLANE', 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER'].exists(ct, ct == self.cluster_type)",
    "when specified, spec.cluster_type must be one of 'CLUSTER_TYPE_CONTROL_PLANE_GROUP', 'CLUSTER_TYPE_CONTROL_PLANE' or 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER'",
  ),
  cel(
    "(has(self.cluster_type) && self.cluster_type != 'CLUSTER_TYPE_CONTROL_PLANE_GROUP') ? !has(self.members) : true",
    'spec.members is only applicable for ControlPlanes that are created as groups',
  ),
  cel('!has(self.cluster_type) ? !has(oldSelf.cluster_type) : self.cluster_type == oldSelf.cluster_type', 'spec.cluster_type is immutable'),
  cel(
    "has(self.cluster_type) && self.cluster_type == 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER' ? !has(self.cloud_gateway) : true",
    "cloud_gateway cannot be set for cluster_type 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER'",
  ),
  cel(
    "self.source == 'Mirror' ? !has(self.name) && !has(self.description) && !has(self.cluster_type) && !has(self.auth_type) && !has(self.cloud_gateway) && !has(self.proxy_urls) && !has(self.labels) : true",
    'createControlPlaneRequest fields cannot be set for type Mirror',
  ),
  cel('self.source == oldSelf.source', 'spec.source is immutable'),
  cel("self.source == 'Mirror' ? has(self.mirror) : true", 'mirror field must be set for type Mirror'),
  cel("self.source == 'Origin' ? !has(self.mirror) : true", 'mirror field cannot be set for type Origin'),
  cel("self.source == 'Origin' ? has(self.name) : true", 'Name must be set for type Origin'),
);

export const konnectGatewayControlPlaneV1alpha1Status = z.object(controlPlaneStatusShape);

export const konnectGatewayControlPlaneV1alpha1Schema = resource({
  spec: konnectGatewayControlPlaneV1alpha1Spec,
  status: konnectGatewayControlPlaneV1alpha1Status,
  rules: authRefFrozenRules,
});

export type KonnectGatewayControlPlaneV1alpha1 = z.output<typeof konnectGatewayControlPlaneV1alpha1Schema>;

export const konnectGatewayControlPlaneV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: false,
  deprecated: true,
  deprecationWarning: 'This API version has been deprecated in favor of v1alpha2 and it will be removed in the future.',
  schema: konnectGatewayControlPlaneV1alpha1Schema,
  subresources: { status: true },
  printerColumns: controlPlanePrinterColumns,
};
