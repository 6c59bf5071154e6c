// A fake Konnect on a real socket (node:http, or https with `tls`): bearer-token auth with the
// 401 shape of each API family, routing to the platform and core-entity handlers, fault
// injection, a request log and a state view for assertions. See docs/fake-konnect.md.
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { coreUnauthorized, FakeAnswer, legacy, problem, send, validationError } from './bodies.ts';
import { handleCoreEntities } from './core-routes.ts';
import { FaultInjector, WindowLimiter, type FaultAction } from './faults.ts';
import { handleControlPlanes, organizationMe } from './platform-routes.ts';
import { FakeKonnectState, type Organization } from './store.ts';

/** The token every fake accepts unless told otherwise. */
export const FAKE_TOKEN = 'kpat_fakeKonnectToken0000000000000000000000000000000';
export const FAKE_ORG_ID = '6d1bd4a0-0000-4000-8000-00000000f00d';

export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body with secret fields (password, secret, key, private keys) replaced. */
  body?: unknown;
  /** HTTP status sent, or what happened instead. */
  outcome: number | 'dropped' | 'response-lost';
  fault?: FaultAction['kind'];
}

export interface FakeKonnectOptions {
  host?: string;
  port?: number;
  /** Accepted tokens (default: FAKE_TOKEN in one organisation). */
  tokens?: string[];
  /** Seed for probability faults. */
  seed?: number;
  tls?: { cert: string; key: string };
  /** Konnect-like request limit (fixed window): `{ limit: 3000 }` per minute. */
  rateLimit?: { limit: number; windowMs?: number; now?: () => number };
}

export interface FakeKonnect {
  url: string;
  state: FakeKonnectState;
  faults: FaultInjector;
  log: RequestLogEntry[];
  /** Log entries matching method and/or a path substring. */
  requests(filter?: { method?: string; path?: string | RegExp }): RequestLogEntry[];
  /** Accept another token, in its own organisation unless `orgId` names an existing one. */
  addToken(token: string, orgId?: string): Organization;
  close(): Promise<void>;
}

const SECRET_FIELDS = new Set(['password', 'secret', 'key', 'private_key', 'key_alt', 'authorization', 'token']);

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) && typeof v === 'string' ? '[REDACTED]' : redact(v)]));
}

function unauthorizedFor(path: string): FakeAnswer {
  if (path.includes('/core-entities')) return coreUnauthorized();
  if (path.includes('/dp-client-certificates')) return legacy(401, 'Unauthorized');
  return problem(401, 'Invalid credentials');
}

function rateLimited(retryAfter: string | null | undefined): FakeAnswer {
  const headers: Record<string, string> = {
    'ratelimit-limit': '3000',
    'ratelimit-remaining': '0',
    'ratelimit-reset': retryAfter && /^\d+$/.test(retryAfter) ? retryAfter : '60',
    'x-ratelimit-limit-minute': '3000',
    'x-ratelimit-remaining-minute': '0',
  };
  if (retryAfter !== null) headers['retry-after'] = retryAfter ?? '1';
  return new FakeAnswer(429, { message: 'API rate limit exceeded' }, headers);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4 * 1024 * 1024) throw problem(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeKonnect(options: FakeKonnectOptions = {}): Promise<FakeKonnect> {
  const state = new FakeKonnectState();
  const faults = new FaultInjector(options.seed ?? 1);
  const tokens = new Map<string, string>();
  const log: RequestLogEntry[] = [];
  const limiter = options.rateLimit ? new WindowLimiter(options.rateLimit) : undefined;
  let seq = 0;

  const addToken = (token: string, orgId?: string): Organization => {
    const existing = orgId ? state.organizations.get(orgId) : undefined;
    const now = new Date().toISOString();
    const org = existing ?? { id: orgId ?? (tokens.size === 0 ? FAKE_ORG_ID : randomUUID()), name: `fake-org-${state.organizations.size + 1}`, owner_id: randomUUID(), login_path: '', state: 'active' as const, retention_period_days: 90, created_at: now, updated_at: now };
    state.organizations.set(org.id, org);
    tokens.set(token, org.id);
    return org;
  };
  for (const token of options.tokens ?? [FAKE_TOKEN]) addToken(token);

  const route = (method: string, path: string, query: URLSearchParams, body: unknown, org: Organization): FakeAnswer => {
    if (path === '/v3/organizations/me' && method === 'GET') return organizationMe(org);
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments[0] !== 'v2' || segments[1] !== 'control-planes') return problem(404, 'Not Found');
    const rest = segments.slice(2);
    if (rest[1] === 'core-entities') {
      const record = state.controlPlanes.get(rest[0] ?? '');
      if (!record || record.orgId !== org.id) return new FakeAnswer(404, { message: 'Not found' });
      return handleCoreEntities({ method, segments: rest.slice(2), query, body, record, path, nextSeq: () => state.nextSeq() });
    }
    return handleControlPlanes({ method, segments: rest, query, body, org, state });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = (req.method ?? 'GET').toUpperCase();
    const entry: RequestLogEntry = { seq: ++seq, method, path: url.pathname, query: Object.fromEntries(url.searchParams), outcome: 0 };
    log.push(entry);
    const text = await readBody(req);
    let body: unknown;
    if (text) {
      try {
        body = JSON.parse(text);
        entry.body = redact(body);
      } catch {
        entry.outcome = 400;
        return send(res, url.pathname.includes('/core-entities') ? validationError([{ type: 'ERROR_TYPE_ENTITY', messages: ['request body is not valid JSON'] }]) : problem(400, 'request body is not valid JSON'));
      }
    }

    const fault = faults.pick(method, url.pathname);
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'drop') {
      entry.outcome = 'dropped';
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'rate-limit') return send(res, answerLogged(entry, rateLimited(fault.retryAfter)));
    if (fault?.kind === 'status') {
      const answer = fault.body === undefined ? problem(fault.status, 'injected fault') : new FakeAnswer(fault.status, fault.body);
      Object.assign(answer.headers, fault.headers);
      return send(res, answerLogged(entry, answer));
    }

    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const orgId = token ? tokens.get(token) : undefined;
    const org = orgId ? state.organizations.get(orgId) : undefined;
    if (!org) return send(res, answerLogged(entry, unauthorizedFor(url.pathname)));
    const wait = limiter?.check();
    if (wait !== undefined) return send(res, answerLogged(entry, rateLimited(String(wait))));

    let answer: FakeAnswer;
    try {
      answer = route(method, url.pathname, url.searchParams, body, org);
    } catch (error) {
      if (!(error instanceof FakeAnswer)) throw error;
      answer = error;
    }
    if (fault?.kind === 'lose-response') {
      entry.outcome = 'response-lost';
      req.socket.destroy();
      return;
    }
    send(res, answerLogged(entry, answer));
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent || req.socket.destroyed) return;
      const answer = error instanceof FakeAnswer ? error : problem(500, `fake konnect: ${(error as Error)?.message ?? String(error)}`);
      send(res, answer);
    });
  };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createHttpServer(listener);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${address.port}`,
    state,
    faults,
    log,
    requests(filter = {}) {
      return log.filter((e) => (!filter.method || e.method === filter.method.toUpperCase())
        && (filter.path === undefined || (typeof filter.path === 'string' ? e.path.includes(filter.path) : filter.path.test(e.path))));
    },
    addToken,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function answerLogged(entry: RequestLogEntry, answer: FakeAnswer): FakeAnswer {
  entry.outcome = answer.status;
  return answer;
}
