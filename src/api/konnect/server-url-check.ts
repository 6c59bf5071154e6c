// Kong-specific check on KonnectAPIAuthConfiguration.spec.serverURL: the CRD accepts any https
// URL or hostname, but KGO derives the Konnect region from the first DNS label ("global" or
// two lowercase letters) and drops any path or port. Warn (never deny) where that will bite,
// so `kubectl apply` shows the problem before the controller fails with "failed to parse
// region from hostname". Hosts outside konghq.com/konghq.tech (fakes, proxies) are used as
// given, so only those are checked for a region. The token is never read here.
import type { CheckResult, ObjectCheck } from '../types.ts';

const KONNECT_DOMAIN = /\.konghq\.(com|tech)$/;
const REGION = /^([a-z]{2}|global)$/;

/** Host, and whether a path/port/query came along, of a serverURL (bare host or https URL). */
function splitServerURL(serverURL: string): { host: string; extras: string[] } | undefined {
  if (!serverURL.includes('://')) return { host: serverURL, extras: [] };
  let url: URL;
  try {
    url = new URL(serverURL);
  } catch {
    return undefined;
  }
  const extras: string[] = [];
  if (url.port) extras.push(`port ${url.port}`);
  if (url.pathname !== '/' && url.pathname !== '') extras.push(`path ${url.pathname}`);
  if (url.search || url.hash) extras.push('query or fragment');
  return { host: url.hostname, extras };
}

export const konnectServerURLCheck: ObjectCheck = ({ object }): CheckResult => {
  const serverURL = (object.spec as { serverURL?: unknown } | undefined)?.serverURL;
  if (typeof serverURL !== 'string' || serverURL === '') return {};
  const parts = splitServerURL(serverURL);
  if (!parts) return {};
  const warnings = parts.extras.map(
    (extra) => `spec.serverURL: the ${extra} is ignored: Konnect is reached at https://<host> (${JSON.stringify(parts.host)})`,
  );
  const region = parts.host.split('.')[0] ?? '';
  if (KONNECT_DOMAIN.test(parts.host) && !REGION.test(region)) {
    warnings.push(
      `spec.serverURL: ${JSON.stringify(region)} is not a Konnect region: the first DNS label must be "global" or a two-letter region code (us, eu, au, me, in)`,
    );
  }
  return warnings.length ? { warnings } : {};
};
