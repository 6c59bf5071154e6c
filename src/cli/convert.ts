// `kongward convert -f <file|dir|-> --to <group/version>`: the conversion webhook's converters
// offline, to migrate stored manifests (like kubectl-convert). Objects of other groups pass
// through unchanged; objects already at the target version too.
import { stringify } from 'yaml';
import { splitApiVersion } from '../api/registry.ts';
import { convertObject } from '../conversion/convert.ts';
import { ConversionError } from '../conversion/types.ts';
import { parseManifests } from '../manifests/documents.ts';
import { locate } from '../manifests/positions.ts';
import { readSources } from '../manifests/sources.ts';
import { helpText, parseFlags, UsageError, type FlagSpecs } from './flags.ts';
import type { ValidateIo } from './validate.ts';

export const convertFlags = {
  filename: { type: 'string', short: 'f', multiple: true, help: 'File, directory (recursive) or - for standard input; repeatable' },
  to: { type: 'string', help: 'Target group/version, e.g. gateway-operator.konghq.com/v2beta1' },
  output: { type: 'string', short: 'o', default: 'yaml', help: 'yaml or json' },
} satisfies FlagSpecs;

export async function runConvert(argv: string[], io: ValidateIo = process): Promise<number> {
  const { values, positionals, help } = parseFlags(convertFlags, argv);
  if (help) {
    io.stdout.write(helpText('kongward convert -f <file|dir|-> --to <group/version>', 'Convert manifests between served versions with the conversion webhook\'s converters.', convertFlags));
    return 0;
  }
  const paths = [...values.filename, ...positionals];
  if (!values.to) throw new UsageError('--to <group/version> is required');
  if (!values.to.includes('/')) throw new UsageError(`--to: invalid value ${JSON.stringify(values.to)}: expected <group>/<version>`);
  if (paths.length === 0) throw new UsageError('no input: give -f <file|dir|->');
  const output = values.output ?? 'yaml';
  if (output !== 'yaml' && output !== 'json') throw new UsageError(`--output: Unsupported value: ${JSON.stringify(output)}: supported values: "yaml", "json"`);
  const target = splitApiVersion(values.to);

  const { sources, problems } = await readSources(paths, () => io.stdin);
  let failed = problems.length > 0;
  for (const p of problems) io.stderr.write(`${p.file}: error: ${p.message}\n`);
  const converted: unknown[] = [];
  for (const source of sources) {
    const parsed = parseManifests(source.file, source.text);
    for (const p of parsed.problems) {
      io.stderr.write(`${p.file}:${p.position.line}:${p.position.column}: error: ${p.message}\n`);
      failed = true;
    }
    for (const document of parsed.documents) {
      const object = document.object as Record<string, unknown>;
      const apiVersion = typeof object?.apiVersion === 'string' ? object.apiVersion : '';
      if (!apiVersion || splitApiVersion(apiVersion).group !== target.group) {
        converted.push(object);
        continue;
      }
      try {
        converted.push(convertObject(object, values.to));
      } catch (error) {
        const field = error instanceof ConversionError ? error.field : '';
        const where = locate(document, field);
        io.stderr.write(`${document.file}:${where.line}:${where.column}: error: ${String(object.kind)}: ${(error as Error).message}\n`);
        failed = true;
      }
    }
  }
  if (output === 'json') {
    io.stdout.write(`${JSON.stringify(converted.length === 1 ? converted[0] : { apiVersion: 'v1', kind: 'List', items: converted }, null, 2)}\n`);
  } else {
    io.stdout.write(converted.map((o) => stringify(o, { lineWidth: 0 })).join('---\n'));
  }
  return failed ? 1 : 0;
}
