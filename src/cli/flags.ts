// Flag definitions with environment-variable fallbacks and generated --help text, so every
// setting is documented in one place and can be given either way (flag wins over env).
import { parseArgs } from 'node:util';

export interface FlagSpec {
  type: 'string' | 'boolean';
  env?: string;
  default?: string | boolean;
  help: string;
  short?: string;
  multiple?: boolean;
}

export type FlagSpecs = Record<string, FlagSpec>;

export type FlagValues<S extends FlagSpecs> = {
  [K in keyof S]: S[K]['multiple'] extends true ? string[] : S[K]['type'] extends 'boolean' ? boolean : string | undefined;
};

export class UsageError extends Error {}

export function parseFlags<S extends FlagSpecs>(
  specs: S,
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): { values: FlagValues<S>; positionals: string[]; help: boolean } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const given = parsed.values[name];
    if (given !== undefined) {
      values[name] = given;
      continue;
    }
    const fromEnv = spec.env ? env[spec.env] : undefined;
    if (fromEnv !== undefined && fromEnv !== '') {
      values[name] = spec.type === 'boolean' ? /^(1|true|yes|on)$/i.test(fromEnv) : spec.multiple ? fromEnv.split(',') : fromEnv;
      continue;
    }
    values[name] = spec.multiple ? [] : (spec.default ?? (spec.type === 'boolean' ? false : undefined));
  }
  return { values: values as FlagValues<S>, positionals: parsed.positionals, help: parsed.values.help === true };
}

export function helpText(usage: string, description: string, specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ' <value>' : ''}`;
    const extras = [
      spec.default !== undefined && spec.default !== false ? `default ${JSON.stringify(spec.default)}` : '',
      spec.env ? `env ${spec.env}` : '',
    ].filter(Boolean);
    return `  ${flag.padEnd(34)} ${spec.help}${extras.length ? ` (${extras.join('; ')})` : ''}`;
  });
  return `Usage: ${usage}\n\n${description}\n\nOptions:\n${rows.join('\n')}\n  ${'-h, --help'.padEnd(34)} Show this help\n`;
}

/** Parses a positive number flag, or throws a UsageError naming the flag. */
export function numberFlag(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new UsageError(`--${name}: invalid value ${JSON.stringify(value)}: must be a non-negative number`);
  return parsed;
}
