// KonnectAPIAuthConfiguration v1alpha1 (konnect.konghq.com): how kongward authenticates to
// Konnect, by inline personal/system token or by a Secret holding one. Mirrors Kong Operator
// v2.2.3 (identical to KGO 1.5). The token is never echoed: every rule reports `"object"`.
import { z } from 'zod';
import { atomicStruct, cel, resource, withRules } from '../../kit.ts';
import { conditionsPending } from '../../common/pending-conditions.ts';
import type { KindDefinition, VersionDefinition } from '../../types.ts';
import { konnectServerURLCheck } from '../server-url-check.ts';

const RFC1123_HOSTNAME = '^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]).)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])$';

/** A bare Konnect API host (`us.api.konghq.com`) or an https URL; fixed once created. */
const serverURL = withRules(
  z.string(),
  cel('size(self) > 0', 'Server URL is required'),
  cel('self == oldSelf', 'Server URL is immutable'),
  cel("isURL(self) ? url(self).getScheme() == 'https' : true", 'Server URL must use HTTPs if specifying scheme'),
  cel(
    `size(self) > 0 && !isURL(self) ? self.matches('${RFC1123_HOSTNAME}') : true`,
    'Server URL must satisfy hostname (RFC 1123) regex if not a valid absolute URL',
  ),
);

export const konnectAPIAuthConfigurationSpec = withRules(
  z.object({
    secretRef: atomicStruct(z.object({ name: z.string().optional(), namespace: z.string().optional() })).optional(),
    serverURL,
    token: z.string().optional(),
    type: z.enum(['token', 'secretRef']),
  }),
  cel("self.type == 'token' ? size(self.token) > 0 : true", 'spec.token is required if auth type is set to token'),
  cel("self.type == 'secretRef' ? has(self.secretRef) : true", 'spec.secretRef is required if auth type is set to secretRef'),
  cel('!(has(self.token) && has(self.secretRef))', 'spec.token and spec.secretRef cannot be set at the same time'),
);

export const konnectAPIAuthConfigurationStatus = z.object({
  conditions: conditionsPending('Valid', { minItems: 1, maxItems: 8 }),
  organizationID: z.string().optional(),
  serverURL: z.string().optional(),
});

export const konnectAPIAuthConfigurationV1alpha1Schema = resource({
  spec: konnectAPIAuthConfigurationSpec,
  status: konnectAPIAuthConfigurationStatus,
  required: ['spec'],
  rules: [
    cel(
      "self.spec.type != 'token' || (self.spec.token.startsWith('spat_') || self.spec.token.startsWith('kpat_'))",
      'Konnect tokens have to start with spat_ or kpat_',
    ),
    cel("self.spec.type != 'token' || (!has(oldSelf.spec.token) || has(self.spec.token))", 'Token is required once set'),
  ],
});

export type KonnectAPIAuthConfigurationV1alpha1 = z.output<typeof konnectAPIAuthConfigurationV1alpha1Schema>;

export const konnectAPIAuthConfigurationV1alpha1: VersionDefinition = {
  name: 'v1alpha1',
  served: true,
  storage: true,
  schema: konnectAPIAuthConfigurationV1alpha1Schema,
  subresources: { status: true },
  checks: [konnectServerURLCheck],
  printerColumns: [
    { name: 'Valid', type: 'string', jsonPath: ".status.conditions[?(@.type=='APIAuthValid')].status", description: 'The API authentication information is valid' },
    { name: 'OrgID', type: 'string', jsonPath: '.status.organizationID', description: 'Konnect Organization ID this API authentication configuration belongs to.' },
    { name: 'ServerURL', type: 'string', jsonPath: '.status.serverURL', description: 'Configured server URL.' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Age' },
  ],
};

export const konnectAPIAuthConfigurationKind: KindDefinition = {
  group: 'konnect.konghq.com',
  kind: 'KonnectAPIAuthConfiguration',
  plural: 'konnectapiauthconfigurations',
  singular: 'konnectapiauthconfiguration',
  listKind: 'KonnectAPIAuthConfigurationList',
  scope: 'Namespaced',
  categories: ['kong', 'konnect'],
  versions: [konnectAPIAuthConfigurationV1alpha1],
};
