// The OpenAPI string formats kube-apiserver checks on custom resources (kube-openapi's strfmt
// registry). Formats it does not know (int32, int64, password, ...) are accepted as is.
import { isIPv4, isIPv6 } from 'node:net';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;
const UUID_VERSION = (v: string) => new RegExp(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-${v}[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$`);
const HOSTNAME_LABEL = /^[a-zA-Z0-9\p{S}\p{L}]([a-zA-Z0-9\-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?$/u;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DURATION = /^(?:[-+]?\d+(?:\.\d+)?\s*(?:ns|us|µs|ms|s|m|h|d|w)\s*)+$/;
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+$/;
const MAC = /^(?:[0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$|^(?:[0-9a-fA-F]{4}\.){2}[0-9a-fA-F]{4}$/;

function validDate(y: string, m: string, d: string): boolean {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const year = Number(y);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

/** Go's url.ParseRequestURI accepts absolute URIs and absolute paths. */
export function isRequestUri(value: string): boolean {
  if (value === '' || /[\s\x00-\x1f\x7f]/.test(value)) return false;
  if (value.startsWith('/')) return true;
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

export function isCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const ip = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  const n = Number(bits);
  if (isIPv4(ip)) return n <= 32;
  if (isIPv6(ip)) return n <= 128;
  return false;
}

const checkers: Record<string, (value: string) => boolean> = {
  'date-time': (v) => {
    const m = RFC3339.exec(v);
    return Boolean(m && validDate(m[1] as string, m[2] as string, m[3] as string) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 61);
  },
  datetime: (v) => checkers['date-time']!(v),
  date: (v) => {
    const m = DATE.exec(v);
    return Boolean(m && validDate(m[1] as string, m[2] as string, m[3] as string));
  },
  uri: isRequestUri,
  uuid: (v) => UUID.test(v),
  uuid3: (v) => UUID_VERSION('3').test(v),
  uuid4: (v) => UUID_VERSION('4').test(v),
  uuid5: (v) => UUID_VERSION('5').test(v),
  hostname: (v) => v.length <= 255 && v.split('.').every((label) => HOSTNAME_LABEL.test(label)),
  ipv4: (v) => isIPv4(v),
  ipv6: (v) => isIPv6(v),
  cidr: isCidr,
  byte: (v) => BASE64.test(v),
  duration: (v) => DURATION.test(v),
  email: (v) => EMAIL.test(v),
  mac: (v) => MAC.test(v),
};

/** True when the apiserver accepts `value` for `format` (unknown formats always pass). */
export function matchesFormat(format: string, value: string): boolean {
  const check = checkers[format];
  return check ? check(value) : true;
}
