// Manifests for controller tests: an auth configuration, a control plane (v1alpha2) and
// numbered services with routes.
import type { KubeObject } from '../../../src/controller/runtime/types.ts';
import { FAKE_TOKEN } from '../../support/fake-konnect/server.ts';

export const NS = 'default';

export const authConfig = (name = 'auth'): KubeObject => ({
  apiVersion: 'konnect.konghq.com/v1alpha1', kind: 'KonnectAPIAuthConfiguration',
  metadata: { namespace: NS, name }, spec: { type: 'token', token: FAKE_TOKEN, serverURL: 'us.api.konghq.com' },
});

export const controlPlane = (name = 'cp', auth = 'auth', request: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'konnect.konghq.com/v1alpha2', kind: 'KonnectGatewayControlPlane',
  metadata: { namespace: NS, name },
  spec: { source: 'Origin', createControlPlaneRequest: { name: `konnect-${name}`, ...request }, konnect: { authRef: { name: auth } }, ...extra },
});

export const service = (name: string, cp = 'cp', spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'configuration.konghq.com/v1alpha1', kind: 'KongService',
  metadata: { namespace: NS, name },
  spec: { name, host: `${name}.example`, protocol: 'http', port: 80, controlPlaneRef: { type: 'konnectNamespacedRef', konnectNamespacedRef: { name: cp } }, ...spec },
});

export const route = (name: string, serviceName: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'configuration.konghq.com/v1alpha1', kind: 'KongRoute',
  metadata: { namespace: NS, name },
  spec: { name, protocols: ['http'], paths: [`/${name}`], serviceRef: { type: 'namespacedRef', namespacedRef: { name: serviceName } }, ...spec },
});
