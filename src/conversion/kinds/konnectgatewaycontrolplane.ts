// KonnectGatewayControlPlane: v1alpha1 keeps the create request inline in spec; v1alpha2 (hub)
// nests it under spec.createControlPlaneRequest. Everything else is shared.
import type { KindConversion, KubeObject } from '../types.ts';

const INLINE_FIELDS = ['name', 'description', 'cluster_type', 'auth_type', 'cloud_gateway', 'proxy_urls', 'labels'] as const;

function spec(object: KubeObject): Record<string, unknown> | undefined {
  const value = object.spec;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export const konnectGatewayControlPlaneConversion: KindConversion = {
  group: 'konnect.konghq.com',
  kind: 'KonnectGatewayControlPlane',
  hub: 'v1alpha2',
  spokes: {
    v1alpha1: {
      toHub(object) {
        const s = spec(object);
        if (!s) return object;
        const request: Record<string, unknown> = {};
        for (const field of INLINE_FIELDS) {
          if (field in s) {
            request[field] = s[field];
            delete s[field];
          }
        }
        if (Object.keys(request).length) s.createControlPlaneRequest = request;
        return object;
      },
      fromHub(object) {
        const s = spec(object);
        const request = s?.createControlPlaneRequest;
        if (!s || typeof request !== 'object' || request === null) return object;
        delete s.createControlPlaneRequest;
        for (const field of INLINE_FIELDS) if (field in request) s[field] = (request as Record<string, unknown>)[field];
        return object;
      },
    },
  },
};
