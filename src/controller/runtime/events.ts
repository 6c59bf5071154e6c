// core/v1 Events with client-go's deduplication: the same (object, type, reason, message)
// within the window bumps `count` and `lastTimestamp` on the existing Event instead of
// creating a new one.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { KubeClient } from './kube-client.ts';
import { coreResources, type KubeObject } from './types.ts';
import { rfc3339 } from './conditions.ts';

export type EventType = 'Normal' | 'Warning';

interface Seen {
  name: string;
  namespace: string;
  count: number;
  at: number;
}

export class EventRecorder {
  private readonly client: KubeClient;
  private readonly component: string;
  private readonly seen = new Map<string, Seen>();
  private readonly windowMs: number;
  private readonly maxEntries: number;
  private readonly log: Logger | undefined;

  constructor(client: KubeClient, options: { component: string; windowMs?: number; maxEntries?: number; logger?: Logger }) {
    this.client = client;
    this.component = options.component;
    this.windowMs = options.windowMs ?? 10 * 60_000;
    this.maxEntries = options.maxEntries ?? 4096;
    this.log = options.logger;
  }

  /** Records an Event about `regarding`; never throws (events are best effort). */
  async record(regarding: KubeObject, type: EventType, reason: string, message: string): Promise<void> {
    const meta = regarding.metadata;
    const namespace = meta.namespace || 'default';
    const dedupKey = JSON.stringify([meta.uid ?? `${namespace}/${meta.name}`, type, reason, message]);
    const now = Date.now();
    const previous = this.seen.get(dedupKey);
    try {
      if (previous && now - previous.at < this.windowMs) {
        previous.count++;
        previous.at = now;
        await this.client.patch(coreResources.event, previous.namespace, previous.name, 'merge', { count: previous.count, lastTimestamp: rfc3339(new Date(now)) });
        return;
      }
      const name = `${meta.name}.${now.toString(16)}${randomBytes(2).toString('hex')}`;
      const timestamp = rfc3339(new Date(now));
      await this.client.create(coreResources.event, {
        metadata: { name, namespace },
        involvedObject: { apiVersion: regarding.apiVersion, kind: regarding.kind, name: meta.name, namespace: meta.namespace, uid: meta.uid, resourceVersion: meta.resourceVersion },
        type, reason, message: message.slice(0, 1024), count: 1,
        firstTimestamp: timestamp, lastTimestamp: timestamp, source: { component: this.component }, reportingComponent: this.component,
      });
      this.seen.set(dedupKey, { name, namespace, count: 1, at: now });
      if (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value!);
    } catch (err) {
      this.seen.delete(dedupKey);
      this.log?.warn({ err: err instanceof Error ? err.message : String(err), reason }, 'could not record event');
    }
  }
}
