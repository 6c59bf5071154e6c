// `kongward controller`: loads a kubeconfig (file, in-cluster or default), starts the manager
// with the registered controllers, serves /healthz, /readyz and /metrics, logs JSON via pino.
import http from 'node:http';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { pino, type Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { KubeClient } from './runtime/kube-client.ts';
import { Manager } from './runtime/manager.ts';
import { RuntimeMetrics } from './runtime/metrics.ts';

export interface RunControllerOptions {
  /** Path to a kubeconfig; otherwise in-cluster config when running in a Pod, else the default. */
  kubeconfig?: string;
  /** A ready KubeConfig (tests). Wins over `kubeconfig`. */
  kubeConfig?: KubeConfig;
  /** Registers reconcilers and their watched kinds on the manager. */
  register: (manager: Manager) => void;
  /** Address of the /healthz, /readyz, /metrics server. Default 0.0.0.0:8081; port 0 picks one. */
  host?: string;
  port?: number;
  /** Watch one namespace only. */
  namespace?: string;
  leaderElection?: {
    enabled?: boolean;
    namespace?: string;
    name?: string;
    identity?: string;
    leaseDurationMs?: number;
    renewDeadlineMs?: number;
    retryPeriodMs?: number;
  };
  logger?: Logger;
  logLevel?: string;
  /** Defaults to a fresh registry with the process metrics. */
  registry?: Registry;
  /** Stop on SIGTERM/SIGINT and log unhandled rejections (the CLI sets this). */
  handleSignals?: boolean;
}

export interface RunningController {
  manager: Manager;
  /** Base URL of the health/metrics server. */
  url: string;
  stop(): Promise<void>;
}

export function loadKubeConfig(path?: string): KubeConfig {
  const kc = new KubeConfig();
  if (path) kc.loadFromFile(path);
  else if (process.env.KUBERNETES_SERVICE_HOST) kc.loadFromCluster();
  else kc.loadFromDefault();
  return kc;
}

export async function runController(options: RunControllerOptions): Promise<RunningController> {
  const log = options.logger ?? pino({ level: options.logLevel ?? 'info', base: { logger: 'kongward-controller' }, redact: ['*.token', '*.authorization', 'headers.authorization'] });
  const registry = options.registry ?? (() => {
    const r = new Registry();
    collectDefaultMetrics({ register: r });
    return r;
  })();
  const client = new KubeClient(options.kubeConfig ?? loadKubeConfig(options.kubeconfig));
  const le = options.leaderElection ?? {};
  const manager = new Manager({
    client, logger: log, metrics: new RuntimeMetrics(registry),
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(le.enabled === false ? {} : {
      leaderElection: {
        namespace: le.namespace ?? process.env.POD_NAMESPACE ?? 'kong-system',
        name: le.name ?? 'kongward-controller',
        identity: le.identity ?? `${os.hostname()}_${randomUUID()}`,
        ...(le.leaseDurationMs ? { leaseDurationMs: le.leaseDurationMs } : {}),
        ...(le.renewDeadlineMs ? { renewDeadlineMs: le.renewDeadlineMs } : {}),
        ...(le.retryPeriodMs ? { retryPeriodMs: le.retryPeriodMs } : {}),
      },
    }),
  });
  options.register(manager);

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = (code: number, body: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(code, { 'Content-Type': type });
      res.end(body);
    };
    if (path === '/healthz' || path === '/healthz/ping') return reply(200, 'ok');
    if (path === '/readyz' || path === '/readyz/informers') {
      return manager.hasSynced() ? reply(200, 'ok') : reply(500, '[-]informers failed: caches not synced\nreadyz check failed');
    }
    if (path === '/metrics') {
      registry.metrics().then((text) => reply(200, text, registry.contentType), (err: unknown) => reply(500, String(err)));
      return;
    }
    reply(404, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 8081, options.host ?? '0.0.0.0', resolve));
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  log.info({ url }, 'health and metrics server listening');

  const onRejection = (reason: unknown) => log.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection');
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    log.info('stopping controller');
    await manager.stop();
    await client.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (options.handleSignals) {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      process.off('unhandledRejection', onRejection);
    }
  })());
  const onSignal = () => { void stop(); };
  if (options.handleSignals) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    process.on('unhandledRejection', onRejection);
  }
  // Caches sync in the background; /readyz turns green when they have.
  manager.start().catch((err: unknown) => log.error({ err: String(err) }, 'manager failed to start'));
  return { manager, url, stop };
}
