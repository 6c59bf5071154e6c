// Reading KIC settings out of env var values: Go durations, `K=true,K2=false` feature gates,
// and the messages KO uses when it cannot.
import { ConversionError } from '../types.ts';

export type Obj = Record<string, unknown>;

export { isPlainObject as isRecord } from '../../validation/values.ts';

export const ENV_FROM_ERROR =
  "ControlPlane v1beta1 can't be converted, because EnvFrom is used on container level (converter can't reason about values), manual adjustment is needed";

export function envSetByValueFrom(name: string): string {
  return `ControlPlane v1beta1 can't be converted, because environment variable: ${name} is populated with EnvFrom, manual adjustment is needed`;
}

/** What Go's time.ParseDuration accepts (`1h30m`, `1.5s`, `-2ms`, `0`), ignoring overflow. */
const GO_DURATION = /^[-+]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/;

export function isGoDuration(value: string): boolean {
  return GO_DURATION.test(value);
}

function keyValueError(pair: string): string {
  return `failed to parse feature gate, invalid key-value pair ${JSON.stringify(pair)}, expected 'key=value' format`;
}

/**
 * `CONTROLLER_FEATURE_GATES` -> `[{name, state}]`. Blank entries (an empty value, a trailing
 * comma) are skipped where KO fails; a gate named twice keeps its first place and last value.
 */
export function parseFeatureGates(value: string, field: string): Obj[] {
  const states = new Map<string, 'enabled' | 'disabled'>();
  for (const pair of value.split(',')) {
    if (pair.trim() === '') continue;
    const parts = pair.split('=');
    if (parts.length !== 2) throw new ConversionError(field, keyValueError(pair));
    const key = (parts[0] as string).trim();
    const raw = (parts[1] as string).trim().toLowerCase();
    if (key === '' || raw === '') throw new ConversionError(field, keyValueError(pair));
    if (raw !== 'true' && raw !== 'false') {
      throw new ConversionError(field, `invalid value for feature gate ${pair}, expected 'true' or 'false' as value`);
    }
    states.set(key, raw === 'true' ? 'enabled' : 'disabled');
  }
  return [...states].map(([name, state]) => ({ name, state }));
}
