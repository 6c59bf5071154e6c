// Shared helpers for runtime tests: a test server, a client for it, waiting on conditions.
import { KubeApiServer } from '../../support/kube-apiserver/index.ts';
import { KubeClient } from '../../../src/controller/runtime/kube-client.ts';
import type { ResourceDescriptor } from '../../../src/controller/runtime/types.ts';

export const configMaps: ResourceDescriptor = { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true };

export async function startServer(options: Parameters<typeof KubeApiServer.start>[0] = {}) {
  const server = await KubeApiServer.start({ bookmarkIntervalMs: 100, ...options });
  const client = new KubeClient(server.kubeConfig());
  return { server, client, close: async () => { await client.close(); await server.close(); } };
}

export async function until(predicate: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const cm = (namespace: string, name: string, data: Record<string, string> = {}) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace, name }, data,
});
