// `kongward validate [paths...]`: the webhook's validators run on manifests in CI, with
// file:line:col positions. Exit 0 all valid, 1 any invalid (or warnings with --strict),
// 2 usage, I/O or YAML syntax errors (every other file is still checked).
import { parseManifests, type ManifestDocument } from '../manifests/documents.ts';
import { readBase, readSources, type SourceText } from '../manifests/sources.ts';
import { checkDocument, objectKey, type DocumentResult } from '../offline/check-documents.ts';
import { ansiColors, noColors, renderGithub, renderJson, renderText, type FileProblem } from '../offline/report.ts';
import { classLookupFromDocuments } from '../gateway/class-lookup.ts';
import { offlineReferenceLookup } from '../references/offline-lookup.ts';
import { buildValidators } from '../webhooks/admission/default-validators.ts';
import { helpText, parseFlags, UsageError, type FlagSpecs } from './flags.ts';

export const validateFlags = {
  output: { type: 'string', short: 'o', default: 'text', help: 'text, json or github (workflow annotations)' },
  base: { type: 'string', help: 'Directory or git revision holding the previous version; objects found there are checked as UPDATEs (immutability and other transition rules)' },
  strict: { type: 'boolean', help: 'Warnings fail the run too' },
  'require-known-kinds': { type: 'boolean', help: 'Documents of kinds kongward has no schema for are errors instead of skipped' },
  'gateway-class': { type: 'string', multiple: true, help: 'GatewayClass name whose Gateways get Kong\'s limits although no GatewayClass document defines it; repeatable (GatewayClasses among the documents are found by themselves)' },
  'gateway-controller-name': { type: 'string', env: 'KONGWARD_GATEWAY_CONTROLLER_NAME', default: 'konghq.com/gateway-operator', help: 'spec.controllerName of the GatewayClasses that are Kong\'s' },
} satisfies FlagSpecs;

const USAGE = 'kongward validate [options] <file|dir|->...';
const DESCRIPTION = 'Validate Kubernetes manifests offline with the same rules and messages as the admission webhook.\nDirectories are read recursively (.yaml, .yml, .json); "-" reads standard input.';

export interface ValidateIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
}

function parseAll(sources: SourceText[]): { documents: ManifestDocument[]; problems: FileProblem[] } {
  const documents: ManifestDocument[] = [];
  const problems: FileProblem[] = [];
  for (const source of sources) {
    const parsed = parseManifests(source.file, source.text);
    documents.push(...parsed.documents);
    for (const p of parsed.problems) problems.push({ file: p.file, line: p.position.line, column: p.position.column, message: p.message });
  }
  return { documents, problems };
}

export async function runValidate(argv: string[], io: ValidateIo = process): Promise<number> {
  const { values, positionals, help } = parseFlags(validateFlags, argv);
  if (help) {
    io.stdout.write(helpText(USAGE, DESCRIPTION, validateFlags));
    return 0;
  }
  const output = values.output ?? 'text';
  if (!['text', 'json', 'github'].includes(output)) throw new UsageError(`--output: Unsupported value: ${JSON.stringify(output)}: supported values: "text", "json", "github"`);
  if (positionals.length === 0) throw new UsageError(`no paths given\n\nUsage: ${USAGE}`);

  const { sources, problems: readProblems } = await readSources(positionals, () => io.stdin);
  const problems: FileProblem[] = readProblems.map((p) => ({ file: p.file, message: p.message }));
  const parsed = parseAll(sources);
  problems.push(...parsed.problems);

  let base: Map<string, Record<string, unknown>> | undefined;
  if (values.base) {
    try {
      base = new Map();
      for (const document of parseAll(await readBase(values.base, positionals)).documents) {
        const key = objectKey(document.object);
        if (key) base.set(key, document.object as Record<string, unknown>);
      }
    } catch (error) {
      problems.push({ file: values.base, message: `--base: cannot read ${JSON.stringify(values.base)}: ${(error as Error).message.split('\n')[0]}` });
    }
  }

  const controllerName = values['gateway-controller-name'] ?? 'konghq.com/gateway-operator';
  const classes = classLookupFromDocuments(parsed.documents.map((d) => d.object), { managedClassNames: values['gateway-class'], controllerName });
  // The documents of this run (and of --base) are the universe references resolve against.
  const references = offlineReferenceLookup(parsed.documents.map((d) => d.object), { base: base ? [...base.values()] : [] });
  const validators = buildValidators({ unknownFields: 'error', gateway: { controllerName, classes }, references });
  const showProgress = io.stderr.isTTY === true && parsed.documents.length > 2000;
  const results: DocumentResult[] = [];
  for (const [i, document] of parsed.documents.entries()) {
    results.push(await checkDocument(document, { validators, ...(base ? { base } : {}), requireKnownKinds: values['require-known-kinds'] }));
    if (showProgress && i % 1000 === 0) io.stderr.write(`\rvalidated ${i}/${parsed.documents.length}`);
  }
  if (showProgress) io.stderr.write('\r\u001b[K');

  const colors = io.stdout.isTTY && !process.env.NO_COLOR ? ansiColors : noColors;
  io.stdout.write(output === 'json' ? renderJson(results, problems) : output === 'github' ? renderGithub(results, problems) : renderText(results, problems, colors));

  if (problems.length) return 2;
  if (results.some((r) => r.status === 'invalid')) return 1;
  if (values.strict && results.some((r) => r.warnings.length)) return 1;
  return 0;
}
