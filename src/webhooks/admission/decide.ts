// Runs the validators for one request and folds their results into one AdmissionResponse.
// Every cause is reported; a validator that throws becomes a 500 denial with a readable
// message (never `{}`), and the caller counts it as a panic.
import { findKind, qualifiedKind } from '../../api/registry.ts';
import { errorBody, invalidMessage, type FieldError } from '../../validation/field-error.ts';
import { objectName, type AdmissionRequest, type AdmissionResponse } from './review.ts';
import type { Validator } from './validators.ts';

export interface Decision {
  response: AdmissionResponse;
  /** Set when a validator threw: the error, for logging and the panic counter. */
  panic?: unknown;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  return 'unknown error';
}

function kindLabel(request: AdmissionRequest): string {
  const known = findKind(request.kind.group, request.kind.kind);
  if (known) return qualifiedKind(known);
  return request.kind.group ? `${request.kind.kind}.${request.kind.group}` : request.kind.kind;
}

export function denialFor(request: AdmissionRequest, errors: FieldError[], warnings: string[]): AdmissionResponse {
  const name = objectName(request);
  const response: AdmissionResponse = {
    uid: request.uid,
    allowed: false,
    status: {
      code: 422,
      reason: 'Invalid',
      message: invalidMessage(kindLabel(request), name, errors),
      details: {
        name,
        group: request.kind.group,
        kind: request.kind.kind,
        causes: errors.map((error) => ({ field: error.field, reason: error.type, message: errorBody(error) })),
      },
    },
  };
  if (warnings.length) response.warnings = warnings;
  return response;
}

export type Collected = { ok: true; errors: FieldError[]; warnings: string[] } | { ok: false; panic: unknown };

/** Runs every validator for the request and gathers all errors and warnings (or the failure). */
export async function collectVerdicts(request: AdmissionRequest, validators: readonly Validator[]): Promise<Collected> {
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  try {
    for (const validator of validators) {
      const verdict = await validator(request);
      if (verdict.errors?.length) errors.push(...verdict.errors);
      if (verdict.warnings?.length) warnings.push(...verdict.warnings);
    }
  } catch (panic) {
    return { ok: false, panic };
  }
  return { ok: true, errors, warnings };
}

/** Why a validator failed, for people: `could not validate Kind.group "ns/name": internal error: ...`. */
export function panicMessage(request: AdmissionRequest, panic: unknown): string {
  const where = [request.namespace, objectName(request)].filter(Boolean).join('/');
  return `kongward could not validate ${kindLabel(request)} ${JSON.stringify(where)}: internal error: ${describe(panic)}`;
}

export async function decide(request: AdmissionRequest, validators: readonly Validator[]): Promise<Decision> {
  const collected = await collectVerdicts(request, validators);
  if (!collected.ok) {
    return {
      panic: collected.panic,
      response: { uid: request.uid, allowed: false, status: { code: 500, reason: 'InternalError', message: panicMessage(request, collected.panic) } },
    };
  }
  const { errors, warnings } = collected;
  if (errors.length) return { response: denialFor(request, errors, warnings) };
  return { response: warnings.length ? { uid: request.uid, allowed: true, warnings } : { uid: request.uid, allowed: true } };
}
