// KonnectAPIAuthConfiguration: read the token (spec or a labelled Secret), validate it with
// GET /v3/organizations/me, report APIAuthValid, status.organizationID and status.serverURL.
// The token is never logged nor put in a condition.
import { konnectAPIAuthConfigurationKind } from '../../api/konnect/v1alpha1/konnectapiauthconfiguration.ts';
import { KonnectAuthError, KonnectValidationError } from '../../konnect/errors.ts';
import { resolveServerURL } from '../../konnect/server-url.ts';
import { coreResources, splitKey, type KubeObject } from '../runtime/types.ts';
import { ConditionType, falseCondition, Reason, setCondition, trueCondition, type ConditionInput } from './conditions.ts';
import { descriptorOf, liveReader, nsName, patchStatus, specOf, statusOf, type KonnectAuth, type KonnectContext, type ReconcileResult } from './context.ts';
import { sameJson } from './drift.ts';

export const authResource = descriptorOf(konnectAPIAuthConfigurationKind);
export const CREDENTIAL_LABEL = 'konghq.com/credential';

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
  const obj = await ctx.reader.get(authResource, namespace, name);
  if (!obj || obj.metadata.deletionTimestamp) return {};
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
