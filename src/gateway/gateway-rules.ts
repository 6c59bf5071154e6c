// What Kong Gateway Operator cannot serve on a Gateway of a class it manages, decided up front
// instead of surfacing later as listener conditions (kgo-facts §3b). Pure: takes the Gateway
// (defaults applied or not: absent values are read with the CRD's defaults) and returns one
// cause per offending listener and field, plus warnings for what Kong ignores harmlessly.
// Why each rule denies or warns: docs/gateway-rules.md.
import { fieldErrors, type FieldError } from '../validation/field-error.ts';
import { isPlainObject } from '../validation/values.ts';

export interface RuleResult {
  errors: FieldError[];
  warnings: string[];
}

const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
const SUPPORTED_PROTOCOLS = ['HTTP', 'HTTPS'];
const TLS_PROTOCOLS = new Set(['HTTPS', 'TLS']);
const ONE_CERTIFICATE = 'Only one certificate per listener is supported.';

type Json = Record<string, unknown>;

const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isPlainObject) : []);
const str = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

function listenerTlsErrors(listener: Json, path: string, errors: FieldError[]): void {
  const protocol = str(listener.protocol, '');
  const tls = listener.tls;
  if (!isPlainObject(tls)) {
    if (protocol === 'HTTPS') errors.push(fieldErrors.required(`${path}.tls`, ONE_CERTIFICATE));
    return;
  }
  const mode = str(tls.mode, 'Terminate');
  if (mode !== 'Terminate') errors.push(fieldErrors.invalid(`${path}.tls.mode`, mode, 'Only Terminate mode is supported.'));
  if (!TLS_PROTOCOLS.has(protocol) || mode !== 'Terminate') return;
  const refs = Array.isArray(tls.certificateRefs) ? tls.certificateRefs : [];
  if (refs.length === 0) {
    errors.push(fieldErrors.required(`${path}.tls.certificateRefs`, ONE_CERTIFICATE));
  } else if (refs.length > 1) {
    errors.push({ type: 'FieldValueTooMany', field: `${path}.tls.certificateRefs`, badValue: refs.length, detail: ONE_CERTIFICATE });
  }
  refs.forEach((ref, j) => {
    if (!isPlainObject(ref)) return;
    const refPath = `${path}.tls.certificateRefs[${j}]`;
    const group = str(ref.group, '');
    const kind = str(ref.kind, 'Secret');
    // KGO accepts only core/v1 Secrets (reason InvalidCertificateRef otherwise).
    if (group !== '' && group !== 'core') {
      errors.push(fieldErrors.invalid(`${refPath}.group`, group, 'Kong supports only certificates in core Secrets (group "")'));
    }
    if (kind !== 'Secret') errors.push(fieldErrors.invalid(`${refPath}.kind`, kind, 'Kong supports only certificates in core Secrets (kind "Secret")'));
  });
}

function listenerRouteKindErrors(listener: Json, path: string, errors: FieldError[]): void {
  const allowedRoutes = listener.allowedRoutes;
  if (!isPlainObject(allowedRoutes)) return;
  objects(allowedRoutes.kinds).forEach((routeKind, j) => {
    const group = str(routeKind.group, GATEWAY_API_GROUP);
    const kind = str(routeKind.kind, '');
    if (group === GATEWAY_API_GROUP && kind === 'HTTPRoute') return;
    errors.push(fieldErrors.invalid(`${path}.allowedRoutes.kinds[${j}]`, `${group}/${kind}`, `Route ${kind} not supported.`));
  });
}

/** Same port with another protocol (ProtocolConflict) or the same hostname again (HostnameConflict). */
function conflictErrors(listeners: Json[], errors: FieldError[]): void {
  listeners.forEach((listener, i) => {
    const path = `spec.listeners[${i}]`;
    const earlier = listeners.slice(0, i).map((other, k) => ({ other, k })).filter(({ other }) => other.port === listener.port);
    const protocolClash = earlier.find(({ other }) => other.protocol !== listener.protocol);
    if (protocolClash) {
      errors.push(fieldErrors.invalid(`${path}.protocol`, listener.protocol,
        `port ${String(listener.port)} already serves ${String(protocolClash.other.protocol)} (spec.listeners[${protocolClash.k}]); Kong cannot serve two protocols on one port (ProtocolConflict)`));
      return;
    }
    const hostname = str(listener.hostname, '');
    const hostnameClash = earlier.find(({ other }) => str(other.hostname, '') === hostname);
    if (hostnameClash) {
      errors.push(fieldErrors.invalid(`${path}.hostname`, hostname,
        `port ${String(listener.port)} already serves this hostname (spec.listeners[${hostnameClash.k}]) (HostnameConflict)`));
    }
  });
}

/** Gateway fields Kong Gateway Operator does not act on. */
function ignoredFieldResults(spec: Json, result: RuleResult): void {
  if (Array.isArray(spec.addresses) && spec.addresses.length > 0) {
    result.errors.push(fieldErrors.forbidden('spec.addresses',
      'Kong does not assign requested addresses: the Gateway\'s addresses are those of its DataPlane ingress Service (set the Service through the GatewayConfiguration)'));
  }
  const tls = isPlainObject(spec.tls) ? spec.tls : {};
  if (isPlainObject(tls.frontend)) {
    result.errors.push(fieldErrors.forbidden('spec.tls.frontend',
      'Kong does not apply Gateway-level client certificate validation; clients would be accepted without it'));
  }
  if (isPlainObject(tls.backend) && tls.backend.clientCertificateRef !== undefined) {
    result.warnings.push('spec.tls.backend.clientCertificateRef: ignored by Kong; Kong will not present this certificate to backends');
  }
  const from = isPlainObject(spec.allowedListeners) && isPlainObject(spec.allowedListeners.namespaces) ? spec.allowedListeners.namespaces.from : undefined;
  if (typeof from === 'string' && from !== 'None') {
    result.warnings.push(`spec.allowedListeners.namespaces.from: ${JSON.stringify(from)} has no effect: Kong does not attach ListenerSets`);
  }
}

/** Kong's limits for one Gateway of a managed class. */
export function kongGatewayRules(gateway: Json): RuleResult {
  const result: RuleResult = { errors: [], warnings: [] };
  const spec = isPlainObject(gateway.spec) ? gateway.spec : {};
  const listeners = objects(spec.listeners);
  listeners.forEach((listener, i) => {
    const path = `spec.listeners[${i}]`;
    const protocol = str(listener.protocol, '');
    if (!SUPPORTED_PROTOCOLS.includes(protocol)) {
      result.errors.push({
        type: 'FieldValueNotSupported',
        field: `${path}.protocol`,
        badValue: protocol,
        detail: 'supported values: "HTTP", "HTTPS" (Kong: UnsupportedProtocol)',
      });
    }
    listenerTlsErrors(listener, path, result.errors);
    listenerRouteKindErrors(listener, path, result.errors);
  });
  conflictErrors(listeners, result.errors);
  ignoredFieldResults(spec, result);
  return result;
}
