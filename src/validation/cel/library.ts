// The Kubernetes CEL libraries the CRD rules use on top of core CEL: URLs (isURL, url(...)
// with getScheme/getHost/...), IPs (isIP) and regex find; plus the cel-go strings extension
// (split, substring, ...), which @bufbuild/cel ships as `strings`.
import { isIPv4, isIPv6 } from 'node:net';
import { celFunc, celMap, celMethod, CelScalar, mapType, type CelFunc, type CelMap } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { isRequestUri } from '../formats.ts';

// A parsed URL travels through CEL as a map with one private key; only the get* methods read it.
const URL_KEY = '\u0000kongward.url';
const URL_TYPE = mapType(CelScalar.STRING, CelScalar.DYN);

interface ParsedUrl {
  scheme: string;
  host: string;
  hostname: string;
  port: string;
  escapedPath: string;
  query: Record<string, string[]>;
}

function parseUrl(text: string): ParsedUrl {
  if (!isRequestUri(text)) throw new Error(`URL parse error during conversion from string: parse "${text}": invalid URI for request`);
  if (text.startsWith('/')) {
    const [pathPart, queryPart] = splitOnce(text.split('#')[0] as string, '?');
    return { scheme: '', host: '', hostname: '', port: '', escapedPath: pathPart, query: parseQuery(queryPart) };
  }
  const url = new URL(text);
  const scheme = url.protocol.replace(/:$/, '');
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    scheme,
    host: url.host,
    hostname,
    port: url.port,
    escapedPath: url.pathname === '/' && !/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*\//.test(text) ? '' : url.pathname,
    query: parseQuery(url.search.replace(/^\?/, '')),
  };
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

function parseQuery(query: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!query) return out;
  for (const [k, v] of new URLSearchParams(query)) (out[k] ??= []).push(v);
  return out;
}

function urlOf(map: CelMap): ParsedUrl {
  const raw = map.get(URL_KEY);
  if (typeof raw !== 'string') throw new Error('no such overload: receiver is not a URL');
  return JSON.parse(raw) as ParsedUrl;
}

const urlGetter = (name: string, pick: (u: ParsedUrl) => string): CelFunc =>
  celMethod(name, URL_TYPE, [], CelScalar.STRING, function (this: CelMap) {
    return pick(urlOf(this));
  });

/** Go's netip.ParseAddr as Kubernetes' isIP uses it: no zones, no leading zeros. */
function isIp(text: string): boolean {
  if (text.includes('%')) return false;
  return isIPv4(text) || isIPv6(text);
}

export const kubernetesLibrary: CelFunc[] = [
  ...strings,
  celFunc('isURL', [CelScalar.STRING], CelScalar.BOOL, (s: string) => isRequestUri(s)),
  celFunc('url', [CelScalar.STRING], URL_TYPE, (s: string) => celMap(new Map([[URL_KEY, JSON.stringify(parseUrl(s))]]))),
  urlGetter('getScheme', (u) => u.scheme),
  urlGetter('getHost', (u) => u.host),
  urlGetter('getHostname', (u) => u.hostname),
  urlGetter('getPort', (u) => u.port),
  urlGetter('getEscapedPath', (u) => u.escapedPath),
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (s: string) => isIp(s)),
  celMethod('find', CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (this: string, re: string) {
    return new RegExp(re).exec(this)?.[0] ?? '';
  }),
];
