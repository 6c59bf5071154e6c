// Which entities read a Secret, so a Secret change (a renewed certificate, a new plugin config)
// reconciles them at once rather than at the next sync period. A reconcile reads the Secret live
// and compares the desired body, so a changed value is written and an unchanged one costs no write.
// Found through indexes: an entity's own references (KongCertificate `secretRef`), and a parent's
// (KongPluginBinding <- its KongPlugin's `configFrom`/`configPatches`), both derived from the
// kind's own `secrets` function, so no kind is named here.
import type { Informer } from '../runtime/informer.ts';
import type { IndexFunction } from '../runtime/object-cache.ts';
import { keyOf, type KubeObject, type ResourceDescriptor } from '../runtime/types.ts';
import type { EntityKind, SecretUse } from './entity-kinds.ts';
import { refKey } from './refs.ts';

const SECRET_REFS = 'secretRefs';
const secretKey = (namespace: string | undefined, name: string) => refKey('Secret', namespace, name);
const NO_ENTITY: KubeObject = { metadata: {} };

/** A kind's `secrets` as index keys; never throws (an index function that throws breaks the cache). */
function secretKeys(uses: () => SecretUse[]): string[] {
  try {
    return uses().map((use) => secretKey(use.namespace, use.name));
  } catch {
    return [];
  }
}

export interface SecretWatchSetup {
  /** Add an indexer to the informer of a kind (the manager's shared one). */
  informer(resource: ResourceDescriptor, indexers: Record<string, IndexFunction>): Informer;
}

/**
 * Indexes the entity kind (and its parents) by the Secrets they make it read; returns the map
 * from a Secret to the entity keys to reconcile, or undefined when the kind reads no Secret.
 */
export function secretDependents(kind: EntityKind, entities: Informer, setup: SecretWatchSetup): ((secret: KubeObject) => string[]) | undefined {
  const secrets = kind.secrets;
  if (!secrets) return undefined;
  entities.cache.addIndexer(SECRET_REFS, (obj) => secretKeys(() => secrets(obj, {})));
  const parentIndex = `${SECRET_REFS}:${kind.kind}`;
  const parents = kind.parents.map((parent) => ({
    parent,
    informer: setup.informer(parent.resource, { [parentIndex]: (obj) => secretKeys(() => secrets(NO_ENTITY, { [parent.name]: obj })) }),
  }));
  return (secret) => {
    const key = secretKey(secret.metadata.namespace, secret.metadata.name ?? '');
    const out = new Set(entities.byIndex(SECRET_REFS, key).map(keyOf));
    for (const { parent, informer } of parents) {
      for (const via of informer.byIndex(parentIndex, key)) {
        for (const dependent of entities.byIndex('refs', refKey(parent.kind, via.metadata.namespace, via.metadata.name ?? ''))) out.add(keyOf(dependent));
      }
    }
    return [...out];
  };
}
