// The in-cluster MaterialStore: the CA Secret and the serving Secret (cert-manager's
// kubernetes.io/tls layout, see secret-layout.ts). `version` holds both resourceVersions
// (opaque, compared by equality only). A save creates a missing Secret (AlreadyExists:
// another replica was first) or updates it with the resourceVersion it read (409: another
// replica wrote since); either way the caller re-reads and serves what the winner stored.
// The CA Secret is written first: a reader in between sees the new CA (and the old one still
// in ca.crt) with the old leaf, which is still valid and trusted.
import { isConflict, isNotFound, KubeApiError, type KubeClient } from '../controller/runtime/kube-client.ts';
import { coreResources, type KubeObject } from '../controller/runtime/types.ts';
import type { MaterialStore, SaveResult, StoredMaterial } from './material-store.ts';
import { watchNamedObject } from './named-watch.ts';
import { caSecretData, materialFromSecrets, servingSecretData, TLS_SECRET_TYPE, type SecretData } from './secret-layout.ts';
import type { CertificateMaterial, CertLogger } from './types.ts';

export interface SecretMaterialStoreOptions {
  client: KubeClient;
  namespace: string;
  caSecret: string;
  servingSecret: string;
  /** Labels put on Secrets this store creates. */
  labels?: Record<string, string>;
  logger?: CertLogger;
}

type Secret = KubeObject & { type?: string; data?: SecretData };
type Role = 'ca' | 'serving';

/** The compare-and-swap token: both resourceVersions ('' for a missing Secret). */
function versionOf(ca: Secret | undefined, serving: Secret | undefined): string {
  return JSON.stringify([ca?.metadata.resourceVersion ?? '', serving?.metadata.resourceVersion ?? '']);
}

export class SecretMaterialStore implements MaterialStore {
  readonly description: string;
  private readonly options: SecretMaterialStoreOptions;
  /** What the last load saw, so a save can leave an unchanged Secret alone. */
  private lastLoaded: { version: string; ca: Secret | undefined; serving: Secret | undefined } | undefined;

  constructor(options: SecretMaterialStoreOptions) {
    this.options = options;
    this.description = `Secrets ${options.namespace}/${options.caSecret} and ${options.namespace}/${options.servingSecret}`;
  }

  async load(): Promise<StoredMaterial | undefined> {
    const [ca, serving] = await Promise.all([this.get(this.options.caSecret), this.get(this.options.servingSecret)]);
    const version = versionOf(ca, serving);
    this.lastLoaded = { version, ca, serving };
    if (!ca && !serving) return undefined;
    return { material: materialFromSecrets(serving?.data, ca?.data), version };
  }

  async save(material: CertificateMaterial, expectedVersion: string | undefined): Promise<SaveResult> {
    const known = this.lastLoaded?.version === (expectedVersion ?? versionOf(undefined, undefined)) ? this.lastLoaded : undefined;
    const [caRv, servingRv] = expectedVersion ? (JSON.parse(expectedVersion) as [string, string]) : ['', ''];
    const writes: [Role, string, SecretData, string, Secret | undefined][] = [
      ['ca', this.options.caSecret, caSecretData(material), caRv, known?.ca],
      ['serving', this.options.servingSecret, servingSecretData(material), servingRv, known?.serving],
    ];
    for (const [, name, data, resourceVersion, previous] of writes) {
      if (previous && sameData(previous.data, data)) continue;
      if ((await this.write(name, data, resourceVersion, previous)) === 'conflict') return 'conflict';
    }
    return 'saved';
  }

  /** The CA Secret's ca.crt (PEM): the bundle webhook clients must trust; undefined until written. */
  async caBundle(): Promise<string | undefined> {
    const ca = await this.get(this.options.caSecret);
    return ca ? materialFromSecrets(undefined, ca.data).caBundle : undefined;
  }

  /** Watches both Secrets; any change (ours or another replica's) calls `onChange`. */
  watch(onChange: () => void): () => void {
    const { client, namespace, logger } = this.options;
    const stops = [this.options.caSecret, this.options.servingSecret].map((name) =>
      watchNamedObject({ client, resource: coreResources.secret, namespace, name, onEvent: () => onChange(), ...(logger ? { logger } : {}) }),
    );
    return () => stops.forEach((stop) => stop());
  }

  private async get(name: string): Promise<Secret | undefined> {
    try {
      return await this.options.client.get<Secret>(coreResources.secret, this.options.namespace, name);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw describeError(error, `read Secret ${this.options.namespace}/${name}`);
    }
  }

  private async write(name: string, data: SecretData, resourceVersion: string, previous: Secret | undefined): Promise<SaveResult> {
    const { client, namespace, labels } = this.options;
    try {
      if (!resourceVersion) {
        await client.create<Secret>(coreResources.secret, {
          metadata: { name, namespace, ...(labels ? { labels } : {}) },
          type: TLS_SECRET_TYPE,
          data,
        });
      } else {
        // Keeps metadata the Secret already has (labels, annotations, owner references).
        const metadata = { ...(previous?.metadata ?? { name, namespace }), name, namespace, resourceVersion };
        await client.replace<Secret>(coreResources.secret, { metadata, type: previous?.type ?? TLS_SECRET_TYPE, data });
      }
      return 'saved';
    } catch (error) {
      if (isConflict(error)) return 'conflict';
      // Updating a Secret that was deleted since we read it: someone else is changing things.
      if (resourceVersion && isNotFound(error)) return 'conflict';
      throw describeError(error, `write Secret ${namespace}/${name}`);
    }
  }
}

function sameData(current: SecretData | undefined, desired: SecretData): boolean {
  const keys = Object.keys(desired);
  return keys.length === Object.keys(current ?? {}).length && keys.every((key) => current?.[key] === desired[key]);
}

/** An error naming the Secret and the API answer; never the Secret's data. */
function describeError(error: unknown, what: string): Error {
  if (error instanceof KubeApiError) return new Error(`${what}: ${error.code} ${error.reason}: ${error.message}`);
  return new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
}
