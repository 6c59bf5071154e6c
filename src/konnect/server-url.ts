// Where to send Konnect requests. KGO's rule for real Konnect hosts: strip `https://`, the first
// DNS label is the region (`global` or two lowercase letters), the client talks to
// `https://<region>.<rest>`; identity calls (`/v3/organizations/me`) go to the global host.
// A port or path is dropped, as KGO does. Hosts outside konghq.com/konghq.tech (proxies) are
// used as given. An explicit `baseURL` (tests, the fake) is used verbatim, http allowed.

export interface KonnectEndpoints {
  /** What goes into `status.serverURL`: `https://<host>`. */
  serverURL: string;
  /** Base for control planes, core entities, DP certificates. */
  regionalBaseURL: string;
  /** Base for identity operations (`/v3/organizations/me`). */
  globalBaseURL: string;
  /** Region label, when the host is a Konnect host. */
  region?: string;
}

const KONNECT_DOMAIN = /\.(konghq\.com|konghq\.tech)$/;
const REGION = /^([a-z]{2}|global)$/;

export class KonnectServerURLError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KonnectServerURLError';
  }
}

/** Maps `spec.serverURL` (bare host or https URL) the way KGO does. */
export function resolveServerURL(serverURL: string): KonnectEndpoints {
  const trimmed = serverURL.trim();
  let host: string;
  if (trimmed.includes('://')) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new KonnectServerURLError(`invalid Konnect server URL ${JSON.stringify(trimmed)}`);
    }
    if (url.protocol !== 'https:') throw new KonnectServerURLError('Server URL must use HTTPs if specifying scheme');
    host = url.hostname;
  } else {
    host = trimmed.split('/')[0]!.split(':')[0]!;
  }
  if (!host) throw new KonnectServerURLError(`invalid Konnect server URL ${JSON.stringify(trimmed)}`);
  host = host.toLowerCase();
  const base = `https://${host}`;
  if (!KONNECT_DOMAIN.test(host)) return { serverURL: base, regionalBaseURL: base, globalBaseURL: base };
  const [region, ...rest] = host.split('.');
  if (!region || !REGION.test(region)) {
    throw new KonnectServerURLError(`failed to parse region from hostname ${JSON.stringify(host)}: the first DNS label must be "global" or a two-letter region code`);
  }
  return { serverURL: base, regionalBaseURL: base, globalBaseURL: `https://global.${rest.join('.')}`, region };
}

/** An explicit base URL (http or https), for tests and the fake; no region mapping. */
export function explicitBaseURL(baseURL: string): KonnectEndpoints {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new KonnectServerURLError(`invalid Konnect base URL ${JSON.stringify(baseURL)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new KonnectServerURLError(`unsupported scheme ${url.protocol} in Konnect base URL`);
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return { serverURL: base, regionalBaseURL: base, globalBaseURL: base };
}
