// Konnect controller test environment: the Kubernetes API test server, a fake Konnect and the
// controllers on real sockets, with short sync periods and fast retries.
import { Registry } from 'prom-client';
import { KubeApiServer } from '../../support/kube-apiserver/index.ts';
import { startFakeKonnect, FAKE_TOKEN, type FakeKonnect, type FakeKonnectOptions } from '../../support/fake-konnect/server.ts';
import { KubeClient } from '../../../src/controller/runtime/kube-client.ts';
import { KonnectConnections } from '../../../src/konnect/transport.ts';
import { authResource, cachedClientFactory, controlPlaneResource, descriptorOf, KonnectControllers, type KonnectControllersOptions } from '../../../src/controller/konnect/index.ts';
import { kongPluginKind } from '../../../src/api/configuration/v1/kongplugin.ts';
import assert from 'node:assert/strict';
import { authConfig, controlPlane, NS } from './fixtures.ts';
import { silentLogger } from '../../../src/log.ts';
import type { KubeObject, ResourceDescriptor } from '../../../src/controller/runtime/types.ts';

export interface KonnectEnv {
  server: KubeApiServer;
  kube: KubeClient;
  fake: FakeKonnect;
  registry: Registry;
  controllers: KonnectControllers;
  /** Starts a fresh controller set (after `stopControllers`), as a restarted process would. */
  restart(overrides?: Partial<KonnectControllersOptions>): Promise<KonnectControllers>;
  stopControllers(): Promise<void>;
  close(): Promise<void>;
}

export async function startEnv(options: { fake?: FakeKonnectOptions; controllers?: Partial<KonnectControllersOptions>; start?: boolean } = {}): Promise<KonnectEnv> {
  const server = await KubeApiServer.start({ bookmarkIntervalMs: 100 });
  const kube = new KubeClient(server.kubeConfig());
  const fake = await startFakeKonnect(options.fake);
  const connections = new KonnectConnections({ rateLimit: false });
  const registry = new Registry();
  const make = (overrides: Partial<KonnectControllersOptions> = {}) => new KonnectControllers({
    kube,
    clients: cachedClientFactory({ baseURLFor: () => fake.url, connections, requestTimeoutMs: 2_000, retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetries: 3, maxRetryAfterMs: 50 }, logger: silentLogger() }),
    registry: new Registry(),
    syncPeriodMs: 300,
    concurrency: 4,
    backoff: { baseMs: 10, maxMs: 200 },
    logger: silentLogger(),
    ...options.controllers,
    ...overrides,
  });
  const env: KonnectEnv = {
    server, kube, fake, registry,
    controllers: make({ registry }),
    async restart(overrides) {
      env.controllers = make(overrides);
      await env.controllers.start();
      return env.controllers;
    },
    async stopControllers() {
      await env.controllers.stop();
    },
    async close() {
      await env.controllers.stop();
      await connections.close();
      await kube.close();
      await fake.close();
      await server.close();
    },
  };
  if (options.start !== false) await env.controllers.start();
  return env;
}

export { FAKE_TOKEN };

/** Retries `check` (assertions inside) until it passes or the time is up. */
export async function eventually<T>(check: () => Promise<T> | T, what: string, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : String(last)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function condition(obj: KubeObject | undefined, type: string): { status?: string; reason?: string; message?: string } | undefined {
  const conditions = (obj?.status as { conditions?: { type: string; status: string; reason: string; message: string }[] } | undefined)?.conditions;
  return conditions?.find((c) => c.type === type);
}

export async function getObject(kube: KubeClient, resource: ResourceDescriptor, namespace: string, name: string): Promise<KubeObject | undefined> {
  try {
    return await kube.get(resource, namespace, name);
  } catch {
    return undefined;
  }
}

export const konnectStatus = (obj: KubeObject | undefined) => ((obj?.status as { konnect?: Record<string, string> } | undefined)?.konnect ?? {});

export const pluginResource = descriptorOf(kongPluginKind);

/** Creates the auth configuration `auth` and control plane `cp` in the default namespace; resolves once it is Programmed. */
export async function programmedControlPlane(env: KonnectEnv): Promise<KubeObject> {
  await env.kube.create(authResource, authConfig());
  await env.kube.create(controlPlaneResource, controlPlane());
  return eventually(async () => {
    const cp = await getObject(env.kube, controlPlaneResource, NS, 'cp');
    assert.equal(condition(cp, 'Programmed')?.status, 'True');
    return cp!;
  }, 'control plane programmed');
}
