// The Kubernetes API test server: see docs/kube-api-test-server.md.
export { KubeApiServer, type KubeApiServerOptions, type Verb } from './server.ts';
export type { ResourceType } from './resources.ts';
export type { KubeObject } from './selectors.ts';
export type { StatusObject } from './status.ts';

import { KubeApiServer } from './server.ts';
import type { KubeConfig } from '@kubernetes/client-node';

/** The KubeConfig @kubernetes/client-node needs to talk to a running test server. */
export function kubeConfigFor(server: KubeApiServer, namespace = 'default'): KubeConfig {
  return server.kubeConfig(namespace);
}
