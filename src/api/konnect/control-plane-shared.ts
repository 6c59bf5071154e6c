// Pieces both KonnectGatewayControlPlane versions share: the Konnect CreateControlPlaneRequest
// fields (inline in v1alpha1, under spec.createControlPlaneRequest in v1alpha2), members,
// mirror, source and the status. Endpoints are also reported by KonnectExtension.
import { z } from 'zod';
import { atomicStruct, cel, integer } from '../kit.ts';
import { conditionsPending } from '../common/pending-conditions.ts';

/** Konnect's CreateControlPlaneRequest fields, all optional here (v1alpha2 requires name). */
export const createControlPlaneRequestShape = {
  auth_type: z.string().optional(),
  cloud_gateway: z.boolean().optional(),
  cluster_type: z.string().optional(),
  description: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  name: z.string().optional(),
  proxy_urls: z
    .array(z.object({ host: z.string(), port: integer('int64'), protocol: z.string() }))
    .optional(),
};

/** `spec.members`: control planes grouped under a CLUSTER_TYPE_CONTROL_PLANE_GROUP. */
export const members = z.array(atomicStruct(z.object({ name: z.string().default('') })));

/** `spec.mirror`: an existing Konnect control plane (by UUID) mirrored instead of created. */
export const mirror = z.object({
  konnect: z.object({
    id: z
      .string()
      .max(36)
      .regex(/^[0-9a-f]{8}(?:\-[0-9a-f]{4}){3}-[0-9a-f]{12}$/),
  }),
});

export const source = z.enum(['Origin', 'Mirror']).default('Origin');

/** Konnect's data plane endpoints for a control plane. */
export const konnectEndpoints = z.object({
  controlPlane: z.string().min(1),
  telemetry: z.string().min(1),
});

export const controlPlaneStatusShape = {
  conditions: conditionsPending('Programmed', { maxItems: 8 }),
  id: z.string().max(256).optional(),
  konnectEndpoints: konnectEndpoints.optional(),
  organizationID: z.string().max(256).optional(),
  serverURL: z.string().max(512).optional(),
};

/** Root rules: the auth reference is frozen once Programmed or once its auth is valid. */
export const authRefFrozenRules = [
  cel(
    "(!has(self.status) || !has(self.status.conditions) || !self.status.conditions.exists(c, c.type == 'Programmed' && c.status == 'True')) ? true : self.spec.konnect.authRef == oldSelf.spec.konnect.authRef",
    'spec.konnect.authRef is immutable when an entity is already Programmed',
  ),
  cel(
    "(!has(self.status) || !has(self.status.conditions) || !self.status.conditions.exists(c, c.type == 'APIAuthValid' && c.status == 'True')) ? true : self.spec.konnect.authRef == oldSelf.spec.konnect.authRef",
    'spec.konnect.authRef is immutable when an entity refers to a Valid API Auth Configuration',
  ),
];

export const controlPlanePrinterColumns = [
  { name: 'Programmed', type: 'string' as const, jsonPath: ".status.conditions[?(@.type=='Programmed')].status", description: 'The Resource is Programmed on Konnect' },
  { name: 'ID', type: 'string' as const, jsonPath: '.status.id', description: 'Konnect ID' },
  { name: 'OrgID', type: 'string' as const, jsonPath: '.status.organizationID', description: 'Konnect Organization ID this resource belongs to.' },
];
