// The one place that talks HTTP to Konnect: a keep-alive undici Pool per server origin, a
// client-side token bucket, request timeouts, retries (see retry.ts) and the mapping of answers
// to typed errors. The token only ever goes into the Authorization header; log lines, metrics
// events and errors carry method, path, status and timings.
import { Pool } from 'undici';
import type { Logger } from '../log.ts';
import { errorFromResponse, KonnectNetworkError, operationLabel, type KonnectError, type KonnectOperation } from './errors.ts';
import { realClock, TokenBucket, type Clock, type TokenBucketOptions } from './rate-limit.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, isIdempotent, parseRetryAfter, type RetryPolicy } from './retry.ts';
import type { KonnectEndpoints } from './server-url.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;

export interface KonnectRequest {
  method: HttpMethod;
  /** Path below the base URL, ids already filled in (and URI-encoded). */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Identity calls go to the global host. */
  base?: 'regional' | 'global';
  action: string;
  entity: string;
}

export interface KonnectResponse<T> {
  status: number;
  body: T;
}

/** One attempt, for metrics (status `network` when no HTTP answer came). */
export interface KonnectRequestEvent {
  action: string;
  entity: string;
  method: string;
  path: string;
  status: number | 'network';
  durationMs: number;
  attempt: number;
}

/** Connection pools and rate limiters, one of each per server origin, shared by all clients. */
export class KonnectConnections {
  private readonly pools = new Map<string, Pool>();
  private readonly limiters = new Map<string, TokenBucket>();
  private readonly poolOptions: Pool.Options;
  private readonly rateLimit: TokenBucketOptions | false;

  constructor(options: { pool?: Pool.Options; rateLimit?: TokenBucketOptions | false } = {}) {
    this.poolOptions = { connections: 16, keepAliveTimeout: 120_000, ...options.pool };
    this.rateLimit = options.rateLimit ?? {};
  }

  pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, this.poolOptions);
      this.pools.set(origin, pool);
    }
    return pool;
  }

  limiter(origin: string): TokenBucket | undefined {
    if (this.rateLimit === false) return undefined;
    let limiter = this.limiters.get(origin);
    if (!limiter) {
      limiter = new TokenBucket(this.rateLimit);
      this.limiters.set(origin, limiter);
    }
    return limiter;
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close()));
  }
}

export interface KonnectTransportOptions {
  token: string;
  endpoints: KonnectEndpoints;
  connections: KonnectConnections;
  /** Per attempt (default 10 s, as KGO). */
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  observe?: (event: KonnectRequestEvent) => void;
  clock?: Clock;
  random?: () => number;
  userAgent?: string;
}

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export class KonnectTransport {
  readonly endpoints: KonnectEndpoints;
  private readonly token: string;
  private readonly connections: KonnectConnections;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly options: KonnectTransportOptions;
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(options: KonnectTransportOptions) {
    this.options = options;
    this.token = options.token;
    this.endpoints = options.endpoints;
    this.connections = options.connections;
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
  }

  async request<T>(req: KonnectRequest): Promise<KonnectResponse<T>> {
    const base = new URL(req.base === 'global' ? this.endpoints.globalBaseURL : this.endpoints.regionalBaseURL);
    const prefix = base.pathname.replace(/\/+$/, '');
    const path = `${prefix}${req.path}`;
    const operation: KonnectOperation = { action: req.action, entity: req.entity, method: req.method, path };
    const pool = this.connections.pool(base.origin);
    const limiter = this.connections.limiter(base.origin);
    const fullPath = path + queryString(req.query);
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: 'application/json, application/problem+json',
      'user-agent': this.options.userAgent ?? 'kongward',
    };
    if (payload !== undefined) headers['content-type'] = 'application/json';

    for (let attempt = 0; ; attempt++) {
      await limiter?.acquire();
      const started = performance.now();
      let status: number;
      let text: string;
      let responseHeaders: Record<string, string | string[] | undefined>;
      try {
        const res = await pool.request({
          method: req.method,
          path: fullPath,
          headers,
          body: payload,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        status = res.statusCode;
        responseHeaders = res.headers;
        text = await res.body.text();
      } catch (cause) {
        const error = this.networkError(operation, cause);
        this.report(req, path, 'network', started, attempt);
        const sent = !CONNECT_ERRORS.has(errorCode(cause) ?? '');
        if (attempt < this.retry.maxRetries && (isIdempotent(req.method) || !sent)) {
          await this.clock.sleep(backoffDelay(attempt, this.retry, this.random));
          continue;
        }
        throw error;
      }
      this.report(req, path, status, started, attempt);
      const body = parseBody(this.redact(text));
      if (status < 300) return { status, body: body as T };

      if (status === 429) {
        const retryAfterMs = parseRetryAfter(responseHeaders['retry-after'], this.clock.now());
        const wait = retryAfterMs ?? backoffDelay(attempt, this.retry, this.random);
        this.connections.limiter(base.origin)?.pauseFor(wait);
        // A 429 was refused before any processing, so even a POST may be sent again.
        if (attempt < this.retry.maxRetries && wait <= this.retry.maxRetryAfterMs) {
          await this.clock.sleep(wait);
          continue;
        }
        throw errorFromResponse(operation, status, body, retryAfterMs === undefined ? undefined : { ms: retryAfterMs, fromHeader: true });
      }
      if (status >= 500 && isIdempotent(req.method) && attempt < this.retry.maxRetries) {
        await this.clock.sleep(backoffDelay(attempt, this.retry, this.random));
        continue;
      }
      throw errorFromResponse(operation, status, body);
    }
  }

  private networkError(operation: KonnectOperation, cause: unknown): KonnectError {
    const code = errorCode(cause);
    const timedOut = code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || (cause as Error)?.name === 'TimeoutError';
    const reason = timedOut ? `timed out after ${this.timeoutMs} ms` : this.redact(`${code ? `${code}: ` : ''}${(cause as Error)?.message ?? String(cause)}`);
    return new KonnectNetworkError(`Konnect ${operationLabel(operation)} failed: ${reason}`, { operation, timedOut });
  }

  private report(req: KonnectRequest, path: string, status: number | 'network', started: number, attempt: number): void {
    const durationMs = Math.round((performance.now() - started) * 100) / 100;
    const event: KonnectRequestEvent = { action: req.action, entity: req.entity, method: req.method, path, status, durationMs, attempt };
    this.options.observe?.(event);
    this.options.logger?.debug(event, 'konnect request');
  }

  /** Defensive: a server echoing the token (proxies do) must not leak it into errors. */
  private redact(text: string): string {
    return this.token && text.includes(this.token) ? text.split(this.token).join('[REDACTED]') : text;
  }
}

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
