// Raw HTTP helpers for the test server's own tests (the server is also driven through
// @kubernetes/client-node in client-node.test.ts).
import type { KubeApiServer } from '../../support/kube-apiserver/index.ts';

export interface RawResponse {
  status: number;
  body: any;
}

export async function call(server: KubeApiServer, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<RawResponse> {
  const init: RequestInit = { method, headers: { 'content-type': contentType } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(server.url + path, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export interface WatchEvent {
  type: string;
  object: any;
}

/** Opens a watch and collects its events; `next(n)` waits for n more. */
export async function openWatch(server: KubeApiServer, path: string) {
  const controller = new AbortController();
  const res = await fetch(server.url + path, { signal: controller.signal });
  const events: WatchEvent[] = [];
  let ended = false;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buffer.slice(0, nl)) as WatchEvent);
          buffer = buffer.slice(nl + 1);
          wake();
        }
      }
    } catch {
      // aborted or dropped
    }
    ended = true;
    wake();
  })();
  return {
    status: res.status,
    events,
    get ended() { return ended; },
    async waitFor(count: number, timeoutMs = 2000): Promise<WatchEvent[]> {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count && !ended) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} watch events, have ${events.length}: ${JSON.stringify(events.map((e) => e.type))}`);
        await new Promise<void>((resolve) => { waiters.push(resolve); setTimeout(resolve, 50); });
      }
      return events;
    },
    async waitEnded(timeoutMs = 2000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!ended) {
        if (Date.now() > deadline) throw new Error('watch did not end');
        await new Promise<void>((resolve) => { waiters.push(resolve); setTimeout(resolve, 50); });
      }
    },
    close: () => controller.abort(),
  };
}

export const cm = (name: string, data: Record<string, string> = {}, labels?: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(labels ? { labels } : {}) }, data,
});
