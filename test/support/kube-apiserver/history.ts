// The bounded event history watches replay from, and the fan-out to open watches. An event
// older than the history is compacted: a watch from before it gets `410 Expired`.
import type { KubeObject, Matcher } from './selectors.ts';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredEvent {
  rv: number;
  typeKey: string;
  type: EventType;
  object: KubeObject;
  /** The object before a MODIFIED, so selector watches can turn it into ADDED/DELETED. */
  previous?: KubeObject;
}

export interface WatchFilter {
  typeKey: string;
  namespace?: string;
  labels: Matcher;
  fields: Matcher;
}

export type WatchSink = (type: EventType, object: KubeObject) => void;

interface Subscription {
  filter: WatchFilter;
  sink: WatchSink;
}

export function matches(filter: WatchFilter, obj: KubeObject): boolean {
  if (filter.namespace !== undefined && obj.metadata.namespace !== filter.namespace) return false;
  return filter.labels(obj) && filter.fields(obj);
}

/** Translates a stored event for one watch: objects entering or leaving its selector. */
function translate(filter: WatchFilter, event: StoredEvent): EventType | undefined {
  const now = matches(filter, event.object);
  if (event.type !== 'MODIFIED') return now ? event.type : undefined;
  const before = event.previous !== undefined && matches(filter, event.previous);
  if (now) return before ? 'MODIFIED' : 'ADDED';
  return before ? 'DELETED' : undefined;
}

export class EventHistory {
  private events: StoredEvent[] = [];
  private start = 0;
  private readonly subscriptions = new Set<Subscription>();
  /** The highest resourceVersion that can no longer be replayed. */
  compactedRv = 0;
  readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  record(event: StoredEvent): void {
    this.events.push(event);
    if (this.events.length - this.start > this.limit) {
      this.compactedRv = this.events[this.start]!.rv;
      this.start++;
      if (this.start > 1024 && this.start * 2 > this.events.length) {
        this.events = this.events.slice(this.start);
        this.start = 0;
      }
    }
    for (const sub of [...this.subscriptions]) {
      if (sub.filter.typeKey !== event.typeKey) continue;
      const type = translate(sub.filter, event);
      if (type) sub.sink(type, event.object);
    }
  }

  /** Drops every replayable event: watches from any earlier resourceVersion will expire. */
  compact(currentRv: number): void {
    this.events = [];
    this.start = 0;
    this.compactedRv = currentRv;
  }

  isExpired(rv: number): boolean {
    return rv < this.compactedRv;
  }

  /** Replays events after `rv` to the sink, then keeps delivering new ones. Returns unsubscribe. */
  subscribe(filter: WatchFilter, fromRv: number | undefined, sink: WatchSink): () => void {
    if (fromRv !== undefined) {
      for (let i = this.start; i < this.events.length; i++) {
        const event = this.events[i]!;
        if (event.rv <= fromRv || event.typeKey !== filter.typeKey) continue;
        const type = translate(filter, event);
        if (type) sink(type, event.object);
      }
    }
    const sub: Subscription = { filter, sink };
    this.subscriptions.add(sub);
    return () => this.subscriptions.delete(sub);
  }

  get watchCount(): number {
    return this.subscriptions.size;
  }
}
