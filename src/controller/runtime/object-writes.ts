// Writes reconcilers need: status through the /status subresource with conflict retry,
// finalizer add/remove with optimistic concurrency.
import { isConflict, type KubeClient } from './kube-client.ts';
import type { KubeObject, ResourceDescriptor } from './types.ts';

/**
 * Reads the object fresh, lets `mutate` change its status, writes it through `/status`; on a
 * conflict reads again and retries (up to `attempts`). No write when the status is unchanged.
 * Returns the stored object, or undefined when it no longer exists.
 */
export async function updateStatus<T extends KubeObject>(
  client: KubeClient, resource: ResourceDescriptor, namespace: string | undefined, name: string,
  mutate: (obj: T) => void, attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const current = await client.get<T>(resource, namespace, name);
    const before = JSON.stringify(current.status ?? null);
    mutate(current);
    if (JSON.stringify(current.status ?? null) === before) return current;
    try {
      return await client.replace<T>(resource, current, 'status');
    } catch (err) {
      if (!isConflict(err) || attempt >= attempts) throw err;
    }
  }
}

export const hasFinalizer = (obj: KubeObject, finalizer: string) => (obj.metadata.finalizers ?? []).includes(finalizer);

async function setFinalizers<T extends KubeObject>(client: KubeClient, resource: ResourceDescriptor, obj: T, finalizers: string[]): Promise<T> {
  // The resourceVersion in the patch is a precondition: 409 Conflict if someone wrote in between.
  return client.patch<T>(resource, obj.metadata.namespace, obj.metadata.name!, 'merge', {
    metadata: { finalizers, resourceVersion: obj.metadata.resourceVersion },
  });
}

/** Adds the finalizer (no-op when present); conflicts surface as errors for the queue to retry. */
export async function addFinalizer<T extends KubeObject>(client: KubeClient, resource: ResourceDescriptor, obj: T, finalizer: string): Promise<T> {
  if (hasFinalizer(obj, finalizer)) return obj;
  return setFinalizers(client, resource, obj, [...(obj.metadata.finalizers ?? []), finalizer]);
}

export async function removeFinalizer<T extends KubeObject>(client: KubeClient, resource: ResourceDescriptor, obj: T, finalizer: string): Promise<T> {
  if (!hasFinalizer(obj, finalizer)) return obj;
  return setFinalizers(client, resource, obj, (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer));
}

/** True for a conflict the caller should answer by requeueing (the cache will catch up). */
export const shouldRequeue = (err: unknown) => isConflict(err);
