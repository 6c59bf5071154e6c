// ConversionReview codec (apiextensions.k8s.io/v1). The apiserver pre-fills an empty
// `response` stanza in requests; it is ignored.
import { isPlainObject as isRecord } from '../../validation/values.ts';

export const CONVERSION_API_VERSION = 'apiextensions.k8s.io/v1';

export interface ConversionRequest {
  uid: string;
  desiredAPIVersion: string;
  objects: unknown[];
}

export type DecodedConversion = { ok: true; request: ConversionRequest } | { ok: false; message: string };


export function decodeConversionReview(body: unknown): DecodedConversion {
  if (!isRecord(body)) return { ok: false, message: 'body must be a JSON object (a ConversionReview)' };
  if (body.kind !== 'ConversionReview') {
    return { ok: false, message: `kind: Unsupported value: ${JSON.stringify(body.kind ?? null)}: supported values: "ConversionReview"` };
  }
  if (body.apiVersion !== CONVERSION_API_VERSION) {
    return { ok: false, message: `apiVersion: Unsupported value: ${JSON.stringify(body.apiVersion ?? null)}: supported values: "${CONVERSION_API_VERSION}"` };
  }
  const request = body.request;
  if (!isRecord(request)) return { ok: false, message: 'request: Required value' };
  if (typeof request.uid !== 'string' || !request.uid) return { ok: false, message: 'request.uid: Required value' };
  if (typeof request.desiredAPIVersion !== 'string' || !request.desiredAPIVersion) return { ok: false, message: 'request.desiredAPIVersion: Required value' };
  if (!Array.isArray(request.objects)) return { ok: false, message: 'request.objects: Required value: must be a list' };
  return { ok: true, request: { uid: request.uid, desiredAPIVersion: request.desiredAPIVersion, objects: request.objects } };
}

export function conversionResponse(uid: string, result: { convertedObjects: unknown[] } | { failure: string }) {
  const response =
    'failure' in result
      ? { uid, convertedObjects: [], result: { status: 'Failure', message: result.failure } }
      : { uid, convertedObjects: result.convertedObjects, result: { status: 'Success' } };
  return { apiVersion: CONVERSION_API_VERSION, kind: 'ConversionReview', response };
}
