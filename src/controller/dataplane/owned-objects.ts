// Finding a DataPlane's objects again. Most are created with generateName, so they are found by
// their labels (in the informer cache, indexed by owner uid and part), never by name. Two gaps
// are closed here: an object we just created or updated that the watch has not delivered yet
// (remembered until the cache catches up), and a create whose answer was lost (the write may
// have happened: the next lookup lists live by label selector before anything is created again).
import type { KubeClient } from '../runtime/kube-client.ts';
import type { Informer } from '../runtime/informer.ts';
import type { IndexFunction } from '../runtime/object-cache.ts';
import type { KubeObject, ResourceDescriptor } from '../runtime/types.ts';
import { labels, MANAGED_BY_VALUE, type Part } from './constants.ts';

export const OWNER_PART_INDEX = 'dataplane-owner-part';

/** Index value `<owner uid>/<part>` of objects a DataPlane controls. */
export const byOwnerAndPart: IndexFunction = (obj) => {
  const part = obj.metadata.labels?.[labels.part];
  if (!part || obj.metadata.labels?.[labels.managedBy] !== MANAGED_BY_VALUE) return [];
  return (obj.metadata.ownerReferences ?? []).filter((r) => r.kind === 'DataPlane' && r.controller === true).map((r) => `${r.uid}/${part}`);
};

interface Written {
  /** resourceVersion of the cached object the write replaced ('' for a create). */
  fromRv: string;
  object: KubeObject;
}

/**
 * What we wrote, by object key, until the informer shows it: while the cache still holds the
 * version we replaced (or nothing, after a create), reads see what we wrote instead.
 */
export class WriteOverlay {
  private readonly written = new Map<string, Written>();

  remember(key: string, fromRv: string, object: KubeObject): void {
    this.written.set(key, { fromRv, object });
  }

  /** The freshest view of an object given what the cache holds. */
  view(key: string, cached: KubeObject | undefined): KubeObject | undefined {
    const entry = this.written.get(key);
    if (!entry) return cached;
    if ((cached?.metadata.resourceVersion ?? '') === entry.fromRv) return entry.object;
    this.written.delete(key);
    return cached;
  }

  /** Objects created by us that the cache has not shown yet, matching a predicate. */
  pendingCreates(predicate: (obj: KubeObject) => boolean): KubeObject[] {
    return [...this.written.values()].filter((w) => w.fromRv === '' && predicate(w.object)).map((w) => w.object);
  }

  forget(key: string): void {
    this.written.delete(key);
  }

  get size(): number {
    return this.written.size;
  }
}

const objectKeyOf = (resource: ResourceDescriptor, obj: KubeObject) => `${resource.plural}/${obj.metadata.namespace}/${obj.metadata.name}`;

export class OwnedObjects {
  readonly overlay = new WriteOverlay();
  private readonly uncertain = new Set<string>();
  private readonly client: KubeClient;

  constructor(client: KubeClient) {
    this.client = client;
  }

  key(resource: ResourceDescriptor, obj: KubeObject): string {
    return objectKeyOf(resource, obj);
  }

  /** Marks a create whose outcome is unknown: the next lookup of this part lists live. */
  markUncertain(ownerUid: string, part: Part): void {
    this.uncertain.add(`${ownerUid}/${part}`);
  }

  /** All objects of one part of one DataPlane, oldest first. */
  async find(informer: Informer, ownerUid: string, part: Part, liveSelector: string): Promise<KubeObject[]> {
    const resource = informer.resource;
    const indexValue = `${ownerUid}/${part}`;
    let found: KubeObject[];
    if (this.uncertain.has(indexValue)) {
      const live = await this.client.list(resource, undefined, { labelSelector: liveSelector });
      found = live.items.filter((o) => byOwnerAndPart(o).includes(indexValue));
      this.uncertain.delete(indexValue);
    } else {
      found = informer.byIndex(OWNER_PART_INDEX, indexValue).map((o) => this.overlay.view(objectKeyOf(resource, o), o)!);
    }
    const names = new Set(found.map((o) => o.metadata.name));
    for (const pending of this.overlay.pendingCreates((o) => byOwnerAndPart(o).includes(indexValue) && o.kind === resource.kind)) {
      const key = objectKeyOf(resource, pending);
      if (names.has(pending.metadata.name)) this.overlay.forget(key);
      else found.push(pending);
    }
    return found.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  }
}
