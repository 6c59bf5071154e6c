// Drift detection (pure): does the entity Konnect holds still match what the manifest asks for?
// Only the fields the desired body sets are compared (Konnect fills defaults for the rest), tags
// as sets, references (`{id}`) by id. A spec edit changes the `k8s-generation` tag, so fields
// removed from a manifest are still written back (PUT replaces the whole entity).
import { isPlainObject as isRecord } from '../../validation/values.ts';

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined).map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}


/** True when `actual` holds `desired`: every field desired sets, recursively. */
export function matches(desired: unknown, actual: unknown, path = ''): boolean {
  if (desired === undefined) return true;
  if (desired === null) return actual === null || actual === undefined;
  if (Array.isArray(desired)) {
    if (!Array.isArray(actual) || actual.length !== desired.length) return false;
    if (path === 'tags') return sameJson([...desired].sort(), [...actual].sort());
    return desired.every((d, i) => matches(d, actual[i], `${path}[]`));
  }
  if (isRecord(desired)) {
    if (!isRecord(actual)) return false;
    if (Object.keys(desired).length === 1 && typeof desired.id === 'string') return actual.id === desired.id;
    return Object.entries(desired).every(([k, v]) => matches(v, actual[k], path ? `${path}.${k}` : k));
  }
  return desired === actual;
}

/** Top-level fields whose value in Konnect differs from the desired one (empty = no drift). */
export function driftedFields(desired: Record<string, unknown>, actual: Record<string, unknown>, ignore: readonly string[] = []): string[] {
  return Object.keys(desired).filter((k) => !ignore.includes(k) && !matches(desired[k], actual[k], k));
}
