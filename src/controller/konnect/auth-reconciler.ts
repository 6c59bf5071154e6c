// KonnectAPIAuthConfiguration: read the token (spec or a labelled Secret), validate it with
// GET /v3/organizations/me, report APIAuthValid, status.organizationID and status.serverURL.
// The token is never logged nor put in a condition.
import { konnectAPIAuthConfigurationKind } from '../../api/konnect/v1alpha1/konnectapiauthconfiguration.ts';
import { konnectGatewayControlPlaneKind } from '../../api/konnect/konnectgatewaycontrolplane.ts';
import { KonnectAuthError, KonnectValidationError } from '../../konnect/errors.ts';
import { resolveServerURL } from '../../konnect/server-url.ts';
import { coreResources, keyOf, objectKey, splitKey, type KubeObject } from '../runtime/types.ts';
import { ConditionType, falseCondition, Reason, setCondition, trueCondition, type ConditionInput } from './conditions.ts';
import { addFinalizer, descriptorOf, hasFinalizer, liveReader, nsName, patchStatus, removeFinalizer, specOf, statusOf, type KonnectAuth, type KonnectContext, type ReconcileResult } from './context.ts';

import { sameJson } from './drift.ts';

export const authResource = descriptorOf(konnectAPIAuthConfigurationKind);
// (references.ts names the same descriptor; it imports this module, so it is not imported back.)
const controlPlanes = descriptorOf(konnectGatewayControlPlaneKind);
export const CREDENTIAL_LABEL = 'konghq.com/credential';
/**
 * Kept on an auth configuration while a control plane names it (Kong Operator's name): deleting the
 * token first would leave the control plane (and everything in it) unable to clean up in Konnect.
 */
export const AUTH_IN_USE_FINALIZER = 'konnect.konghq.com/konnectapiauth-in-use';

/** `namespace/name` of the auth configuration a control plane names, or undefined. */
export function authKeyOf(controlPlane: KubeObject): string | undefined {
  const authRef = (specOf(controlPlane).konnect as { authRef?: { name?: string; namespace?: string } } | undefined)?.authRef;
  return authRef?.name ? objectKey(authRef.namespace ?? controlPlane.metadata.namespace, authRef.name) : undefined;
}

/**
 * Adds or removes the in-use finalizer as control planes (those being deleted included, they
 * still need the token) name this configuration. Returns the object to validate, or undefined
 * when it is being deleted and nothing needs it any more. One being deleted but still in use is
 * validated as usual: its generation moved with the deletion, and control planes only use a
 * configuration whose APIAuthValid is current.
 */
async function keepWhileInUse(ctx: KonnectContext, obj: KubeObject): Promise<KubeObject | undefined> {
  const key = keyOf(obj);
  const inUse = (await ctx.reader.list(controlPlanes, undefined)).some((cp) => authKeyOf(cp) === key);
  const has = hasFinalizer(obj, AUTH_IN_USE_FINALIZER);
  if (obj.metadata.deletionTimestamp) {
    if (inUse) return obj;
    if (has) await removeFinalizer(ctx, authResource, obj, AUTH_IN_USE_FINALIZER);
    return undefined;
  }
  if (inUse && !has) return addFinalizer(ctx, authResource, obj, AUTH_IN_USE_FINALIZER);
  if (!inUse && has) await removeFinalizer(ctx, authResource, obj, AUTH_IN_USE_FINALIZER);
  return obj;
}

export type TokenResult = { ok: true; auth: KonnectAuth; source: string } | { ok: false; message: string };

/** The token and server URL of an auth configuration, or why they cannot be read. */
export async function readAuth(ctx: KonnectContext, obj: KubeObject): Promise<TokenResult> {
  const spec = specOf(obj) as { type?: string; token?: string; secretRef?: { name?: string; namespace?: string }; serverURL?: string };
  const serverURL = spec.serverURL ?? '';
  if (spec.type === 'secretRef') {
    const ns = spec.secretRef?.namespace || obj.metadata.namespace;
    const name = spec.secretRef?.name ?? '';
    const ref = `${ns}/${name}`;
    type Secret = KubeObject & { data?: Record<string, string> };
    // The cache only holds labelled Secrets; read an unlabelled one live to say what is wrong.
    const secret = (await ctx.reader.get<Secret>(coreResources.secret, ns, name)) ?? (await liveReader(ctx.kube).get<Secret>(coreResources.secret, ns, name));
    if (!secret) return { ok: false, message: `secret ${ref} not found` };
    if (secret.metadata.labels?.[CREDENTIAL_LABEL] !== 'konnect') return { ok: false, message: `secret ${ref} does not have label ${CREDENTIAL_LABEL}: konnect` };
    if (!secret.data || Object.keys(secret.data).length === 0) return { ok: false, message: `secret ${ref} has no data` };
    const encoded = secret.data.token;
    if (!encoded) return { ok: false, message: `secret ${ref} does not have key token` };
    return { ok: true, auth: { serverURL, token: Buffer.from(encoded, 'base64').toString('utf8').trim() }, source: `Secret ${ref}` };
  }
  if (!spec.token) return { ok: false, message: 'spec.token is required if auth type is set to token' };
  return { ok: true, auth: { serverURL, token: spec.token }, source: '' };
}

function statusServerURL(serverURL: string, fallback: string): string {
  try {
    return resolveServerURL(serverURL).serverURL;
  } catch {
    return fallback;
  }
}

export async function reconcileAuth(ctx: KonnectContext, key: string): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key);
  const found = await ctx.reader.get(authResource, namespace, name);
  if (!found) return {};
  const obj = await keepWhileInUse(ctx, found);
  if (!obj) return {};
  const status = statusOf(obj);
  const write = async (condition: ConditionInput, extra: { organizationID?: string | null; serverURL?: string | null }) => {
    const next = { ...status, ...extra, conditions: setCondition(status.conditions, condition, obj.metadata.generation, ctx.now()) };
    for (const [k, v] of Object.entries(next)) if (v === null) delete (next as Record<string, unknown>)[k];
    if (!sameJson(next, status)) await patchStatus(ctx, authResource, obj, { ...extra, conditions: next.conditions });
  };

  const token = await readAuth(ctx, obj);
  if (!token.ok) {
    await write(falseCondition(ConditionType.APIAuthValid, Reason.Invalid, token.message), { organizationID: null });
    return { requeueAfterMs: ctx.syncPeriodMs };
  }
  const client = ctx.clients(token.auth);
  try {
    const org = await (ctx.metrics ? ctx.metrics.measure('organization', 'get', 200, () => client.organizationMe()) : client.organizationMe());
    if (!org?.id) {
      await write(falseCondition(ConditionType.APIAuthValid, Reason.Invalid, 'response from Konnect is nil'), { organizationID: null });
      return { requeueAfterMs: ctx.syncPeriodMs };
    }
    const message = token.source ? `Token from ${token.source} is valid` : 'Token is valid';
    await write(trueCondition(ConditionType.APIAuthValid, Reason.Valid, message), {
      organizationID: org.id,
      serverURL: statusServerURL(token.auth.serverURL, client.endpoints.serverURL),
    });
    return { requeueAfterMs: ctx.syncPeriodMs };
  } catch (error) {
    // A refused token stays refused until the spec or Secret changes (which requeues at once).
    if (error instanceof KonnectAuthError || error instanceof KonnectValidationError) {
      ctx.logger.info({ auth: nsName(obj), status: error.status }, 'Konnect refused the API token');
      await write(falseCondition(ConditionType.APIAuthValid, Reason.Invalid, error.message), { organizationID: null });
      return { requeueAfterMs: ctx.syncPeriodMs };
    }
    throw error;
  }
}
