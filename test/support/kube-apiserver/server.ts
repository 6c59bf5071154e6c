// An in-process HTTP server speaking enough of the Kubernetes REST API for
// @kubernetes/client-node (and kongward's controller) to run against it unchanged.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse as parseYaml } from 'yaml';
import { KubeConfig } from '@kubernetes/client-node';
import { ObjectStore, type Subresource } from './store.ts';
import { resourceTypes, apiVersionOf, type ResourceType } from './resources.ts';
import { parseFieldSelector, parseLabelSelector, type KubeObject } from './selectors.ts';
import { ApiError, badRequest, methodNotAllowed, reasonForCode, routeNotFound, statusObject, unsupportedMediaType } from './status.ts';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch.ts';
import { discoveryDocument } from './discovery.ts';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection' | 'discovery';

export interface KubeApiServerOptions {
  /** Events kept for watch replay; older resourceVersions answer 410 Expired. Default 10,000. */
  historyLimit?: number;
  /** How often watches with allowWatchBookmarks get a BOOKMARK. Default 1,000 ms. */
  bookmarkIntervalMs?: number;
  /** Extra resource types (e.g. a test-only CRD). */
  extraTypes?: ResourceType[];
}

export interface FailureRule {
  remaining: number;
  code: number;
  reason: string;
  message: string;
  verbs?: Verb[];
  plural?: string;
}

interface Route {
  type: ResourceType;
  version: string;
  namespace?: string;
  name?: string;
  subresource: Subresource;
  watchPath: boolean;
}

interface OpenWatch {
  res: http.ServerResponse;
  bookmarks: boolean;
  type: ResourceType;
  version: string;
  silenced: boolean;
  close: () => void;
}

export class KubeApiServer {
  readonly store: ObjectStore;
  readonly types: ResourceType[];
  private readonly server: http.Server;
  private readonly watches = new Set<OpenWatch>();
  private readonly failures: FailureRule[] = [];
  private readonly counts = new Map<string, number>();
  private bookmarkTimer: NodeJS.Timeout | undefined;
  /** Delay added before every request is handled. */
  latencyMs = 0;
  url = '';

  private constructor(options: KubeApiServerOptions) {
    this.store = new ObjectStore(options.historyLimit ?? 10_000);
    this.types = resourceTypes(options.extraTypes);
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => this.fail(res, err));
    });
    this.server.keepAliveTimeout = 60_000;
    this.bookmarkTimer = setInterval(() => this.sendBookmarks(), options.bookmarkIntervalMs ?? 1000);
    this.bookmarkTimer.unref();
  }

  static async start(options: KubeApiServerOptions = {}): Promise<KubeApiServer> {
    const api = new KubeApiServer(options);
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    return api;
  }

  async close(): Promise<void> {
    clearInterval(this.bookmarkTimer);
    this.dropWatches();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A KubeConfig pointing at this server (token auth, which it ignores). */
  kubeConfig(namespace = 'default'): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'test', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'test', token: 'test-token' }],
      contexts: [{ name: 'test', cluster: 'test', user: 'test', namespace }],
      currentContext: 'test',
    });
    return kc;
  }

  // ---- fault controls -------------------------------------------------------------------

  /** Ends every open watch (abruptly by default, like a dropped connection). */
  dropWatches(options: { graceful?: boolean } = {}): number {
    const open = [...this.watches];
    for (const w of open) {
      w.close();
      if (options.graceful) w.res.end();
      else w.res.destroy();
    }
    return open.length;
  }

  /** Keeps open watches connected but silent from now on (a half-open connection). */
  silenceWatches(): void {
    for (const w of this.watches) w.silenced = true;
  }

  /** Compacts history: any watch or continue token from an older resourceVersion gets 410. */
  expireResourceVersions(): void {
    this.store.compact();
  }

  /** Fails the next `count` matching requests with a Status of `code`. */
  failNext(count: number, code: number, options: { message?: string; reason?: string; verbs?: Verb[]; plural?: string } = {}): void {
    this.failures.push({
      remaining: count, code, reason: options.reason ?? reasonForCode(code),
      message: options.message ?? `injected failure (${code})`,
      ...(options.verbs ? { verbs: options.verbs } : {}), ...(options.plural ? { plural: options.plural } : {}),
    });
  }

  /** Requests served per verb, optionally for one resource plural (`update`, `deployments`). */
  requestCount(verb: Verb, plural?: string): number {
    return this.counts.get(plural ? `${verb}:${plural}` : verb) ?? 0;
  }

  resetCounts(): void {
    this.counts.clear();
  }

  get openWatches(): number {
    return this.watches.size;
  }

  sendBookmarks(): void {
    for (const w of this.watches) {
      if (!w.bookmarks || w.silenced) continue;
      const object = { kind: w.type.kind, apiVersion: apiVersionOf(w.type.group, w.version), metadata: { resourceVersion: String(this.store.currentRv) } };
      w.res.write(`${JSON.stringify({ type: 'BOOKMARK', object })}\n`);
    }
  }

  // ---- direct access for tests and benchmarks ------------------------------------------

  typeFor(apiVersion: string, kind: string): ResourceType {
    const slash = apiVersion.lastIndexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const type = this.types.find((t) => t.group === group && t.kind === kind);
    if (!type) throw new Error(`test server does not serve ${apiVersion} ${kind}`);
    return type;
  }

  /** Creates objects without HTTP (same semantics as POST). */
  seed(...objects: KubeObject[]): KubeObject[] {
    return objects.map((o) => this.store.create(this.typeFor(String(o.apiVersion), String(o.kind)), o.metadata.namespace, o));
  }

  /** The stored object, or undefined. */
  object(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.find(this.typeFor(apiVersion, kind), namespace, name);
  }

  // ---- HTTP ------------------------------------------------------------------------------

  private fail(res: http.ServerResponse, err: unknown): void {
    const status = err instanceof ApiError ? err.status : statusObject(500, 'InternalError', `Internal error occurred: ${String(err)}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status.code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(status));
  }

  private count(verb: Verb, plural?: string): void {
    this.counts.set(verb, (this.counts.get(verb) ?? 0) + 1);
    if (plural) this.counts.set(`${verb}:${plural}`, (this.counts.get(`${verb}:${plural}`) ?? 0) + 1);
  }

  private injectedFailure(verb: Verb, plural?: string): ApiError | undefined {
    const rule = this.failures.find((f) => f.remaining > 0 && (!f.verbs || f.verbs.includes(verb)) && (!f.plural || f.plural === plural));
    if (!rule) return undefined;
    rule.remaining--;
    return new ApiError(statusObject(rule.code, rule.reason, rule.message));
  }

  private route(segments: string[]): Route | undefined {
    let group: string;
    let version: string;
    let rest: string[];
    if (segments[0] === 'api' && segments[1] === 'v1') {
      [group, version, rest] = ['', 'v1', segments.slice(2)];
    } else if (segments[0] === 'apis' && segments.length >= 4) {
      [group, version, rest] = [segments[1]!, segments[2]!, segments.slice(3)];
    } else {
      return undefined;
    }
    let watchPath = false;
    if (rest[0] === 'watch') {
      watchPath = true;
      rest = rest.slice(1);
    }
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3 && rest[2] !== 'status' && rest[2] !== 'finalize') {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const [plural, name, subresource, ...extra] = rest;
    const type = this.types.find((t) => t.group === group && t.plural === plural && t.versions.includes(version));
    if (!type || extra.length > 0) return undefined;
    if (namespace !== undefined && !type.namespaced) return undefined;
    if (name !== undefined && type.namespaced && namespace === undefined) return undefined;
    if (subresource !== undefined && !(subresource === 'status' && type.status)) return undefined;
    return { type, version, ...(namespace !== undefined ? { namespace } : {}), ...(name !== undefined ? { name } : {}), subresource: subresource as Subresource, watchPath };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req);
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const segments = url.pathname.split('/').filter((s) => s.length > 0);
    const discovery = discoveryDocument(this.types, segments, this.url);
    if (discovery) {
      this.count('discovery');
      const failure = this.injectedFailure('discovery');
      if (failure) throw failure;
      return sendJson(res, 200, discovery);
    }
    const route = this.route(segments);
    if (!route) throw routeNotFound();
    const { type, version, namespace, name, subresource } = route;
    const q = url.searchParams;
    const isWatch = route.watchPath || q.get('watch') === 'true' || q.get('watch') === '1';
    const verb = verbOf(req.method ?? 'GET', name !== undefined, isWatch);
    if (!verb) throw methodNotAllowed(req.method ?? '');
    this.count(verb, subresource ? `${type.plural}/${subresource}` : type.plural);
    const failure = this.injectedFailure(verb, type.plural);
    if (failure) throw failure;
    const present = (obj: KubeObject): KubeObject => {
      const apiVersion = apiVersionOf(type.group, version);
      return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
    };
    const filter = {
      ...(namespace !== undefined ? { namespace } : {}),
      labels: parseLabelSelector(q.get('labelSelector')),
      fields: parseFieldSelector(q.get('fieldSelector')),
    };
    switch (verb) {
      case 'get':
        return sendJson(res, 200, present(this.store.get(type, namespace, name!)));
      case 'list': {
        const limit = q.get('limit') ? Number(q.get('limit')) : undefined;
        const page = this.store.list(type, filter, limit, q.get('continue') ?? undefined);
        const metadata: Record<string, unknown> = { resourceVersion: page.resourceVersion };
        if (page.continue) Object.assign(metadata, { continue: page.continue, remainingItemCount: page.remainingItemCount });
        return sendJson(res, 200, { apiVersion: apiVersionOf(type.group, version), kind: `${type.kind}List`, metadata, items: page.items.map(present) });
      }
      case 'watch':
        return this.watch(res, route, filter, q, present);
      case 'create': {
        if (type.namespaced && namespace === undefined) throw methodNotAllowed('POST');
        const created = this.store.create(type, namespace, withVersion(parseJson(body), type, version));
        return sendJson(res, 201, present(created));
      }
      case 'update':
        return sendJson(res, 200, present(this.store.update(type, namespace, name!, withVersion(parseJson(body), type, version), subresource)));
      case 'patch': {
        const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
        if (contentType === 'application/apply-patch+yaml') {
          const manager = q.get('fieldManager');
          if (!manager) throw badRequest('PATCH requests require fieldManager to be set for apply requests');
          const existed = this.store.find(type, namespace, name!) !== undefined;
          const config = withVersion(parseApply(body), type, version);
          const result = this.store.apply(type, namespace, name!, config, manager, q.get('force') === 'true', subresource);
          return sendJson(res, existed ? 200 : 201, present(result));
        }
        const old = this.store.get(type, namespace, name!);
        const patch = parseJson(body);
        let candidate: unknown;
        if (contentType === 'application/merge-patch+json') candidate = mergePatch(old, patch);
        else if (contentType === 'application/json-patch+json') candidate = jsonPatch(old, patch);
        else if (contentType === 'application/strategic-merge-patch+json') {
          if (!type.strategicMerge) throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`);
          candidate = strategicMergePatch(old, patch);
        } else {
          throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${type.strategicMerge ? ', application/strategic-merge-patch+json' : ''}`);
        }
        return sendJson(res, 200, present(this.store.patched(type, old, candidate as KubeObject, subresource)));
      }
      case 'delete': {
        const options = body.length > 0 ? (parseJson(body) as { preconditions?: { resourceVersion?: string; uid?: string } }) : {};
        const result = this.store.delete(type, namespace, name!, options.preconditions);
        const stillThere = this.store.find(type, namespace, name!) !== undefined;
        return sendJson(res, stillThere ? 202 : 200, present(result));
      }
      case 'deletecollection': {
        for (const item of this.store.list(type, filter).items) this.store.delete(type, item.metadata.namespace, item.metadata.name!);
        return sendJson(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
      }
      default:
        throw methodNotAllowed(req.method ?? '');
    }
  }

  private watch(res: http.ServerResponse, route: Route, filter: Parameters<ObjectStore['watch']>[1], q: URLSearchParams, present: (o: KubeObject) => KubeObject): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    res.socket?.setNoDelay(true);
    res.flushHeaders();
    const w: OpenWatch = { res, bookmarks: q.get('allowWatchBookmarks') === 'true', type: route.type, version: route.version, silenced: false, close: () => {} };
    const rv = q.get('resourceVersion') ?? undefined;
    const write = (type: string, object: unknown) => {
      if (!w.silenced && !res.destroyed) res.write(`${JSON.stringify({ type, object })}\n`);
    };
    const unsubscribe = this.store.watch(route.type, filter, rv, (type, obj) => write(type, present(obj)));
    if (unsubscribe === 'expired') {
      write('ERROR', statusObject(410, 'Expired', `too old resource version: ${rv} (${this.store.history.compactedRv + 1})`));
      res.end();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    w.close = () => {
      unsubscribe();
      clearTimeout(timer);
      this.watches.delete(w);
    };
    const timeout = Number(q.get('timeoutSeconds') ?? 0);
    if (timeout > 0) timer = setTimeout(() => { w.close(); res.end(); }, timeout * 1000);
    res.on('close', w.close);
    this.watches.add(w);
  }
}

function verbOf(method: string, named: boolean, watch: boolean): Verb | undefined {
  switch (method) {
    case 'GET': return watch ? 'watch' : named ? 'get' : 'list';
    case 'POST': return named ? undefined : 'create';
    case 'PUT': return named ? 'update' : undefined;
    case 'PATCH': return named ? 'patch' : undefined;
    case 'DELETE': return named ? 'delete' : 'deletecollection';
    default: return undefined;
  }
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(body: Buffer): KubeObject {
  try {
    return JSON.parse(body.toString('utf8')) as KubeObject;
  } catch (err) {
    throw badRequest(`the body of the request could not be decoded: ${(err as Error).message}`);
  }
}

function parseApply(body: Buffer): KubeObject {
  try {
    return parseYaml(body.toString('utf8')) as KubeObject;
  } catch (err) {
    throw badRequest(`error decoding YAML: ${(err as Error).message}`);
  }
}

/** Objects are stored with the type's kind and the apiVersion they were written in. */
function withVersion(obj: KubeObject, type: ResourceType, version: string): KubeObject {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw badRequest('the body of the request must be a JSON object');
  const apiVersion = apiVersionOf(type.group, version);
  if (obj.kind !== undefined && obj.kind !== type.kind) throw badRequest(`the kind of the object (${String(obj.kind)}) does not match the resource ${type.plural} (${type.kind})`);
  return { ...obj, apiVersion, kind: type.kind };
}

function sendJson(res: http.ServerResponse, code: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
