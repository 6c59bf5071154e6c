// The plain-HTTP side port: /healthz (liveness), /readyz (+ /readyz/<check>) and /metrics.
// Kept off the TLS port so probes and scrapes never depend on the serving certificate.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export type ReadinessCheck = () => boolean;

export interface ProbeServer {
  port: number;
  url: string;
  addReadinessCheck(name: string, check: ReadinessCheck): void;
  close(): Promise<void>;
}

export async function startProbeServer(options: { host: string; port: number; metrics: Registry }): Promise<ProbeServer> {
  const checks = new Map<string, ReadinessCheck>();

  const failing = (): string[] => [...checks].filter(([, check]) => !safe(check)).map(([name]) => name);

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n');
    if (path === '/healthz' || path === '/livez') return send(res, 200, 'ok\n');
    if (path === '/readyz') {
      const down = failing();
      return down.length ? send(res, 503, down.map((name) => `[-]${name} failed\n`).join('')) : send(res, 200, 'ok\n');
    }
    if (path.startsWith('/readyz/')) {
      const check = checks.get(path.slice('/readyz/'.length));
      if (!check) return send(res, 404, 'no such check\n');
      return safe(check) ? send(res, 200, 'ok\n') : send(res, 503, 'failed\n');
    }
    if (path === '/metrics') {
      options.metrics.metrics().then(
        (text) => send(res, 200, text, options.metrics.contentType),
        () => send(res, 500, 'metrics unavailable\n'),
      );
      return;
    }
    send(res, 404, 'not found\n');
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    addReadinessCheck: (name, check) => void checks.set(name, check),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function safe(check: ReadinessCheck): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

function send(res: http.ServerResponse, code: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(code, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
