// PEM checks beyond "does it parse" (see pem.ts): public keys, and whether a certificate or a
// public key belongs to the private key beside it. Kong rejects mismatched pairs at sync time;
// catching them at admission gives the user the error on `kubectl apply`. Values stay redacted.
import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { CheckResult, ObjectCheck } from '../types.ts';
import { fieldErrors, type FieldError } from '../../validation/field-error.ts';
import { REDACTED, certificateProblem, invalidPem, privateKeyProblem } from './pem.ts';

/**
 * KeyObject#equals on keys of different types (RSA vs EC) leaves an OpenSSL error queued, and
 * the next createPrivateKey in the process then fails ("different key types"): compare the
 * types first, so one object's mismatch never spoils the validation of the next.
 */
function sameKey(a: KeyObject, b: KeyObject): boolean {
  return a.asymmetricKeyType === b.asymmetricKeyType && a.equals(b);
}

const publicKeyBlock = /^\s*-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----\s*$/;

/** Why `text` is not one PEM public key (SubjectPublicKeyInfo), or undefined when it is. */
export function publicKeyProblem(text: string): string | undefined {
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(text)) return 'no PEM block found';
  if (!publicKeyBlock.test(text)) return 'expected exactly one "PUBLIC KEY" PEM block';
  try {
    createPublicKey(text);
  } catch {
    return 'cannot parse the public key';
  }
  return undefined;
}

function stringAt(object: Record<string, unknown>, path: string[]): string | undefined {
  let node: unknown = object;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Check: the string at `path`, when present, is a PEM public key. */
export function pemPublicKeyCheck(path: string[]): ObjectCheck {
  const field = path.join('.');
  return ({ object }) => {
    const value = stringAt(object, path);
    if (value === undefined) return {};
    const problem = publicKeyProblem(value);
    return problem ? { errors: [invalidPem(field, 'public key', problem)] } : {};
  };
}

function mismatch(field: string, otherField: string): CheckResult {
  const error: FieldError = fieldErrors.invalid(field, REDACTED, `does not match the key pair of ${otherField}`);
  return { errors: [error] };
}

/** Public half of a valid private key PEM (undefined when it does not parse; pem.ts reports that). */
function publicOfPrivate(pem: string): KeyObject | undefined {
  if (privateKeyProblem(pem)) return undefined;
  return createPublicKey(createPrivateKey(pem));
}

/**
 * Check: when both parse, the (first) certificate at `certPath` is the one for the private key
 * at `keyPath`. Reported on the key field.
 */
export function certificateMatchesKeyCheck(certPath: string[], keyPath: string[]): ObjectCheck {
  return ({ object }) => {
    const cert = stringAt(object, certPath);
    const key = stringAt(object, keyPath);
    if (cert === undefined || key === undefined || certificateProblem(cert)) return {};
    const publicKey = publicOfPrivate(key);
    if (!publicKey) return {};
    return sameKey(new X509Certificate(cert).publicKey, publicKey) ? {} : mismatch(keyPath.join('.'), certPath.join('.'));
  };
}

/** Check: when both parse, the public key at `publicPath` belongs to the private key at `privatePath`. */
export function publicKeyMatchesPrivateKeyCheck(publicPath: string[], privatePath: string[]): ObjectCheck {
  return ({ object }) => {
    const publicPem = stringAt(object, publicPath);
    const privatePem = stringAt(object, privatePath);
    if (publicPem === undefined || privatePem === undefined || publicKeyProblem(publicPem)) return {};
    const derived = publicOfPrivate(privatePem);
    if (!derived) return {};
    return sameKey(createPublicKey(publicPem), derived) ? {} : mismatch(publicPath.join('.'), privatePath.join('.'));
  };
}
