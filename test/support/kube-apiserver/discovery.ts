// Discovery documents (/api, /apis, /apis/<group>, /api/v1, /apis/<group>/<version>, /version)
// in the shapes @kubernetes/client-node reads.
import { apiVersionOf, type ResourceType } from './resources.ts';

const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function groupsOf(types: ResourceType[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const t of types) {
    if (!t.group) continue;
    const versions = groups.get(t.group) ?? [];
    for (const v of t.versions) if (!versions.includes(v)) versions.push(v);
    groups.set(t.group, versions);
  }
  return groups;
}

function groupDocument(name: string, versions: string[]) {
  const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: list, preferredVersion: list[0] };
}

function resourceList(types: ResourceType[], group: string, version: string) {
  const served = types.filter((t) => t.group === group && t.versions.includes(version));
  if (served.length === 0) return undefined;
  const resources = served.flatMap((t) => {
    const main = { name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs };
    return t.status
      ? [main, { name: `${t.plural}/status`, singularName: '', namespaced: t.namespaced, kind: t.kind, verbs: ['get', 'patch', 'update'] }]
      : [main];
  });
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(group, version), resources };
}

/** The discovery document for a path, or undefined when the path is not a discovery path. */
export function discoveryDocument(types: ResourceType[], segments: string[], url: string): unknown {
  const path = segments.join('/');
  if (path === 'version') return { major: '1', minor: '33', gitVersion: 'v1.33.0-kongward-test', platform: 'linux/amd64' };
  if (path === 'api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: new URL(url).host }] };
  if (path === 'api/v1') return resourceList(types, '', 'v1');
  if (path === 'apis') {
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groupsOf(types)].map(([name, versions]) => groupDocument(name, versions)) };
  }
  if (segments[0] === 'apis' && segments.length === 2) {
    const versions = groupsOf(types).get(segments[1]!);
    return versions ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(segments[1]!, versions) } : undefined;
  }
  if (segments[0] === 'apis' && segments.length === 3) return resourceList(types, segments[1]!, segments[2]!);
  return undefined;
}
