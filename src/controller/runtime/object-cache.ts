// The shared cache of one kind: objects by `namespace/name`, plus named indexes kept up to date
// on every write, so lookups by index are O(1) + the size of the answer.
import { keyOf, objectKey, type KubeObject } from './types.ts';

/** Index values of one object (e.g. its label value, a referenced Secret's key). */
export type IndexFunction<T extends KubeObject = KubeObject> = (obj: T) => string[];

export const byNamespace: IndexFunction = (obj) => [obj.metadata.namespace ?? ''];
export const byLabel = (label: string): IndexFunction => (obj) => {
  const value = obj.metadata.labels?.[label];
  return value === undefined ? [] : [value];
};
/** Owner keys (`namespace/name`) of controller owner references of one kind. */
export const byControllerOwner = (ownerKind: string): IndexFunction => (obj) =>
  (obj.metadata.ownerReferences ?? []).filter((r) => r.kind === ownerKind && r.controller === true)
    .map((r) => objectKey(obj.metadata.namespace, r.name));

export class ObjectCache<T extends KubeObject = KubeObject> {
  private readonly objects = new Map<string, T>();
  private readonly indexers = new Map<string, IndexFunction<T>>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private readonly indexed = new Map<string, Map<string, string[]>>();

  constructor(indexers: Record<string, IndexFunction<T>> = {}) {
    this.addIndexer('namespace', byNamespace as IndexFunction<T>);
    for (const [name, fn] of Object.entries(indexers)) this.addIndexer(name, fn);
  }

  addIndexer(name: string, fn: IndexFunction<T>): void {
    if (this.indexers.has(name)) throw new Error(`index ${name} already exists`);
    this.indexers.set(name, fn);
    this.indexes.set(name, new Map());
    this.indexed.set(name, new Map());
    for (const [key, obj] of this.objects) this.index(name, key, obj);
  }

  get size(): number {
    return this.objects.size;
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.objects.get(objectKey(namespace, name));
  }

  getByKey(key: string): T | undefined {
    return this.objects.get(key);
  }

  keys(): string[] {
    return [...this.objects.keys()];
  }

  list(namespace?: string): T[] {
    return namespace === undefined ? [...this.objects.values()] : this.byIndex('namespace', namespace);
  }

  byIndex(indexName: string, value: string): T[] {
    const index = this.indexes.get(indexName);
    if (!index) throw new Error(`no index named ${indexName}`);
    return [...(index.get(value) ?? [])].map((key) => this.objects.get(key)!);
  }

  /** Stores the object; returns the previous version. */
  upsert(obj: T): T | undefined {
    const key = keyOf(obj);
    const old = this.objects.get(key);
    if (old) this.unindex(key);
    this.objects.set(key, obj);
    for (const name of this.indexers.keys()) this.index(name, key, obj);
    return old;
  }

  remove(key: string): T | undefined {
    const old = this.objects.get(key);
    if (!old) return undefined;
    this.unindex(key);
    this.objects.delete(key);
    return old;
  }

  private index(name: string, key: string, obj: T): void {
    const values = [...new Set(this.indexers.get(name)!(obj))];
    if (values.length === 0) return;
    this.indexed.get(name)!.set(key, values);
    const index = this.indexes.get(name)!;
    for (const value of values) {
      let keys = index.get(value);
      if (!keys) index.set(value, (keys = new Set()));
      keys.add(key);
    }
  }

  private unindex(key: string): void {
    for (const [name, byKey] of this.indexed) {
      const values = byKey.get(key);
      if (!values) continue;
      byKey.delete(key);
      const index = this.indexes.get(name)!;
      for (const value of values) {
        const keys = index.get(value);
        keys?.delete(key);
        if (keys && keys.size === 0) index.delete(value);
      }
    }
  }
}
