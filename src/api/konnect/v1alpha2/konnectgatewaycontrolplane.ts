// KonnectGatewayControlPlane v1alpha2 (storage): the Konnect CreateControlPlaneRequest moved
// under spec.createControlPlaneRequest; Mirror control planes carry none. Mirrors Kong
// Operator v2.2.3.
import { z } from 'zod';
import { cel, resource, withRules } from '../../kit.ts';
import { konnectNamespacedAuthRef } from '../../common/konnect-auth-ref.ts';
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

export const createControlPlaneRequest = z.object({ ...createControlPlaneRequestShape, name: z.string() });

const CPR = 'has(self.createControlPlaneRequest) && has(self.createControlPlaneRequest.labels)';

export const konnectGatewayControlPlaneV1alpha2Spec = withRules(
  z.object({
    createControlPlaneRequest: createControlPlaneRequest.optional(),
    konnect: z.object({ authRef: konnectNamespacedAuthRef }).optional(),
    members: members.optional(),
    mirror: mirror.optional(),
    source,
  }),
  cel(`${CPR} ? size(self.createControlPlaneRequest.labels) <= 40 : true`, 'spec.createControlPlaneRequest.labels must not have more than 40 entries'),
  cel(
    `${CPR} ? self.createControlPlaneRequest.labels.all(key, size(key) >= 1 && size(key) <= 63) : true`,
    'spec.createControlPlaneRequest.labels keys must be of length 1-63 characters',
  ),
  cel(
    `${CPR} ? self.createControlPlaneRequest.labels.all(key, size(self.createControlPlaneRequest.labels[key]) >= 1 && size(self.createControlPlaneRequest.labels[key]) <= 63) : true`,
    'spec.createControlPlaneRequest.labels values must be of length 1-63 characters',
  ),
  cel(
    `${CPR} ? self.createControlPlaneRequest.labels.all(key, !key.startsWith('k8s') && !key.startsWith('kong') && !key.startsWith('konnect') && !key.startsWith('mesh') && !key.startsWith('kic') && !key.startsWith('_') && !key.startsWith('insomnia')) : true`,
    "spec.createControlPlaneRequest.labels keys must not start with 'k8s', 'kong', 'konnect', 'mesh', 'kic', 'insomnia' or '_'",
  ),
  cel(
    `${CPR} ? self.createControlPlaneRequest.labels.all(key, key.matches('^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$')) : true`,
    "spec.createControlPlaneRequest.labels keys must satisfy the '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$' pattern",
  ),
  cel(
    "(has(self.createControlPlaneRequest) && has(self.createControlPlaneRequest.cluster_type) && self.createControlPlaneRequest.cluster_type != 'CLUSTER_TYPE_CONTROL_PLANE_GROUP') ? !has(self.members) : true",
    'spec.members is only applicable for ControlPlanes that are created as groups',
  ),
  cel(
    "!has(self.createControlPlaneRequest) || !has(self.createControlPlaneRequest.cluster_type) ? true : ['CLUSTER_TYPE_CONTROL_PLANE_GROUP', 'CLUSTER_TYPE_CONTROL_PLANE', 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER'].exists(ct, ct == self.createControlPlaneRequest.cluster_type)",
    "when specified, spec.createControlPlaneRequest.cluster_type must be one of 'CLUSTER_TYPE_CONTROL_PLANE_GROUP', 'CLUSTER_TYPE_CONTROL_PLANE' or 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER'",
  ),
  cel(
    '!has(self.createControlPlaneRequest) && !has(oldSelf.createControlPlaneRequest) ? true : (has(self.createControlPlaneRequest) && has(oldSelf.createControlPlaneRequest) && (!has(self.createControlPlaneRequest.cluster_type) ? !has(oldSelf.createControlPlaneRequest.cluster_type) : self.createControlPlaneRequest.cluster_type == oldSelf.createControlPlaneRequest.cluster_type))',
    'spec.createControlPlaneRequest.cluster_type is immutable',
  ),
  cel(
    "has(self.createControlPlaneRequest) && has(self.createControlPlaneRequest.cluster_type) && self.createControlPlaneRequest.cluster_type == 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER' ? !has(self.createControlPlaneRequest.cloud_gateway) : true",
    "spec.createControlPlaneRequest.cloud_gateway cannot be set for spec.createControlPlaneRequest.cluster_type 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER'",
  ),
  cel("has(self.source) && self.source == 'Mirror' ? !has(self.createControlPlaneRequest) : true", 'createControlPlaneRequest fields cannot be set for type Mirror'),
  cel('!has(self.source) && !has(oldSelf.source) ? true : self.source == oldSelf.source', 'spec.source is immutable'),
  cel("self.source == 'Mirror' ? has(self.mirror) : true", 'mirror field must be set for type Mirror'),
  cel("self.source == 'Origin' ? !has(self.mirror) : true", 'mirror field cannot be set for type Origin'),
  cel(
    "self.source == 'Origin' ? has(self.createControlPlaneRequest) && has(self.createControlPlaneRequest.name) : true",
    'spec.createControlPlaneRequest must be set for type Origin',
  ),
);

export const konnectGatewayControlPlaneV1alpha2Status = z.object({
  ...controlPlaneStatusShape,
  clusterType: z.string().optional(),
});

export const konnectGatewayControlPlaneV1alpha2Schema = resource({
  spec: konnectGatewayControlPlaneV1alpha2Spec,
  status: konnectGatewayControlPlaneV1alpha2Status,
  required: ['spec'],
  rules: authRefFrozenRules,
});

export type KonnectGatewayControlPlaneV1alpha2 = z.output<typeof konnectGatewayControlPlaneV1alpha2Schema>;

export const konnectGatewayControlPlaneV1alpha2: VersionDefinition = {
  name: 'v1alpha2',
  served: true,
  storage: true,
  schema: konnectGatewayControlPlaneV1alpha2Schema,
  subresources: { status: true },
  printerColumns: [...controlPlanePrinterColumns, { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Age' }],
};
