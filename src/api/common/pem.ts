// PEM checks for inline certificates and keys (a CRD cannot parse them). The offending value
// is never echoed: causes carry `<redacted>` so key material cannot leak into logs or kubectl.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { ObjectCheck } from '../types.ts';
import { fieldErrors, type FieldError } from '../../validation/field-error.ts';

/** What a cause prints instead of the value it is about. */
export const REDACTED = '<redacted>';

interface PemBlock {
  label: string;
  body: string;
}

const blockPattern = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(blockPattern)].map((m) => ({ label: m[1] ?? '', body: m[0] }));
}

// Certificates are public and the same PEM comes back on every update of its object, so their
// verdicts are kept (bounded, oldest out first). Private keys are secret: never cached.
export const CERTIFICATE_VERDICT_LIMIT = 256;
const CACHEABLE_TEXT_LENGTH = 64 * 1024;
const certificateVerdicts = new Map<string, string | undefined>();

/** How many certificate verdicts are cached (for tests). */
export function cachedCertificateVerdicts(): number {
  return certificateVerdicts.size;
}

/** Why `text` is not one or more PEM certificates, or undefined when it is. */
export function certificateProblem(text: string): string | undefined {
  if (text.length > CACHEABLE_TEXT_LENGTH) return parseCertificates(text);
  if (certificateVerdicts.has(text)) return certificateVerdicts.get(text);
  const verdict = parseCertificates(text);
  if (certificateVerdicts.size >= CERTIFICATE_VERDICT_LIMIT) {
    certificateVerdicts.delete(certificateVerdicts.keys().next().value as string);
  }
  certificateVerdicts.set(text, verdict);
  return verdict;
}

function parseCertificates(text: string): string | undefined {
  const blocks = pemBlocks(text);
  if (blocks.length === 0) return 'no PEM block found';
  for (const [index, block] of blocks.entries()) {
    const where = blocks.length > 1 ? `block ${index + 1}: ` : '';
    if (block.label !== 'CERTIFICATE') return `${where}PEM block is "${block.label}", expected "CERTIFICATE"`;
    try {
      new X509Certificate(block.body);
    } catch {
      return `${where}cannot parse the X.509 certificate`;
    }
  }
  return undefined;
}

/** Why `text` is not a PEM private key, or undefined when it is. */
export function privateKeyProblem(text: string): string | undefined {
  const blocks = pemBlocks(text);
  if (blocks.length === 0) return 'no PEM block found';
  if (blocks.length > 1) return `found ${blocks.length} PEM blocks, expected 1`;
  const block = blocks[0] as PemBlock;
  if (!/PRIVATE KEY$/.test(block.label)) return `PEM block is "${block.label}", expected a private key`;
  try {
    createPrivateKey(block.body);
  } catch {
    return 'cannot parse the private key';
  }
  return undefined;
}

function valueAt(object: Record<string, unknown>, path: string[]): unknown {
  let node: unknown = object;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Field error for a value that is not valid PEM; the value itself is redacted. */
export function invalidPem(field: string, what: string, problem: string): FieldError {
  return fieldErrors.invalid(field, REDACTED, `not a valid PEM ${what}: ${problem}`);
}

/** Check: the string at `path` (e.g. `['spec', 'cert']`), when present, is PEM certificate(s). */
export function pemCertificateCheck(path: string[]): ObjectCheck {
  const field = path.join('.');
  return ({ object }) => {
    const value = valueAt(object, path);
    if (typeof value !== 'string') return {};
    const problem = certificateProblem(value);
    return problem ? { errors: [invalidPem(field, 'certificate', problem)] } : {};
  };
}

/** Check: the string at `path`, when present, is a PEM private key. */
export function pemPrivateKeyCheck(path: string[]): ObjectCheck {
  const field = path.join('.');
  return ({ object }) => {
    const value = valueAt(object, path);
    if (typeof value !== 'string') return {};
    const problem = privateKeyProblem(value);
    return problem ? { errors: [invalidPem(field, 'private key', problem)] } : {};
  };
}
