// AdmissionReview codec (admission.k8s.io v1 and v1beta1): decode a request body into a
// typed request or a precise reason why it cannot be decoded; encode the answer in the
// version received.
import type { GroupVersionKind, Operation } from '../../api/types.ts';
import { isPlainObject as isRecord } from '../../validation/values.ts';

export const ADMISSION_VERSIONS = ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'] as const;
export type AdmissionApiVersion = (typeof ADMISSION_VERSIONS)[number];

export interface AdmissionRequest {
  uid: string;
  kind: GroupVersionKind;
  requestKind?: GroupVersionKind;
  resource?: { group: string; version: string; resource: string };
  subResource?: string;
  name: string;
  namespace?: string;
  operation: Operation;
  userInfo?: { username?: string; uid?: string; groups?: string[] };
  object: Record<string, unknown> | null;
  oldObject: Record<string, unknown> | null;
  dryRun: boolean;
}

export interface StatusCause {
  field: string;
  reason: string;
  message: string;
}

export interface AdmissionStatus {
  code: number;
  reason?: string;
  message: string;
  details?: { name?: string; group?: string; kind?: string; causes: StatusCause[] };
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: AdmissionStatus;
  warnings?: string[];
}

export type Decoded =
  | { ok: true; apiVersion: AdmissionApiVersion; request: AdmissionRequest }
  | { ok: false; message: string };

const OPERATIONS = new Set<string>(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']);


function decodeGvk(value: unknown): GroupVersionKind | undefined {
  if (!isRecord(value)) return undefined;
  const { group, version, kind } = value;
  if (typeof version !== 'string' || typeof kind !== 'string' || !version || !kind) return undefined;
  return { group: typeof group === 'string' ? group : '', version, kind };
}

function objectOrNull(value: unknown): Record<string, unknown> | null | undefined {
  if (value === null || value === undefined) return null;
  return isRecord(value) ? value : undefined;
}

/** Decodes a parsed body; never throws. */
export function decodeAdmissionReview(body: unknown): Decoded {
  if (!isRecord(body)) return { ok: false, message: 'body must be a JSON object (an AdmissionReview)' };
  const { apiVersion, kind, request } = body;
  if (kind !== 'AdmissionReview') {
    return { ok: false, message: `kind: Unsupported value: ${JSON.stringify(kind ?? null)}: supported values: "AdmissionReview"` };
  }
  if (typeof apiVersion !== 'string' || !(ADMISSION_VERSIONS as readonly string[]).includes(apiVersion)) {
    return {
      ok: false,
      message: `apiVersion: Unsupported value: ${JSON.stringify(apiVersion ?? null)}: supported values: ${ADMISSION_VERSIONS.map((v) => JSON.stringify(v)).join(', ')}`,
    };
  }
  if (!isRecord(request)) return { ok: false, message: 'request: Required value' };
  if (typeof request.uid !== 'string' || request.uid === '') return { ok: false, message: 'request.uid: Required value' };
  const gvk = decodeGvk(request.kind);
  if (!gvk) return { ok: false, message: 'request.kind: Required value: group, version and kind must be set' };
  if (typeof request.operation !== 'string' || !OPERATIONS.has(request.operation)) {
    return {
      ok: false,
      message: `request.operation: Unsupported value: ${JSON.stringify(request.operation ?? null)}: supported values: "CREATE", "UPDATE", "DELETE", "CONNECT"`,
    };
  }
  const object = objectOrNull(request.object);
  const oldObject = objectOrNull(request.oldObject);
  if (object === undefined) return { ok: false, message: 'request.object: Invalid value: must be an object or null' };
  if (oldObject === undefined) return { ok: false, message: 'request.oldObject: Invalid value: must be an object or null' };
  const decoded: AdmissionRequest = {
    uid: request.uid,
    kind: gvk,
    name: typeof request.name === 'string' ? request.name : '',
    operation: request.operation as Operation,
    object,
    oldObject,
    dryRun: request.dryRun === true,
  };
  const requestKind = decodeGvk(request.requestKind);
  if (requestKind) decoded.requestKind = requestKind;
  if (typeof request.namespace === 'string' && request.namespace) decoded.namespace = request.namespace;
  if (typeof request.subResource === 'string' && request.subResource) decoded.subResource = request.subResource;
  if (isRecord(request.resource)) decoded.resource = request.resource as AdmissionRequest['resource'] & object;
  if (isRecord(request.userInfo)) decoded.userInfo = request.userInfo as AdmissionRequest['userInfo'] & object;
  return { ok: true, apiVersion: apiVersion as AdmissionApiVersion, request: decoded };
}

export function encodeAdmissionReview(apiVersion: AdmissionApiVersion, response: AdmissionResponse) {
  return { apiVersion, kind: 'AdmissionReview', response };
}

/** The object's name for messages: request.name, else metadata.name / generateName. */
export function objectName(request: AdmissionRequest): string {
  if (request.name) return request.name;
  const metadata = (request.object ?? request.oldObject)?.metadata;
  if (isRecord(metadata)) {
    if (typeof metadata.name === 'string') return metadata.name;
    if (typeof metadata.generateName === 'string') return metadata.generateName;
  }
  return '';
}
