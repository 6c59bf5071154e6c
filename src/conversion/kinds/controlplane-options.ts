// ControlPlane options between v1beta1 (a Kong Ingress Controller Deployment: the settings are
// env vars of the first container of the pod template) and v2beta1 (structured options, KIC runs
// in the operator). Shared by ControlPlane `spec` and GatewayConfiguration `spec.controlPlaneOptions`.
// The settings are one table read in both directions; only feature gates and controllers
// (several values in one or many env vars) have code of their own.
import { ConversionError } from '../types.ts';
import { ENV_FROM_ERROR, envSetByValueFrom, isGoDuration, isRecord, parseFeatureGates, type Obj } from './controlplane-env.ts';

export { isRecord, type Obj };

type Toggle = 'enabled' | 'disabled';

interface Setting {
  env: string;
  /** Where the value lives under the v2beta1 options. */
  path: readonly string[];
  type: 'toggle' | 'duration';
  /** `true` in the env var means `disabled` (the env var names the opposite of the option). */
  inverted?: boolean;
}

/** In the order ConvertFrom writes them (KO's order). */
const SETTINGS: readonly Setting[] = [
  { env: 'CONTROLLER_ENABLE_REVERSE_SYNC', path: ['dataplaneSync', 'reverseSync'], type: 'toggle' },
  { env: 'CONTROLLER_GATEWAY_DISCOVERY_READINESS_CHECK_INTERVAL', path: ['gatewayDiscovery', 'readinessCheckInterval'], type: 'duration' },
  { env: 'CONTROLLER_GATEWAY_DISCOVERY_READINESS_CHECK_TIMEOUT', path: ['gatewayDiscovery', 'readinessCheckTimeout'], type: 'duration' },
  { env: 'CONTROLLER_INIT_CACHE_SYNC_DURATION', path: ['cache', 'initSyncDuration'], type: 'duration' },
  { env: 'CONTROLLER_COMBINED_SERVICES_FROM_DIFFERENT_HTTPROUTES', path: ['translation', 'combinedServicesFromDifferentHTTPRoutes'], type: 'toggle' },
  { env: 'CONTROLLER_USE_LAST_VALID_CONFIG_FOR_FALLBACK', path: ['translation', 'fallbackConfiguration', 'useLastValidConfig'], type: 'toggle' },
  { env: 'CONTROLLER_ENABLE_DRAIN_SUPPORT', path: ['translation', 'drainSupport'], type: 'toggle' },
  { env: 'CONTROLLER_DUMP_CONFIG', path: ['configDump', 'state'], type: 'toggle' },
  { env: 'CONTROLLER_DUMP_SENSITIVE_CONFIG', path: ['configDump', 'dumpSensitive'], type: 'toggle' },
  // KO maps this one without inverting it (DISABLE=true became consumersSync: enabled); we invert.
  { env: 'CONTROLLER_KONNECT_DISABLE_CONSUMERS_SYNC', path: ['konnect', 'consumersSync'], type: 'toggle', inverted: true },
  { env: 'CONTROLLER_KONNECT_LICENSING_ENABLED', path: ['konnect', 'licensing', 'state'], type: 'toggle' },
  { env: 'CONTROLLER_KONNECT_INITIAL_LICENSE_POLLING_PERIOD', path: ['konnect', 'licensing', 'initialPollingPeriod'], type: 'duration' },
  { env: 'CONTROLLER_KONNECT_LICENSE_POLLING_PERIOD', path: ['konnect', 'licensing', 'pollingPeriod'], type: 'duration' },
  { env: 'CONTROLLER_KONNECT_LICENSE_STORAGE_ENABLED', path: ['konnect', 'licensing', 'storageState'], type: 'toggle' },
  { env: 'CONTROLLER_KONNECT_REFRESH_NODE_PERIOD', path: ['konnect', 'nodeRefreshPeriod'], type: 'duration' },
  { env: 'CONTROLLER_KONNECT_UPLOAD_CONFIG_PERIOD', path: ['konnect', 'configUploadPeriod'], type: 'duration' },
];

export const FEATURE_GATES_ENV = 'CONTROLLER_FEATURE_GATES';
export const CONTROLLER_ENV_PREFIX = 'CONTROLLER_ENABLE_CONTROLLER_';
export const INGRESS_CLASS_ENV = 'CONTROLLER_INGRESS_CLASS';
/** Every env var name with a meaning in v2beta1 starts with this. */
const MAPPED_ENV_PREFIX = 'CONTROLLER_';

/** Toggle values KIC accepts in these env vars (case-insensitive); anything else leaves the option unset. */
function parseToggle(value: string): Toggle | undefined {
  switch (value.toLowerCase()) {
    case 'true': case '1': return 'enabled';
    case 'false': case '0': return 'disabled';
    default: return undefined;
  }
}

const flip = (state: Toggle): Toggle => (state === 'enabled' ? 'disabled' : 'enabled');

function setAt(target: Obj, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (isRecord(node[key]) ? node[key] : (node[key] = {})) as Obj;
  node[path[path.length - 1] as string] = value;
}

function getAt(source: unknown, path: readonly string[]): unknown {
  let node = source;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return node;
}

interface EnvEntry { index: number; name: string; value: string; valueFrom: boolean }

function envEntries(container: Obj): EnvEntry[] {
  const env = Array.isArray(container.env) ? container.env : [];
  return env.flatMap((item, index) => {
    if (!isRecord(item) || typeof item.name !== 'string') return [];
    return [{ index, name: item.name, value: typeof item.value === 'string' ? item.value : '', valueFrom: item.valueFrom !== undefined && item.valueFrom !== null }];
  });
}

/** The containers of `deployment.podTemplateSpec.spec`, or []. */
export function containersOf(options: Obj): Obj[] {
  const containers = getAt(options, ['deployment', 'podTemplateSpec', 'spec', 'containers']);
  return Array.isArray(containers) ? containers.filter(isRecord) : [];
}

/**
 * envFrom makes values invisible to the converter, unless its prefix keeps every imported name
 * away from `CONTROLLER_` (then nothing it imports has a meaning in v2beta1; the stash keeps it).
 */
function checkEnvFrom(container: Obj, containerPath: string): void {
  if (!Array.isArray(container.envFrom)) return;
  container.envFrom.forEach((source, i) => {
    const prefix = isRecord(source) && typeof source.prefix === 'string' ? source.prefix : '';
    if (prefix.startsWith(MAPPED_ENV_PREFIX) || MAPPED_ENV_PREFIX.startsWith(prefix)) {
      throw new ConversionError(`${containerPath}.envFrom[${i}]`, ENV_FROM_ERROR);
    }
  });
}

function parseControllers(entries: EnvEntry[], envPath: string): Obj[] | undefined {
  const controllers: Obj[] = [];
  for (const entry of entries) {
    if (!entry.name.startsWith(CONTROLLER_ENV_PREFIX)) continue;
    const name = entry.name.slice(CONTROLLER_ENV_PREFIX.length);
    if (entry.valueFrom) throw new ConversionError(`${envPath}[${entry.index}].valueFrom`, envSetByValueFrom(entry.name));
    const state = parseToggle(entry.value.trim());
    if (!state) {
      throw new ConversionError(`${envPath}[${entry.index}].value`, `invalid value for controller ${entry.name}, expected 'true' or 'false' as value`);
    }
    // A name v2beta1 cannot hold (empty or over 63 characters) stays in the stash.
    if (name.length >= 1 && name.length <= 63) controllers.push({ name, state });
  }
  return controllers.length ? controllers : undefined;
}

/** CONTROLLER_INGRESS_CLASS of the `controller` container of v1beta1 options (at `path`), if set. */
export function ingressClassFromEnv(v1: Obj, path: string): string | undefined {
  const containers = containersOf(v1);
  const index = containers.findIndex((c) => c.name === 'controller');
  if (index < 0) return undefined;
  const entry = envEntries(containers[index] as Obj).find((e) => e.name === INGRESS_CLASS_ENV);
  if (entry?.valueFrom) {
    throw new ConversionError(`${path}.deployment.podTemplateSpec.spec.containers[${index}].env[${entry.index}].valueFrom`, envSetByValueFrom(entry.name));
  }
  return entry?.value;
}

/**
 * v1beta1 options (at `path`) -> v2beta1 options (without ingressClass, dataplane and
 * extensions). Throws ConversionError for values it cannot reason about.
 */
export function optionsToHub(v1: Obj, path: string): Obj {
  const options: Obj = {};
  if (isRecord(v1.watchNamespaces)) options.watchNamespaces = v1.watchNamespaces;
  const containersPath = `${path}.deployment.podTemplateSpec.spec.containers`;
  const first = containersOf(v1)[0];
  if (!first) return options;

  checkEnvFrom(first, `${containersPath}[0]`);
  const envPath = `${containersPath}[0].env`;
  const entries = envEntries(first);
  const byName = new Map<string, EnvEntry>();
  for (const entry of entries) if (!byName.has(entry.name)) byName.set(entry.name, entry);

  const gates = byName.get(FEATURE_GATES_ENV);
  if (gates) {
    if (gates.valueFrom) throw new ConversionError(`${envPath}[${gates.index}].valueFrom`, envSetByValueFrom(gates.name));
    const featureGates = parseFeatureGates(gates.value, `${envPath}[${gates.index}].value`);
    if (featureGates.length) options.featureGates = featureGates;
  }
  const controllers = parseControllers(entries, envPath);
  if (controllers) options.controllers = controllers;

  for (const setting of SETTINGS) {
    const entry = byName.get(setting.env);
    if (!entry) continue;
    if (entry.valueFrom) throw new ConversionError(`${envPath}[${entry.index}].valueFrom`, envSetByValueFrom(entry.name));
    if (setting.type === 'toggle') {
      const state = parseToggle(entry.value);
      if (state) setAt(options, setting.path, setting.inverted ? flip(state) : state);
    } else if (entry.value !== '') {
      if (!isGoDuration(entry.value)) throw new ConversionError(`${envPath}[${entry.index}].value`, `time: invalid duration ${JSON.stringify(entry.value)}`);
      setAt(options, setting.path, entry.value);
    }
  }
  dropWhatV2beta1Forbids(options);
  return options;
}

/**
 * v2beta1 rejects licensing periods and storage unless licensing is enabled, and dumpSensitive
 * unless dumping is enabled; KIC ignores those settings then anyway (the stash keeps the env vars).
 */
function dropWhatV2beta1Forbids(options: Obj): void {
  const konnect = options.konnect as Obj | undefined;
  if (konnect && getAt(konnect, ['licensing', 'state']) !== 'enabled') {
    delete konnect.licensing;
    if (Object.keys(konnect).length === 0) delete options.konnect;
  }
  const dump = options.configDump as Obj | undefined;
  if (dump && dump.state !== 'enabled' && dump.dumpSensitive === 'enabled') {
    delete dump.dumpSensitive;
    if (Object.keys(dump).length === 0) delete options.configDump;
  }
}

/** Names v1beta1's `K=v,K2=v` syntax can carry back. */
function fitsFeatureGateSyntax(name: string): boolean {
  return name.trim() !== '' && !name.includes(',') && !name.includes('=');
}

/** v2beta1 options -> the env vars of the v1beta1 `controller` container (KO's order). */
export function optionsToEnv(v2: Obj): Obj[] {
  const env: Obj[] = [];
  const toggleValue = (state: unknown, inverted = false): string | undefined =>
    state === 'enabled' || state === 'disabled' ? String((state === 'enabled') !== inverted) : undefined;

  const gates = Array.isArray(v2.featureGates) ? v2.featureGates.filter(isRecord) : [];
  const pairs = gates.flatMap((g) => {
    const value = toggleValue(g.state);
    return typeof g.name === 'string' && fitsFeatureGateSyntax(g.name) && value ? [`${g.name}=${value}`] : [];
  });
  if (pairs.length) env.push({ name: FEATURE_GATES_ENV, value: pairs.join(',') });
  const controllers = Array.isArray(v2.controllers) ? v2.controllers.filter(isRecord) : [];
  for (const c of controllers) {
    const value = toggleValue(c.state);
    if (typeof c.name === 'string' && value) env.push({ name: `${CONTROLLER_ENV_PREFIX}${c.name}`, value });
  }
  for (const setting of SETTINGS) {
    const raw = getAt(v2, setting.path);
    const value = setting.type === 'toggle' ? toggleValue(raw, setting.inverted) : typeof raw === 'string' && isGoDuration(raw) ? raw : undefined;
    if (value !== undefined) env.push({ name: setting.env, value });
  }
  return env;
}

/** v2beta1 options -> v1beta1 options: watchNamespaces and a pod template with one `controller` container. */
export function optionsFromHub(v2: Obj, extraEnv: Obj[] = [], image?: string): Obj {
  const v1: Obj = {};
  if (isRecord(v2.watchNamespaces)) v1.watchNamespaces = v2.watchNamespaces;
  const env = [...optionsToEnv(v2), ...extraEnv];
  const container: Obj = { name: 'controller' };
  if (image !== undefined) container.image = image;
  if (env.length) container.env = env;
  v1.deployment = { podTemplateSpec: { spec: { containers: [container] } } };
  return v1;
}
