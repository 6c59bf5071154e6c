// Reconciles one DataPlane: its ingress and admin Services, its admin certificate Secret, its
// Deployment and its status. Desired state comes from the pure functions in desired.ts; this
// file only reads the caches, compares and writes what differs.
//
// Writes are updates with the resourceVersion we compared against (not server-side apply):
// most objects are created with generateName (apply needs a name), we compare our fields
// ourselves (so a resync with nothing changed sends nothing), an update conditional on the
// version we read never overwrites a change we did not see (a 409 retries against fresh
// state), and a full replace of the fields we own also removes what someone added to our
// lists (an extra container or env var), which a forced apply would leave in place.
import { pino, type Logger } from 'pino';
import type { KeySource } from '../../certs/keys.ts';
import { KubeApiError, isNotFound, type KubeClient } from '../runtime/kube-client.ts';
import type { Informer } from '../runtime/informer.ts';
import { coreResources, type KubeObject, type ResourceDescriptor, splitKey } from '../runtime/types.ts';
import { type ClusterCa, certificateProblem, issueAdminCertificate } from './admin-certificate.ts';
import { drift, keepServiceAllocations, withOwnedFields } from './compare.ts';
import { DATAPLANE_GROUP, dataPlaneResource, extensionReasons, readyReasons, type Part } from './constants.ts';
import { desiredAdminService, desiredCertificateSecret, desiredDeployment, desiredIngressService, partSelector, statusSelector } from './desired.ts';
import { extensionRefs, isKonnectExtensionRef, KONNECT_GROUP, resolveExtension, type ExtensionLookup } from './konnect-extension.ts';
import { OwnedObjects } from './owned-objects.ts';
import { computeStatus, statusUpToDate, type ConditionInput } from './status.ts';

export interface DataPlaneCaches {
  dataPlanes: Informer;
  deployments: Informer;
  services: Informer;
  secrets: Informer;
  gatewayOperatorExtensions?: Informer;
  konnectExtensions?: Informer;
  konnectControlPlanes?: Informer;
}

export interface DataPlaneReconcilerOptions {
  client: KubeClient;
  caches: DataPlaneCaches;
  clusterCa: ClusterCa;
  /** Key generator for admin certificates (tests and benchmarks pass a pool). */
  keys?: KeySource;
  clock?: () => number;
  logger?: Logger;
}

export interface ReconcileResult {
  requeueAfter?: number;
}

/** What one pass did, for logs and tests. */
interface PassState {
  writes: string[];
}

export class DataPlaneReconciler {
  readonly owned: OwnedObjects;
  private readonly options: DataPlaneReconcilerOptions;
  private readonly log: Logger;
  private readonly clock: () => number;

  constructor(options: DataPlaneReconcilerOptions) {
    this.options = options;
    this.owned = new OwnedObjects(options.client);
    this.log = (options.logger ?? pino({ level: 'silent' })).child({ controller: 'dataplane' });
    this.clock = options.clock ?? Date.now;
  }

  get lookup(): ExtensionLookup {
    const { caches } = this.options;
    return {
      konnectExtension: (group, ns, name) => (group === DATAPLANE_GROUP ? caches.gatewayOperatorExtensions : group === KONNECT_GROUP ? caches.konnectExtensions : undefined)?.get(ns, name),
      konnectControlPlane: (ns, name) => caches.konnectControlPlanes?.get(ns, name),
      secret: (ns, name) => caches.secrets.get(ns, name),
    };
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const cached = this.options.caches.dataPlanes.get(namespace, name);
    const dataPlane = this.owned.overlay.view(this.owned.key(dataPlaneResource, { metadata: { namespace, name } }), cached);
    if (!dataPlane || dataPlane.metadata.deletionTimestamp) return {}; // owner references clean up
    const pass: PassState = { writes: [] };
    const { caches } = this.options;

    const refs = extensionRefs(dataPlane);
    const unsupported = refs.filter((r) => !isKonnectExtensionRef(r));
    const acceptedExtensions: ConditionInput | undefined = refs.length === 0 ? undefined : unsupported.length > 0
      ? { status: 'False', reason: 'NotSupportedExtensions', message: `unsupported extensions: ${unsupported.map((r) => `${r.group}/${r.kind} ${r.name}`).join(', ')}` }
      : { status: 'True', reason: 'AcceptedExtensions', message: 'All extensions are accepted' };
    const extension = resolveExtension(dataPlane, this.lookup);
    const konnectExtension: ConditionInput | undefined = extension.state === 'none' ? undefined : extension.state === 'applied'
      ? { status: 'True', reason: extensionReasons.applied, message: extension.message }
      : { status: 'False', reason: extension.reason, message: extension.message };

    let blocker: { reason: string; message: string } | undefined;
    const ingress = await this.ensure(pass, dataPlane, caches.services, 'ingress-service', desiredIngressService(dataPlane));
    const admin = await this.ensure(pass, dataPlane, caches.services, 'admin-service', desiredAdminService(dataPlane));
    const certificate = await this.ensureCertificate(pass, dataPlane, admin.metadata.name!);

    let deployment = (await this.owned.find(caches.deployments, dataPlane.metadata.uid!, 'deployment', partSelector(dataPlane, 'deployment')))[0];
    if (extension.state === 'problem') {
      // Keep whatever runs; a Deployment without its Konnect certificate would only crash-loop.
      blocker = {
        reason: extension.reason === extensionReasons.invalidSecret || extension.reason === extensionReasons.notReady ? readyReasons.referencedResourcesNotAvailable : readyReasons.validationFailed,
        message: `KonnectExtension not applied: ${extension.message}`,
      };
    } else {
      const konnect = extension.state === 'applied' ? { env: extension.env, secretName: extension.secretName } : undefined;
      deployment = await this.ensure(pass, dataPlane, caches.deployments, 'deployment',
        desiredDeployment(dataPlane, { certSecretName: certificate.metadata.name!, ...(konnect ? { konnect } : {}) }));
    }

    const status = computeStatus(dataPlane, {
      ...(deployment ? { deployment } : {}), ingressService: ingress, selector: statusSelector(dataPlane),
      ...(blocker ? { blocker } : {}), ...(konnectExtension ? { konnectExtension } : {}), ...(acceptedExtensions ? { acceptedExtensions } : {}),
      now: new Date(this.clock()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    if (!statusUpToDate(dataPlane, status)) {
      try {
        const updated = await this.options.client.patch(dataPlaneResource, namespace, name, 'merge', { status }, { subresource: 'status' });
        this.owned.overlay.remember(this.owned.key(dataPlaneResource, dataPlane), cached?.metadata.resourceVersion ?? '', updated);
        pass.writes.push('status');
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    if (pass.writes.length > 0) this.log.debug({ dataPlane: key, writes: pass.writes }, 'reconciled');
    return {};
  }

  /**
   * One owned object: found by labels, created when missing, updated when our fields drifted,
   * duplicates (and objects under an old fixed name) deleted. Returns the current object.
   */
  private async ensure(pass: PassState, dataPlane: KubeObject, informer: Informer, part: Part, desired: KubeObject): Promise<KubeObject> {
    const resource = informer.resource;
    const found = await this.owned.find(informer, dataPlane.metadata.uid!, part, partSelector(dataPlane, part));
    const fixedName = desired.metadata.name;
    const keepIndex = fixedName ? found.findIndex((o) => o.metadata.name === fixedName) : 0;
    const actual = keepIndex >= 0 ? found[keepIndex] : undefined;
    for (const extra of found.filter((o) => o !== actual)) await this.remove(pass, resource, extra);
    if (!actual) return this.create(pass, dataPlane, resource, part, desired);
    const fields = resource.kind === 'Secret' ? ['type'] : ['spec'];
    const changed = drift(desired, actual, fields);
    if (changed.length === 0) return actual;
    const body = withOwnedFields(desired, actual, fields, resource.kind === 'Service' ? keepServiceAllocations : undefined);
    return this.update(pass, resource, actual, body, `${part} ${changed.join(',')}`);
  }

  private async ensureCertificate(pass: PassState, dataPlane: KubeObject, adminService: string): Promise<KubeObject> {
    const { caches, clusterCa } = this.options;
    const ns = dataPlane.metadata.namespace!;
    const found = await this.owned.find(caches.secrets, dataPlane.metadata.uid!, 'admin-certificate', partSelector(dataPlane, 'admin-certificate'));
    const [actual, ...extras] = found;
    for (const extra of extras) await this.remove(pass, coreResources.secret, extra);
    const ca = await clusterCa.get();
    const now = this.clock();
    const problem = certificateProblem(actual, clusterCa.certificate!, adminService, now);
    const data = problem ? await issueAdminCertificate(ca, adminService, ns, now, this.options.keys) : (actual!.data as Record<string, string>);
    const desired = desiredCertificateSecret(dataPlane, data);
    if (!actual) return this.create(pass, dataPlane, coreResources.secret, 'admin-certificate', desired);
    const changed = drift(desired, actual, ['type']);
    if (!problem && changed.length === 0) return actual;
    return this.update(pass, coreResources.secret, actual, withOwnedFields(desired, actual, ['type', 'data']), `admin-certificate ${problem ?? changed.join(',')}`);
  }

  private async create(pass: PassState, dataPlane: KubeObject, resource: ResourceDescriptor, part: Part, desired: KubeObject): Promise<KubeObject> {
    try {
      const created = await this.options.client.create(resource, desired);
      this.owned.overlay.remember(this.owned.key(resource, created), '', created);
      pass.writes.push(`create ${part}`);
      return created;
    } catch (err) {
      // Without a clear refusal the object may exist: look for it live before creating again.
      if (!(err instanceof KubeApiError) || err.code >= 500) this.owned.markUncertain(dataPlane.metadata.uid!, part);
      throw new Error(`creating the ${part} of DataPlane ${dataPlane.metadata.namespace}/${dataPlane.metadata.name}: ${describe(err)}`, { cause: err });
    }
  }

  private async update(pass: PassState, resource: ResourceDescriptor, actual: KubeObject, body: KubeObject, what: string): Promise<KubeObject> {
    const updated = await this.options.client.replace(resource, body);
    this.owned.overlay.remember(this.owned.key(resource, updated), actual.metadata.resourceVersion ?? '', updated);
    pass.writes.push(`update ${what}`);
    return updated;
  }

  private async remove(pass: PassState, resource: ResourceDescriptor, obj: KubeObject): Promise<void> {
    try {
      await this.options.client.delete(resource, obj.metadata.namespace, obj.metadata.name!, { uid: obj.metadata.uid! });
      pass.writes.push(`delete ${resource.kind} ${obj.metadata.name}`);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    this.owned.overlay.forget(this.owned.key(resource, obj));
  }
}

function describe(err: unknown): string {
  if (err instanceof KubeApiError) return `${err.code} ${err.reason}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
