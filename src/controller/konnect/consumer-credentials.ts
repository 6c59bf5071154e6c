// KongConsumer `credentials` (KIC style: names of Secrets labelled `konghq.com/credential: <type>`)
// for consumers in Konnect, as Kong Operator does: each such Secret becomes a managed
// KongCredential* object (generateName `<consumer>-`, controller owner the consumer, a second
// owner reference to the Secret), which the credential's own controller then programs in Konnect.
// A changed Secret updates its credential; a Secret dropped from the list (or gone, or no longer
// valid) deletes it. Unlike Kong Operator, credentials are matched per Secret, so a consumer may
// list two Secrets of one type. Secret values never appear in logs or errors.
import type { Logger } from 'pino';
import { KubeApiError, type KubeClient } from '../runtime/kube-client.ts';
import { PendingCreates } from '../runtime/pending-creates.ts';
import type { Informer } from '../runtime/informer.ts';
import { objectKey, splitKey, type KubeObject, type OwnerReference, type ResourceDescriptor } from '../runtime/types.ts';
import { entityKindByName } from './entity-kinds.ts';
import { konnectControlPlaneRef } from './references.ts';

export const CREDENTIAL_TYPE_LABEL = 'konghq.com/credential';

type Data = Record<string, string>;

interface CredentialType {
  kind: string;
  /** The credential's spec fields from the Secret's (decoded) data, or the first missing key. */
  spec(data: Data): { spec: Record<string, string> } | { missing: string; why?: string };
}

const required = (data: Data, keys: string[]): { spec: Record<string, string> } | { missing: string } => {
  const missing = keys.find((key) => data[key] === undefined);
  return missing ? { missing } : { spec: Object.fromEntries(keys.map((key) => [key, data[key]!])) };
};

const JWT_ALGORITHMS = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA']);
const JWT_NEEDS_RSA_KEY = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA']);

/** The `konghq.com/credential` values Kong Operator accepts, and what each becomes. */
export const credentialTypes: Record<string, CredentialType> = {
  'basic-auth': { kind: 'KongCredentialBasicAuth', spec: (d) => required(d, ['username', 'password']) },
  'key-auth': { kind: 'KongCredentialAPIKey', spec: (d) => required(d, ['key']) },
  acl: { kind: 'KongCredentialACL', spec: (d) => required(d, ['group']) },
  hmac: { kind: 'KongCredentialHMAC', spec: (d) => required(d, ['username', 'secret']) },
  jwt: {
    kind: 'KongCredentialJWT',
    spec(d) {
      const base = required(d, ['key', 'algorithm']);
      if (!('spec' in base)) return base;
      const algorithm = base.spec.algorithm!;
      if (!JWT_ALGORITHMS.has(algorithm)) return { missing: 'algorithm', why: `algorithm ${JSON.stringify(algorithm)} is not supported` };
      if (JWT_NEEDS_RSA_KEY.has(algorithm) && d.rsa_public_key === undefined) return { missing: 'rsa_public_key', why: `key rsa_public_key is required when algorithm is ${algorithm}` };
      const spec = { ...base.spec };
      if (d.rsa_public_key !== undefined) spec.rsa_public_key = d.rsa_public_key;
      if (d.secret !== undefined) spec.secret = d.secret;
      return { spec };
    },
  },
};

const credentialResources: ResourceDescriptor[] = [...new Set(Object.values(credentialTypes).map((t) => t.kind))]
  .map((kind) => entityKindByName.get(kind)!.resource);

/** The Secret names a consumer lists (same namespace), when it is a Konnect consumer. */
export function credentialSecretNames(consumer: KubeObject): string[] {
  const ref = konnectControlPlaneRef(consumer);
  if (!ref || ref === 'other') return [];
  const names = (consumer as { credentials?: unknown }).credentials;
  return Array.isArray(names) ? [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))] : [];
}

/** What a Secret makes of a credential, or why it makes none (never its values). */
export function desiredCredential(secret: KubeObject & { data?: Data }): { kind: string; spec: Record<string, string> } | { problem: string } {
  const ref = `${secret.metadata.namespace}/${secret.metadata.name}`;
  const type = secret.metadata.labels?.[CREDENTIAL_TYPE_LABEL];
  if (type === undefined) return { problem: `Secret ${ref} used as credential, but lacks ${CREDENTIAL_TYPE_LABEL} label` };
  const known = Object.hasOwn(credentialTypes, type) ? credentialTypes[type] : undefined;
  if (!known) return { problem: `Secret ${ref} used as credential, but has unsupported type ${type}` };
  const data: Data = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) data[key] = Buffer.from(value, 'base64').toString('utf8');
  const result = known.spec(data);
  if ('spec' in result) return { kind: known.kind, spec: result.spec };
  return { problem: `Secret ${ref} used as ${type} credential, but ${result.why ?? `lacks ${result.missing} key`}` };
}

const ownedBy = (obj: KubeObject, uid: string | undefined) => (obj.metadata.ownerReferences ?? []).some((o) => o.uid === uid);
const controllerOwner = (obj: KubeObject) => (obj.metadata.ownerReferences ?? []).find((o) => o.controller === true);

export interface ConsumerCredentialsOptions {
  client: KubeClient;
  consumers: Informer;
  secrets: Informer;
  /** The credential kinds' informers (shared with their own controllers). */
  credentials: (resource: ResourceDescriptor) => Informer;
  log: Logger;
}

/** Spec fields a Secret can set: one the Secret no longer has is cleared on the credential. */
const SECRET_FIELDS = ['username', 'password', 'key', 'group', 'secret', 'algorithm', 'rsa_public_key'];

/** The reconciler: one consumer's managed credentials made to match its `credentials` Secrets. */
export function consumerCredentialsReconciler(options: ConsumerCredentialsOptions) {
  const { client, log } = options;
  // Credentials created but not yet in the cache, by `consumer uid/secret uid/kind`.
  const creates = new PendingCreates();
  return async (key: string): Promise<{ requeue?: boolean; requeueAfter?: number }> => {
    const { namespace, name } = splitKey(key);
    const consumer = options.consumers.get(namespace, name);
    const managed = credentialResources.flatMap((resource) => options.credentials(resource).list(namespace)
      .filter((cred) => controllerOwner(cred)?.kind === 'KongConsumer' && controllerOwner(cred)?.name === name && (!consumer || controllerOwner(cred)?.uid === consumer.metadata.uid))
      .map((cred) => ({ resource, cred })));
    // Gone or being deleted: the owner references hand the credentials to garbage collection.
    if (!consumer || consumer.metadata.deletionTimestamp) return {};

    const keep = new Set<KubeObject>();
    let problems = false;
    let pending = false;
    for (const secretName of credentialSecretNames(consumer)) {
      const secret = options.secrets.get(namespace, secretName) as (KubeObject & { data?: Data }) | undefined;
      if (!secret) {
        log.warn({ consumer: key, secret: secretName }, `Secret ${objectKey(namespace, secretName)} listed in credentials does not exist`);
        problems = true;
        continue;
      }
      const desired = desiredCredential(secret);
      if ('problem' in desired) {
        log.warn({ consumer: key }, desired.problem);
        problems = true;
        continue;
      }
      const resource = entityKindByName.get(desired.kind)!.resource;
      const expectation = `${consumer.metadata.uid}/${secret.metadata.uid}/${desired.kind}`;
      // Oldest first: should duplicates exist (a lost create answer), the oldest is kept.
      const mine = managed.filter((m) => m.resource === resource && ownedBy(m.cred, secret.metadata.uid))
        .sort((a, b) => (a.cred.metadata.creationTimestamp ?? '').localeCompare(b.cred.metadata.creationTimestamp ?? '') || a.cred.metadata.name!.localeCompare(b.cred.metadata.name!));
      const existing = mine[0];
      if (existing) {
        creates.seen(expectation);
        keep.add(existing.cred);
        const current = (existing.cred.spec ?? {}) as Record<string, unknown>;
        const patch: Record<string, unknown> = { ...desired.spec };
        for (const field of SECRET_FIELDS) if (current[field] !== undefined && !(field in desired.spec)) patch[field] = null;
        const differs = Object.entries(patch).some(([field, value]) => (current[field] ?? null) !== value) || (current.consumerRef as { name?: string } | undefined)?.name !== name;
        if (differs) await client.patch(resource, namespace, existing.cred.metadata.name!, 'merge', { spec: { ...patch, consumerRef: { name } } });
        continue;
      }
      if (creates.isPending(expectation)) {
        pending = true;
        continue;
      }
      const owners: OwnerReference[] = [
        { apiVersion: consumer.apiVersion ?? 'configuration.konghq.com/v1', kind: 'KongConsumer', name, uid: consumer.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
        { apiVersion: 'v1', kind: 'Secret', name: secretName, uid: secret.metadata.uid ?? '' },
      ];
      await client.create(resource, {
        apiVersion: `${resource.group}/${resource.version}`, kind: resource.kind,
        metadata: { generateName: `${name}-`, namespace, ownerReferences: owners },
        spec: { ...desired.spec, consumerRef: { name } },
      });
      creates.created(expectation);
      pending = true;
    }
    for (const { resource, cred } of managed) {
      if (keep.has(cred) || cred.metadata.deletionTimestamp) continue;
      try {
        await client.delete(resource, namespace, cred.metadata.name!);
      } catch (error) {
        if (!(error instanceof KubeApiError && error.code === 404)) throw error;
      }
    }
    // A missing or invalid Secret is retried with backoff (its own events also wake this up);
    // a create not yet in the cache is looked at again shortly.
    if (problems) return { requeue: true };
    return pending ? { requeueAfter: 200 } : {};
  };
}
