// `kongward certs generate|inspect`: issue a CA and serving certificate offline (into a
// directory in cert-manager's file layout, or as a kubernetes.io/tls Secret manifest) and show
// what a directory, PEM file or Secret manifest holds.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { renewMaterial } from '../certs/authority.ts';
import type { IssuePolicy } from '../certs/issue.ts';
import { MATERIAL_FILES } from '../certs/material-store.ts';
import { caBundleField, servingSecretData, tlsSecretManifest } from '../certs/secret-layout.ts';
import { parseCertificates, summarize } from '../certs/x509.ts';
import { UsageError, helpText, numberFlag, parseFlags } from './flags.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  now(): number;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => Date.now(),
};

const DAY_MS = 86_400_000;

const generateFlags = {
  out: { type: 'string', help: 'Directory to write ca.crt, ca.key, tls.crt and tls.key into' },
  'secret-manifest': { type: 'string', help: "File to write a kubernetes.io/tls Secret manifest to ('-' for stdout)" },
  service: { type: 'string', help: 'Service name the webhook is reached at (required)' },
  namespace: { type: 'string', help: 'Namespace of the Service (required)' },
  'secret-name': { type: 'string', help: 'Name of the Secret in the manifest (default: <service>-tls)' },
  'ca-days': { type: 'string', default: '365', help: 'CA lifetime in days' },
  days: { type: 'string', default: '90', help: 'Serving certificate lifetime in days' },
  development: { type: 'boolean', help: 'Also valid for localhost, 127.0.0.1 and ::1' },
  force: { type: 'boolean', help: 'Overwrite existing files' },
} as const;

const GENERATE_USAGE = 'kongward certs generate (--out DIR | --secret-manifest FILE) --service NAME --namespace NS [options]';
const INSPECT_USAGE = 'kongward certs inspect <directory | PEM file | Secret manifest>';

function usage(): string {
  return [
    'Usage: kongward certs <generate|inspect> [options]',
    '',
    '  generate   Issue a CA and a serving certificate offline',
    '  inspect    Show subject, SANs, issuer, validity and days left',
    '',
    "Run 'kongward certs <subcommand> --help' for its options.",
    '',
  ].join('\n');
}

export async function runCertsCommand(argv: string[], io: CliIo = processIo): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === 'generate') return await generate(rest, io);
    if (sub === 'inspect') return await inspect(rest, io);
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      io.stdout(usage());
      return sub === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown subcommand ${JSON.stringify(sub)}\n\n${usage()}`);
  } catch (error) {
    io.stderr(`kongward certs${sub ? ` ${sub}` : ''}: ${(error as Error).message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

async function generate(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseFlags(generateFlags, argv);
  if (help) {
    io.stdout(helpText(GENERATE_USAGE, 'Issues a CA and a serving certificate for <service>.<namespace>.svc (RSA 2048, SHA-256).', generateFlags));
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  if (!values.out && !values['secret-manifest']) throw new UsageError('one of --out or --secret-manifest is required');
  if (!values.service) throw new UsageError('--service is required');
  if (!values.namespace) throw new UsageError('--namespace is required');
  const caDays = numberFlag('ca-days', values['ca-days'], 365);
  const days = numberFlag('days', values.days, 90);
  if (caDays <= 0 || days <= 0) throw new UsageError('--ca-days and --days must be greater than 0');
  if (days > caDays) throw new UsageError(`--days ${days} is longer than --ca-days ${caDays}: the serving certificate cannot outlive its CA`);

  const policy: IssuePolicy = {
    service: values.service,
    namespace: values.namespace,
    development: values.development,
    caLifetimeMs: caDays * DAY_MS,
    leafLifetimeMs: days * DAY_MS,
  };
  const { material } = await renewMaterial(undefined, policy, io.now());
  const manifestToStdout = values['secret-manifest'] === '-';
  const say = manifestToStdout ? io.stderr : io.stdout;

  if (values.out) {
    const dir = values.out;
    if (!values.force) await refuseToOverwrite(Object.values(MATERIAL_FILES).map((name) => path.join(dir, name)));
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, MATERIAL_FILES.caKey), material.caKey, { mode: 0o600 });
    await writeFile(path.join(dir, MATERIAL_FILES.key), material.key, { mode: 0o600 });
    await writeFile(path.join(dir, MATERIAL_FILES.caBundle), material.caBundle);
    await writeFile(path.join(dir, MATERIAL_FILES.cert), material.cert);
    say(`wrote ${dir}/{ca.crt,ca.key,tls.crt,tls.key} (keep ca.key private; --cert-dir needs only tls.crt and tls.key)\n`);
  }
  if (values['secret-manifest']) {
    const manifest = tlsSecretManifest({
      name: values['secret-name'] ?? `${values.service}-tls`,
      namespace: values.namespace,
      data: servingSecretData(material),
      labels: { 'app.kubernetes.io/name': 'kongward', 'app.kubernetes.io/component': 'webhook-certificate' },
    });
    if (manifestToStdout) io.stdout(manifest);
    else {
      if (!values.force) await refuseToOverwrite([values['secret-manifest']]);
      await writeFile(values['secret-manifest'], manifest, { mode: 0o600 });
      say(`wrote Secret manifest ${values['secret-manifest']} (contains the private key; do not commit it)\n`);
    }
  }
  const leaf = summarize(new X509Certificate(material.cert), io.now());
  say(`serving certificate ${leaf.serialNumber}: ${[...leaf.dnsNames, ...leaf.ipAddresses].join(', ')}; valid until ${leaf.notAfter.toISOString()}\n`);
  say(`caBundle for the webhook configuration and CRD conversion: ${caBundleField(material.caBundle)}\n`);
  return 0;
}

async function refuseToOverwrite(files: string[]): Promise<void> {
  for (const file of files) {
    if (await stat(file).then(() => true, () => false)) throw new Error(`${file} exists; use --force to overwrite`);
  }
}

interface PemEntry {
  label: string;
  pem: string;
  /** The private key that must match the first certificate (tls.key beside tls.crt). */
  key?: string;
  /** CA bundle the first certificate must chain to. */
  ca?: string;
}

async function inspect(argv: string[], io: CliIo): Promise<number> {
  const { positionals, help } = parseFlags({}, argv);
  if (help) {
    io.stdout(helpText(INSPECT_USAGE, 'Shows subject, SANs, issuer, validity and days left; exits 1 when a serving certificate is expired, does not match its key or does not chain to ca.crt.', {}));
    return 0;
  }
  const [target, extra] = positionals;
  if (!target || extra) throw new UsageError(`exactly one path is required\n\nUsage: ${INSPECT_USAGE}`);
  const entries = await collect(target);
  if (entries.length === 0) throw new Error(`${target}: no certificate found (looked for tls.crt, ca.crt, PEM blocks or a Secret's data)`);
  let problems = 0;
  const now = io.now();
  for (const entry of entries) {
    const certs = parseCertificates(entry.pem);
    io.stdout(`${entry.label}\n`);
    certs.forEach((cert, index) => {
      const s = summarize(cert, now);
      const names = [...s.dnsNames.map((n) => `DNS:${n}`), ...s.ipAddresses.map((ip) => `IP:${ip}`)];
      const expired = now >= s.notAfter.getTime();
      if (expired && entry.key && index === 0) problems++;
      io.stdout(
        [
          certs.length > 1 ? `  [${index}]` : undefined,
          `  subject:   ${s.subject}`,
          `  issuer:    ${s.issuer}`,
          `  serial:    ${s.serialNumber}`,
          names.length ? `  SANs:      ${names.join(', ')}` : undefined,
          `  CA:        ${s.isCa ? 'yes' : 'no'}`,
          `  validity:  ${s.notBefore.toISOString()} .. ${s.notAfter.toISOString()}`,
          `  days left: ${s.daysLeft}${expired ? ' (EXPIRED)' : ''}`,
        ]
          .filter((line) => line !== undefined)
          .join('\n') + '\n',
      );
    });
    const leaf = certs[0] as X509Certificate;
    if (entry.key !== undefined) {
      const matches = keyMatches(leaf, entry.key);
      if (!matches) problems++;
      io.stdout(`  key:       ${matches ? 'tls.key matches' : 'tls.key DOES NOT MATCH this certificate'}\n`);
    }
    if (entry.ca !== undefined) {
      const cas = safeParse(entry.ca);
      const chained = cas.some((ca) => leaf.checkIssued(ca) && leaf.verify(ca.publicKey));
      if (!chained) problems++;
      io.stdout(`  chain:     ${chained ? 'verifies against ca.crt' : 'DOES NOT verify against ca.crt'}\n`);
    }
  }
  return problems > 0 ? 1 : 0;
}

async function collect(target: string): Promise<PemEntry[]> {
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new Error(`${target}: no such file or directory`);
  if (info.isDirectory()) {
    const read = (name: string) => readFile(path.join(target, name), 'utf8').catch(() => undefined);
    const [cert, key, ca] = await Promise.all([read('tls.crt'), read('tls.key'), read('ca.crt')]);
    const entries: PemEntry[] = [];
    if (cert) entries.push({ label: path.join(target, 'tls.crt'), pem: cert, ...(key !== undefined ? { key } : {}), ...(ca ? { ca } : {}) });
    if (ca) entries.push({ label: path.join(target, 'ca.crt'), pem: ca });
    return entries;
  }
  const text = await readFile(target, 'utf8');
  if (text.includes('-----BEGIN CERTIFICATE-----')) return [{ label: target, pem: text }];
  return secretEntries(target, text);
}

function secretEntries(file: string, text: string): PemEntry[] {
  const entries: PemEntry[] = [];
  for (const doc of parseAllDocuments(text)) {
    const object = doc.toJS() as { kind?: string; metadata?: { name?: string; namespace?: string }; data?: Record<string, string> } | null;
    if (object?.kind !== 'Secret' || !object.data) continue;
    const decode = (k: string) => (object.data?.[k] ? Buffer.from(object.data[k], 'base64').toString('utf8') : undefined);
    const name = `${file}: Secret ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name ?? ''}`;
    const [cert, key, ca] = [decode('tls.crt'), decode('tls.key'), decode('ca.crt')];
    if (cert) entries.push({ label: `${name} tls.crt`, pem: cert, ...(key !== undefined ? { key } : {}), ...(ca ? { ca } : {}) });
    if (ca) entries.push({ label: `${name} ca.crt`, pem: ca });
  }
  return entries;
}

function keyMatches(cert: X509Certificate, keyPem: string): boolean {
  try {
    return cert.checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return false;
  }
}

function safeParse(pem: string): X509Certificate[] {
  try {
    return parseCertificates(pem);
  } catch {
    return [];
  }
}
