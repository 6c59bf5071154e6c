// Konnect platform APIs in the fake: control planes (problem+json, page numbers, 409 on a
// duplicate name per organisation, PATCH with immutable cluster_type/cloud_gateway), group
// memberships (cursor pages), DP client certificates (legacy `{message}` bodies) and
// `/v3/organizations/me`.
import { randomBytes, randomUUID } from 'node:crypto';
import { badRequest, FakeAnswer, legacy, problem, type InvalidParameter } from './bodies.ts';
import { ControlPlaneRecord, type ControlPlaneJson, type FakeKonnectState, type Organization } from './store.ts';
import { isUuid } from './validate.ts';

const CLUSTER_TYPES = ['CLUSTER_TYPE_CONTROL_PLANE', 'CLUSTER_TYPE_K8S_INGRESS_CONTROLLER', 'CLUSTER_TYPE_CONTROL_PLANE_GROUP', 'CLUSTER_TYPE_SERVERLESS', 'CLUSTER_TYPE_KAFKA_NATIVE_EVENT_PROXY', 'CLUSTER_TYPE_SERVERLESS_V1'];
const AUTH_TYPES = ['pinned_client_certs', 'pki_client_certs'];
const CREATE_FIELDS = ['name', 'description', 'cluster_type', 'auth_type', 'cloud_gateway', 'proxy_urls', 'labels'];
const UPDATE_FIELDS = ['name', 'description', 'auth_type', 'proxy_urls', 'labels'];
const LABEL_VALUE = /^[a-z0-9A-Z]{1}([a-z0-9A-Z-._]*[a-z0-9A-Z]+)?$/;
const RESERVED_LABEL_PREFIXES = ['kong', 'konnect', 'mesh', 'kic', '_'];

export interface PlatformRequest {
  method: string;
  /** Path segments after `/v2/control-planes`. */
  segments: string[];
  query: URLSearchParams;
  body: unknown;
  org: Organization;
  state: FakeKonnectState;
}

function validateControlPlaneBody(body: unknown, fields: string[], create: boolean): InvalidParameter[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [{ field: 'body', rule: 'is_object', reason: 'must be an object' }];
  const b = body as Record<string, unknown>;
  const out: InvalidParameter[] = [];
  for (const key of Object.keys(b)) if (!fields.includes(key)) out.push({ field: key, rule: 'unknown_property', reason: 'is an unknown property' });
  if (create && b.name === undefined) out.push({ field: 'name', rule: 'required', reason: 'is a required field' });
  if (b.name !== undefined) {
    if (typeof b.name !== 'string') out.push({ field: 'name', rule: 'is_string', reason: 'must be a string' });
    else if (b.name.length < 2) out.push({ field: 'name', rule: 'min_length', minimum: 2, reason: 'must have at least 2 characters' });
    else if (b.name.length > 256) out.push({ field: 'name', rule: 'max_length', maximum: 256, reason: 'must have at most 256 characters' });
  }
  if (b.description !== undefined && (typeof b.description !== 'string' || b.description.length > 2048)) out.push({ field: 'description', rule: 'max_length', maximum: 2048, reason: 'must be a string of at most 2048 characters' });
  if (b.cluster_type !== undefined && !CLUSTER_TYPES.includes(b.cluster_type as string)) out.push({ field: 'cluster_type', rule: 'invalid', reason: `must be one of ${CLUSTER_TYPES.join(', ')}` });
  if (b.auth_type !== undefined && !AUTH_TYPES.includes(b.auth_type as string)) out.push({ field: 'auth_type', rule: 'invalid', reason: `must be one of ${AUTH_TYPES.join(', ')}` });
  if (b.cloud_gateway !== undefined && typeof b.cloud_gateway !== 'boolean') out.push({ field: 'cloud_gateway', rule: 'is_boolean', reason: 'must be a boolean' });
  if (b.proxy_urls !== undefined) {
    if (!Array.isArray(b.proxy_urls)) out.push({ field: 'proxy_urls', rule: 'is_array', reason: 'must be an array' });
    else b.proxy_urls.forEach((u: Record<string, unknown>, i) => {
      for (const key of ['host', 'port', 'protocol']) if (u?.[key] === undefined) out.push({ field: `proxy_urls[${i}].${key}`, rule: 'required', reason: 'is a required field' });
    });
  }
  if (b.labels !== undefined) {
    if (!b.labels || typeof b.labels !== 'object' || Array.isArray(b.labels)) out.push({ field: 'labels', rule: 'is_object', reason: 'must be an object' });
    else {
      const entries = Object.entries(b.labels as Record<string, unknown>);
      if (entries.length > 50) out.push({ field: 'labels', rule: 'max_items', maximum: 50, reason: 'must have at most 50 labels' });
      for (const [k, v] of entries) {
        if (k.length < 1 || k.length > 63 || RESERVED_LABEL_PREFIXES.some((p) => k.startsWith(p))) out.push({ field: `labels.${k}`, rule: 'is_label', reason: 'label key must be 1-63 characters and not start with kong, konnect, mesh, kic or _' });
        if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) out.push({ field: `labels.${k}`, rule: 'is_label', reason: 'label value must be 1-63 alphanumeric characters, -, _ or .' });
      }
    }
  }
  return out;
}

function nameTaken(req: PlatformRequest, name: string, exceptId?: string): FakeAnswer | undefined {
  const clash = req.state.controlPlanesOf(req.org.id).find((r) => r.cp.name === name && r.cp.id !== exceptId);
  return clash ? problem(409, `Key (org_id, name)=(${req.org.id}, ${name}) already exists.`) : undefined;
}

function createControlPlane(req: PlatformRequest): FakeAnswer {
  const invalid = validateControlPlaneBody(req.body, CREATE_FIELDS, true);
  if (invalid.length) return badRequest(invalid);
  const b = req.body as Record<string, unknown>;
  const conflict = nameTaken(req, b.name as string);
  if (conflict) return conflict;
  const id = randomUUID();
  const host = randomBytes(5).toString('hex');
  const now = new Date().toISOString();
  const cp: ControlPlaneJson = {
    id,
    name: b.name as string,
    description: (b.description as string) ?? '',
    labels: (b.labels as Record<string, string>) ?? {},
    config: {
      control_plane_endpoint: `https://${host}.us.cp0.konghq.com`,
      telemetry_endpoint: `https://${host}.us.tp0.konghq.com`,
      cluster_type: (b.cluster_type as string) ?? 'CLUSTER_TYPE_CONTROL_PLANE',
      auth_type: (b.auth_type as string) ?? 'pinned_client_certs',
      cloud_gateway: (b.cloud_gateway as boolean) ?? false,
      proxy_urls: (b.proxy_urls as ControlPlaneJson['config']['proxy_urls']) ?? [],
    },
    created_at: now,
    updated_at: now,
  };
  req.state.controlPlanes.set(id, new ControlPlaneRecord(cp, req.org.id, req.state.nextSeq()));
  return new FakeAnswer(201, cp);
}

function listControlPlanes(req: PlatformRequest): FakeAnswer {
  const q = req.query;
  const size = Number(q.get('page[size]') ?? 10);
  const number = Number(q.get('page[number]') ?? 1);
  if (!Number.isInteger(size) || size < 1) return badRequest([{ field: 'page[size]', rule: 'is_integer', reason: 'must be a positive integer', source: 'query' } as InvalidParameter]);
  if (!Number.isInteger(number) || number < 1) return badRequest([{ field: 'page[number]', rule: 'is_integer', reason: 'must be a positive integer', source: 'query' } as InvalidParameter]);
  const labelFilter = q.get('labels');
  const filters: ((cp: ControlPlaneJson) => boolean)[] = [];
  const eq = (key: string, get: (cp: ControlPlaneJson) => unknown) => {
    const v = q.get(key);
    if (v !== null) filters.push((cp) => String(get(cp)) === v);
  };
  eq('filter[id][eq]', (cp) => cp.id);
  eq('filter[name][eq]', (cp) => cp.name);
  eq('filter[cluster_type][eq]', (cp) => cp.config.cluster_type);
  eq('filter[cloud_gateway]', (cp) => cp.config.cloud_gateway);
  const contains = q.get('filter[name][contains]');
  if (contains !== null) filters.push((cp) => cp.name.includes(contains));
  if (labelFilter) {
    for (const term of labelFilter.split(',')) {
      const [key = '', value] = term.split(':');
      filters.push((cp) => (value === undefined ? key in cp.labels : cp.labels[key] === value));
    }
  }
  const all = req.state.controlPlanesOf(req.org.id).map((r) => r.cp).filter((cp) => filters.every((f) => f(cp)));
  const data = all.slice((number - 1) * size, number * size);
  return new FakeAnswer(200, { meta: { page: { number, size, total: all.length } }, data });
}

function groupMemberships(req: PlatformRequest, record: ControlPlaneRecord, action: string | undefined): FakeAnswer {
  const isGroup = record.cp.config.cluster_type === 'CLUSTER_TYPE_CONTROL_PLANE_GROUP';
  if (req.method === 'GET' && !action) {
    const size = Number(req.query.get('page[size]') ?? 10);
    const after = Number(req.query.get('page[after]') ? Buffer.from(req.query.get('page[after]')!, 'base64url').toString() : 0);
    const members = [...record.groupMembers].sort().map((id) => req.state.controlPlanes.get(id)?.cp).filter((cp): cp is ControlPlaneJson => !!cp);
    const data = members.slice(after, after + size);
    const more = after + size < members.length;
    const next = more ? `/v2/control-planes/${record.cp.id}/group-memberships?page[after]=${Buffer.from(String(after + size)).toString('base64url')}` : null;
    return new FakeAnswer(200, { meta: { page: { next, size, ...(after === 0 ? { total: members.length } : {}) } }, data });
  }
  const body = req.body as { members?: { id?: unknown }[] } | undefined;
  const writes = (req.method === 'PUT' && !action) || (req.method === 'POST' && (action === 'add' || action === 'remove'));
  if (!writes) return problem(405, 'Method not allowed');
  if (!isGroup) return badRequest([{ field: 'id', rule: 'invalid', reason: 'control plane is not a control plane group' }]);
  if (!body || !Array.isArray(body.members)) return badRequest([{ field: 'members', rule: 'required', reason: 'is a required field' }]);
  const invalid: InvalidParameter[] = [];
  const ids = body.members.map((m, i) => {
    const id = m?.id;
    const member = typeof id === 'string' ? req.state.controlPlanes.get(id) : undefined;
    if (!member || member.orgId !== req.org.id) invalid.push({ field: `members[${i}].id`, rule: 'missing_reference', reason: 'control plane does not exist' });
    else if (member.cp.config.cluster_type === 'CLUSTER_TYPE_CONTROL_PLANE_GROUP') invalid.push({ field: `members[${i}].id`, rule: 'invalid', reason: 'a control plane group cannot be a member of a group' });
    return String(id);
  });
  if (invalid.length) return badRequest(invalid);
  if (action === 'remove') for (const id of ids) record.groupMembers.delete(id);
  else {
    if (!action) record.groupMembers.clear();
    for (const id of ids) record.groupMembers.add(id);
  }
  return new FakeAnswer(204, undefined);
}

function dpCertificates(req: PlatformRequest, record: ControlPlaneRecord, certId: string | undefined): FakeAnswer {
  const certs = record.dpCertificates;
  if (certId === undefined) {
    if (req.method === 'GET') return new FakeAnswer(200, { items: [...certs.values()], page: { total_count: certs.size } });
    if (req.method !== 'POST') return legacy(405, 'Method Not Allowed');
    const b = req.body as { cert?: unknown; title?: unknown } | undefined;
    if (typeof b?.cert !== 'string' || !b.cert.trimStart().startsWith('-----BEGIN CERTIFICATE-----')) return legacy(400, 'cert: must be a PEM-encoded certificate');
    if ([...certs.values()].some((c) => c.cert.trim() === (b.cert as string).trim())) return legacy(409, 'certificate already exists');
    const now = Math.floor(Date.now() / 1000);
    const item = { id: randomUUID(), cert: b.cert, ...(typeof b.title === 'string' ? { title: b.title } : {}), created_at: now, updated_at: now };
    certs.set(item.id, item);
    return new FakeAnswer(201, { item });
  }
  const item = certs.get(certId);
  if (!item) return legacy(404, 'Not Found');
  if (req.method === 'GET') return new FakeAnswer(200, { item });
  if (req.method === 'DELETE') {
    certs.delete(certId);
    return new FakeAnswer(204, undefined);
  }
  return legacy(405, 'Method Not Allowed');
}

/** Control planes and what hangs off them, except core entities. */
export function handleControlPlanes(req: PlatformRequest): FakeAnswer {
  const [id, sub, subId, ...rest] = req.segments;
  if (id === undefined) {
    if (req.method === 'GET') return listControlPlanes(req);
    if (req.method === 'POST') return createControlPlane(req);
    return problem(405, 'Method not allowed');
  }
  const record = req.state.controlPlanes.get(id);
  const visible = record && record.orgId === req.org.id ? record : undefined;
  if (sub === 'dp-client-certificates' && !rest.length) return visible ? dpCertificates(req, visible, subId) : legacy(404, 'Not Found');
  if (!visible) return problem(404, isUuid(id) ? `control plane ${id} not found` : `invalid control plane id ${id}`);
  if (sub === 'group-memberships' && !rest.length) return groupMemberships(req, visible, subId);
  if (sub === 'group-member-status' && subId === undefined) {
    const isMember = req.state.controlPlanesOf(req.org.id).some((r) => r.groupMembers.has(id));
    return new FakeAnswer(200, { is_member: isMember });
  }
  if (sub !== undefined) return problem(404, 'Not Found');
  switch (req.method) {
    case 'GET':
      return new FakeAnswer(200, visible.cp);
    case 'PATCH': {
      const invalid = validateControlPlaneBody(req.body, UPDATE_FIELDS, false);
      if (invalid.length) return badRequest(invalid);
      const b = req.body as Record<string, unknown>;
      if (typeof b.name === 'string') {
        const conflict = nameTaken(req, b.name, id);
        if (conflict) return conflict;
      }
      const cp = visible.cp;
      visible.cp = {
        ...cp,
        name: (b.name as string) ?? cp.name,
        description: (b.description as string) ?? cp.description,
        labels: (b.labels as Record<string, string>) ?? cp.labels,
        config: { ...cp.config, auth_type: (b.auth_type as string) ?? cp.config.auth_type, proxy_urls: (b.proxy_urls as ControlPlaneJson['config']['proxy_urls']) ?? cp.config.proxy_urls },
        updated_at: new Date().toISOString(),
      };
      return new FakeAnswer(200, visible.cp);
    }
    case 'DELETE':
      // Everything inside the control plane (core entities, DP certificates) goes with it.
      req.state.controlPlanes.delete(id);
      for (const other of req.state.controlPlanes.values()) other.groupMembers.delete(id);
      return new FakeAnswer(204, undefined);
    default:
      return problem(405, 'Method not allowed');
  }
}

export function organizationMe(org: Organization): FakeAnswer {
  return new FakeAnswer(200, org);
}
