// The DataPlane port rule Kong Operator v2.2.3 ships as the ValidatingAdmissionPolicy
// `ports.dataplane.gateway-operator.konghq.com` (a CRD cannot express it): every targetPort of
// the ingress Service must be a port Kong listens on, according to the env of the `proxy`
// container. Same parsing and the same two messages as the policy's CEL.
import type { CheckInput, CheckResult } from '../types.ts';
import { fieldErrors, type FieldError } from '../../validation/field-error.ts';

export const portMapsMessage = 'Each port from spec.network.services.ingress.ports has to have an accompanying port in KONG_PORT_MAPS env';
export const proxyListenMessage =
  'Each port from spec.network.services.ingress.ports has to have an accompanying port in KONG_PROXY_LISTEN or KONG_STREAM_LISTEN env';

/** Kong's defaults when KONG_PROXY_LISTEN is absent (HTTP and HTTPS proxy). */
const defaultProxyListenPorts = ['8000', '8443'];

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function dig(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = asObject(current)?.[key];
  return current;
}

/** `KONG_PROXY_LISTEN`/`KONG_STREAM_LISTEN` ports: `0.0.0.0:8000 reuseport, [::]:8443 ssl` -> 8000, 8443. */
export function listenPorts(listen: string): string[] {
  return listen.split(',').map((entry) => {
    const address = entry.trim().split(' ')[0] ?? '';
    return address.substring(address.lastIndexOf(':') + 1);
  });
}

/** `KONG_PORT_MAPS` ports: `80:8000, 443:8443` -> 8000, 8443 (the right side of each pair). */
export function portMapPorts(portMaps: string): string[] {
  return portMaps.split(',').map((entry) => entry.substring(entry.lastIndexOf(':') + 1).trim());
}

interface EnvLookup {
  /** The first entry with this name: its index, and its inline value (undefined with valueFrom). */
  find(name: string): { index: number; value: string | undefined } | undefined;
}

function envLookup(env: unknown[]): EnvLookup {
  return {
    find(name) {
      const index = env.findIndex((entry) => asObject(entry)?.name === name);
      if (index < 0) return undefined;
      const value = asObject(env[index])?.value;
      return { index, value: typeof value === 'string' ? value : undefined };
    },
  };
}

export function dataPlanePortsCheck(input: CheckInput): CheckResult {
  if (input.operation !== 'CREATE' && input.operation !== 'UPDATE') return {};
  const ports = dig(input.object, 'spec', 'network', 'services', 'ingress', 'ports');
  const containers = dig(input.object, 'spec', 'deployment', 'podTemplateSpec', 'spec', 'containers');
  if (!Array.isArray(ports) || !Array.isArray(containers)) return {};
  const proxyIndex = containers.findIndex((c) => asObject(c)?.name === 'proxy');
  const env = asObject(containers[proxyIndex])?.env;
  // The policy checks nothing without a proxy container that has an env list.
  if (proxyIndex < 0 || !Array.isArray(env)) return {};

  const envPath = `spec.deployment.podTemplateSpec.spec.containers[${proxyIndex}].env`;
  const lookup = envLookup(env);
  const errors: FieldError[] = [];
  // The policy reads `.value`; an entry set through valueFrom fails its evaluation (denied).
  const inlineValue = (name: string): string | null => {
    const found = lookup.find(name);
    if (!found) return null;
    if (found.value === undefined) {
      errors.push(fieldErrors.required(`${envPath}[${found.index}].value`, `${name} must have an inline value to check spec.network.services.ingress.ports against it`));
    }
    return found.value ?? null;
  };
  const portMaps = inlineValue('KONG_PORT_MAPS');
  const proxyListen = inlineValue('KONG_PROXY_LISTEN');
  const streamListen = inlineValue('KONG_STREAM_LISTEN');
  if (errors.length) return { errors };

  const mapped = portMaps === null ? undefined : new Set(portMapPorts(portMaps));
  const listened = new Set([...(proxyListen === null ? defaultProxyListenPorts : listenPorts(proxyListen)), ...(streamListen === null ? [] : listenPorts(streamListen))]);

  const portMapErrors: FieldError[] = [];
  const listenErrors: FieldError[] = [];
  ports.forEach((port, index) => {
    const path = `spec.network.services.ingress.ports[${index}].targetPort`;
    const targetPort = asObject(port)?.targetPort;
    if (typeof targetPort !== 'number' && typeof targetPort !== 'string') {
      // The policy's `string(p.targetPort)` fails on a port without one, which denies the request.
      errors.push(fieldErrors.required(path, 'targetPort is needed to check it against the env of the proxy container'));
      return;
    }
    const text = String(targetPort);
    if (mapped && !mapped.has(text)) portMapErrors.push(fieldErrors.invalid(path, targetPort, portMapsMessage));
    if (!listened.has(text)) listenErrors.push(fieldErrors.invalid(path, targetPort, proxyListenMessage));
  });
  return { errors: [...errors, ...portMapErrors, ...listenErrors] };
}
