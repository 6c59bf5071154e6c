// A small JSON client for the Kubernetes REST API. Authentication and TLS come from
// @kubernetes/client-node's KubeConfig (kubeconfig file or in-cluster); requests go through one
// pooled undici Agent. Objects stay plain JSON (client-node's typed APIs turn timestamps into
// Dates and need generated classes CRDs do not have).
import { Agent, request, type Dispatcher } from 'undici';
import type { KubeConfig } from '@kubernetes/client-node';
import type https from 'node:https';
import { apiVersionOf, type KubeList, type KubeObject, type ResourceDescriptor } from './types.ts';

/** A non-2xx answer, carrying the `Status` kube-apiserver sent. */
export class KubeApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly status: Record<string, unknown> | undefined;
  constructor(code: number, reason: string, message: string, status?: Record<string, unknown>) {
    super(message);
    this.name = 'KubeApiError';
    this.code = code;
    this.reason = reason;
    this.status = status;
  }
}

export const isConflict = (err: unknown) => err instanceof KubeApiError && err.code === 409;
export const isNotFound = (err: unknown) => err instanceof KubeApiError && err.code === 404;
export const isGone = (err: unknown) => err instanceof KubeApiError && err.code === 410;

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';
const patchContentTypes: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** Milliseconds before the request is abandoned (default 30 s; watches pass 0 for none). */
  timeoutMs?: number;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

const HEADER_TTL_MS = 10_000;

export class KubeClient {
  readonly server: string;
  private readonly kubeConfig: KubeConfig;
  private agent: Agent | undefined;
  private headers: { value: Record<string, string>; at: number } | undefined;

  constructor(kubeConfig: KubeConfig) {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig has no current cluster');
    this.kubeConfig = kubeConfig;
    this.server = cluster.server.replace(/\/$/, '');
  }

  /** Closes pooled connections, aborting requests still in flight (open watches). */
  async close(): Promise<void> {
    await this.agent?.destroy();
    this.agent = undefined;
  }

  /** TLS settings once (they do not change); credentials refreshed every few seconds. */
  private async prepare(): Promise<{ agent: Agent; headers: Record<string, string> }> {
    if (!this.agent || !this.headers || Date.now() - this.headers.at > HEADER_TTL_MS) {
      const opts: https.RequestOptions = {};
      await this.kubeConfig.applyToHTTPSOptions(opts);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = String(v);
      if (opts.auth) headers.authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
      this.headers = { value: headers, at: Date.now() };
      this.agent ??= new Agent({
        connections: 64,
        connect: {
          ...(opts.ca ? { ca: opts.ca } : {}), ...(opts.cert ? { cert: opts.cert } : {}), ...(opts.key ? { key: opts.key } : {}),
          ...(opts.rejectUnauthorized !== undefined ? { rejectUnauthorized: opts.rejectUnauthorized } : {}),
          ...(opts.servername ? { servername: opts.servername } : {}),
        },
      });
    }
    return { agent: this.agent, headers: this.headers.value };
  }

  private url(path: string, query?: RequestOptions['query']): string {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  private async send(method: Dispatcher.HttpMethod, path: string, options: RequestOptions): Promise<Dispatcher.ResponseData> {
    const { agent, headers } = await this.prepare();
    const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const timeoutMs = options.timeoutMs ?? 30_000;
    const response = await request(this.url(path, options.query), {
      method, dispatcher: agent, body,
      headers: { ...headers, accept: 'application/json', ...(body !== undefined ? { 'content-type': options.contentType ?? 'application/json' } : {}) },
      ...(options.signal ? { signal: options.signal } : {}),
      headersTimeout: timeoutMs, bodyTimeout: timeoutMs,
    });
    if (response.statusCode >= 300) {
      const text = await response.body.text();
      let status: Record<string, unknown> | undefined;
      try { status = JSON.parse(text) as Record<string, unknown>; } catch { /* not a Status */ }
      throw new KubeApiError(response.statusCode, String(status?.reason ?? 'Unknown'),
        String(status?.message ?? (text.slice(0, 200) || `HTTP ${response.statusCode}`)), status);
    }
    return response;
  }

  async request<T>(method: Dispatcher.HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    return (await response.body.json()) as T;
  }

  /**
   * Streams a watch; resolves when the server ends it, rejects on transport or HTTP errors.
   * Malformed lines are reported through `onParseError`, never silently dropped.
   */
  async watch(path: string, query: RequestOptions['query'], onEvent: (event: WatchEvent) => void,
    options: { signal?: AbortSignal; onParseError?: (line: string) => void } = {}): Promise<void> {
    const response = await this.send('GET', path, { query: { ...query, watch: true }, timeoutMs: 0, ...(options.signal ? { signal: options.signal } : {}) });
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += (chunk as Buffer).toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line) continue;
        let event: WatchEvent;
        try {
          event = JSON.parse(line) as WatchEvent;
        } catch {
          options.onParseError?.(line.slice(0, 200));
          continue;
        }
        onEvent(event);
      }
    }
  }

  // ---- typed helpers by resource ---------------------------------------------------------

  path(resource: ResourceDescriptor, namespace?: string, name?: string, subresource?: string): string {
    const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
    const ns = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${base}${ns}/${resource.plural}${name ? `/${encodeURIComponent(name)}` : ''}${subresource ? `/${subresource}` : ''}`;
  }

  get<T extends KubeObject>(resource: ResourceDescriptor, namespace: string | undefined, name: string): Promise<T> {
    return this.request<T>('GET', this.path(resource, namespace, name));
  }

  list<T extends KubeObject>(resource: ResourceDescriptor, namespace?: string, query: RequestOptions['query'] = {}): Promise<KubeList<T>> {
    return this.request<KubeList<T>>('GET', this.path(resource, namespace), { query });
  }

  create<T extends KubeObject>(resource: ResourceDescriptor, object: T): Promise<T> {
    const body = { apiVersion: apiVersionOf(resource), kind: resource.kind, ...object };
    return this.request<T>('POST', this.path(resource, object.metadata.namespace), { body });
  }

  replace<T extends KubeObject>(resource: ResourceDescriptor, object: T, subresource?: 'status'): Promise<T> {
    const body = { apiVersion: apiVersionOf(resource), kind: resource.kind, ...object };
    return this.request<T>('PUT', this.path(resource, object.metadata.namespace, object.metadata.name, subresource), { body });
  }

  patch<T extends KubeObject>(resource: ResourceDescriptor, namespace: string | undefined, name: string, type: PatchType, patch: unknown,
    options: { subresource?: 'status'; fieldManager?: string; force?: boolean } = {}): Promise<T> {
    return this.request<T>('PATCH', this.path(resource, namespace, name, options.subresource), {
      body: patch, contentType: patchContentTypes[type],
      query: { fieldManager: options.fieldManager, force: options.force ? true : undefined },
    });
  }

  /** Server-side apply of an object we own (its apiVersion/kind filled in). */
  apply<T extends KubeObject>(resource: ResourceDescriptor, object: T, fieldManager: string, options: { force?: boolean; subresource?: 'status' } = {}): Promise<T> {
    const body = { apiVersion: apiVersionOf(resource), kind: resource.kind, ...object };
    return this.patch<T>(resource, object.metadata.namespace, object.metadata.name!, 'apply', body, { fieldManager, force: options.force ?? true, ...(options.subresource ? { subresource: options.subresource } : {}) });
  }

  delete(resource: ResourceDescriptor, namespace: string | undefined, name: string, preconditions?: { resourceVersion?: string; uid?: string }): Promise<KubeObject> {
    return this.request<KubeObject>('DELETE', this.path(resource, namespace, name), preconditions ? { body: { preconditions } } : {});
  }
}
