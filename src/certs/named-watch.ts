// Watches one named object (fieldSelector metadata.name) and calls back on every event. Needs
// only the `watch` verb on that resourceName, unlike an informer, whose LIST would need `list`
// (the self-signed RBAC grants get/update/watch on the two Secrets and nothing wider).
// Each (re)connect starts without a resourceVersion, so the server first sends the object's
// current state: a missed event is repaired by the next connection. Errors back off and retry.
import { backoffDelay, jittered, sleep, type BackoffOptions } from '../controller/runtime/backoff.ts';
import { KubeApiError, type KubeClient, type WatchEvent } from '../controller/runtime/kube-client.ts';
import type { ResourceDescriptor } from '../controller/runtime/types.ts';
import { silentLogger, type CertLogger } from './types.ts';

export interface NamedWatchOptions {
  client: KubeClient;
  resource: ResourceDescriptor;
  namespace?: string;
  name: string;
  onEvent: (event: WatchEvent) => void;
  /** Reconnect backoff after failures. Default 500 ms doubling to 30 s. */
  backoff?: BackoffOptions;
  /** After a 403 (RBAC without `watch`): retry this rarely, warning once. Default 5 min. */
  forbiddenRetryMs?: number;
  /** Server-side watch timeout (jittered). Default 300 s. */
  timeoutSeconds?: number;
  logger?: CertLogger;
}

/** Starts watching; the returned function stops it. */
export function watchNamedObject(options: NamedWatchOptions): () => void {
  const abort = new AbortController();
  void runWatch(options, abort.signal);
  return () => abort.abort();
}

async function runWatch(options: NamedWatchOptions, signal: AbortSignal): Promise<void> {
  const { client, resource, namespace, name } = options;
  const logger = options.logger ?? silentLogger;
  const backoff = options.backoff ?? { baseMs: 500, maxMs: 30_000 };
  const path = client.path(resource, namespace);
  const target = `${resource.plural} ${namespace ? `${namespace}/` : ''}${name}`;
  let failures = 0;
  let forbiddenReported = false;
  while (!signal.aborted) {
    const started = Date.now();
    let events = 0;
    try {
      await client.watch(path, {
        fieldSelector: `metadata.name=${name}`,
        timeoutSeconds: Math.max(1, jittered(options.timeoutSeconds ?? 300, 0.5)),
      }, (event) => {
        if (event.type === 'ERROR') throw watchError(event);
        events++;
        failures = 0;
        options.onEvent(event);
      }, { signal, onParseError: () => logger.warn({ target }, 'unparseable watch line') });
      if (events === 0 && Date.now() - started < 1000) throw new Error('watch ended at once without events');
    } catch (error) {
      if (signal.aborted) return;
      failures++;
      const forbidden = error instanceof KubeApiError && error.code === 403;
      const delay = forbidden ? (options.forbiddenRetryMs ?? 300_000) : backoffDelay(failures, backoff);
      if (!forbidden || !forbiddenReported) {
        logger.warn({ target, err: describe(error), retryInMs: delay }, forbidden ? 'watch forbidden; relying on periodic checks' : 'watch failed; retrying');
      }
      forbiddenReported ||= forbidden;
      await sleep(delay, signal);
    }
  }
}

function watchError(event: WatchEvent): KubeApiError {
  const status = event.object as unknown as { code?: number; reason?: string; message?: string };
  return new KubeApiError(status.code ?? 500, status.reason ?? 'Unknown', `watch error: ${status.message ?? ''}`);
}

function describe(error: unknown): string {
  if (error instanceof KubeApiError) return `${error.code} ${error.reason}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
