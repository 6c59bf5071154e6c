// Shared pieces of the DataPlane controller tests: a test server with a controller on it, a
// small key pool (RSA generation is the slow part of issuing), object builders, waiting.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeApiServer } from '../../support/kube-apiserver/index.ts';
import { KubeClient } from '../../../src/controller/runtime/kube-client.ts';
import { generateRsaKeyPair, type KeyPairPem, type KeySource } from '../../../src/certs/keys.ts';
import { DataPlaneController, type DataPlaneControllerOptions } from '../../../src/controller/dataplane/controller.ts';
import type { KubeObject } from '../../../src/controller/runtime/types.ts';

let pool: Promise<KeyPairPem[]> | undefined;
/** A few RSA keys generated once per process and handed out in turn. */
export function keyPool(size = 3): KeySource {
  pool ??= Promise.all(Array.from({ length: size }, () => generateRsaKeyPair()));
  let next = 0;
  return async () => {
    const keys = await pool!;
    return keys[next++ % keys.length]!;
  };
}

export const NS = 'default';
export const CA_NAMESPACE = 'kong-system';

export async function startServer() {
  const server = await KubeApiServer.start({ bookmarkIntervalMs: 100 });
  const client = new KubeClient(server.kubeConfig());
  return { server, client };
}

export function startController(client: KubeClient, options: Partial<DataPlaneControllerOptions> = {}) {
  const controller = new DataPlaneController({ client, clusterCaNamespace: CA_NAMESPACE, keys: keyPool(), concurrency: 4, ...options });
  return controller;
}

export async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Waits until the controller has nothing to do for a little while. */
export async function settle(controller: DataPlaneController, quietMs = 120): Promise<void> {
  for (;;) {
    await controller.idle();
    await new Promise((r) => setTimeout(r, quietMs));
    if (!controller.busy) return;
  }
}

export function dataPlane(name: string, spec: Record<string, unknown> = {}, namespace = NS): KubeObject {
  return {
    apiVersion: 'gateway-operator.konghq.com/v1beta1', kind: 'DataPlane',
    metadata: { name, namespace },
    spec: { deployment: { podTemplateSpec: { spec: { containers: [{ name: 'proxy', image: 'kong/kong-gateway:3.9.1' }] } } }, ...spec },
  };
}

/** The objects of one kind a DataPlane owns, read straight from the server's store. */
export function ownedBy(server: KubeApiServer, apiVersion: string, kind: string, dpName: string, part?: string): KubeObject[] {
  const type = server.typeFor(apiVersion, kind);
  return (server.store.list(type, { namespace: NS, labels: () => true, fields: () => true }).items as KubeObject[])
    .filter((o) => o.metadata.ownerReferences?.some((r) => r.kind === 'DataPlane' && r.name === dpName))
    .filter((o) => !part || o.metadata.labels?.['kongward.konghq.com/dataplane-part'] === part);
}

export const writes = (server: KubeApiServer) =>
  (['create', 'update', 'patch', 'delete', 'deletecollection'] as const).reduce((n, verb) => n + server.requestCount(verb), 0);

/**
 * An HTTP proxy in front of the test server that can lose answers: the request reaches the
 * server (the write happens), then the client's connection is cut before the answer arrives.
 */
export class LossyProxy {
  url = '';
  private readonly server: http.Server;
  private drops: { method: string; pathIncludes: string; remaining: number }[] = [];
  dropped = 0;
  /** Called when an answer is lost, before the client notices (e.g. to stop a controller there). */
  onDrop: (() => void) | undefined;

  private constructor(target: string) {
    const upstream = new URL(target);
    this.server = http.createServer((req, res) => {
      const rule = this.drops.find((d) => d.remaining > 0 && d.method === req.method && (req.url ?? '').includes(d.pathIncludes));
      if (rule) rule.remaining--;
      const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        if (rule) {
          answer.resume();
          answer.on('end', () => { this.dropped++; this.onDrop?.(); res.socket?.destroy(); });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.socket?.destroy());
      req.pipe(forward);
    });
  }

  static async start(target: string): Promise<LossyProxy> {
    const proxy = new LossyProxy(target);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    proxy.url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** The next `count` requests with this method whose path contains `pathIncludes` lose their answer. */
  loseAnswers(method: string, pathIncludes: string, count = 1): void {
    this.drops.push({ method, pathIncludes, remaining: count });
  }

  kubeConfig(): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'proxy', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'test', token: 'test-token' }],
      contexts: [{ name: 'proxy', cluster: 'proxy', user: 'test', namespace: 'default' }],
      currentContext: 'proxy',
    });
    return kc;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
