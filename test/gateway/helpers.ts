// Shared helpers for the Gateway rule tests: manifests, admission requests and a registry with
// the engine validators plus Kong's Gateway validators, run exactly as /validate runs them.
import { splitApiVersion } from '../../src/api/registry.ts';
import type { Operation } from '../../src/api/types.ts';
import type { GatewayClassLookup } from '../../src/gateway/class-lookup.ts';
import { gatewayValidators } from '../../src/gateway/validators.ts';
import { collectVerdicts } from '../../src/webhooks/admission/decide.ts';
import { registerEngineValidators } from '../../src/webhooks/admission/engine-validators.ts';
import type { AdmissionRequest } from '../../src/webhooks/admission/review.ts';
import { ValidatorRegistry } from '../../src/webhooks/admission/validators.ts';
import { formatFieldError } from '../../src/validation/field-error.ts';

export type Json = Record<string, any>;

export function gateway(version: string, spec: Json, name = 'example'): Json {
  return {
    apiVersion: `gateway.networking.k8s.io/${version}`,
    kind: 'Gateway',
    metadata: { name, namespace: 'default' },
    spec: { gatewayClassName: 'kong', ...spec },
  };
}

export function gatewayClass(version: string, name: string, spec: Json): Json {
  return { apiVersion: `gateway.networking.k8s.io/${version}`, kind: 'GatewayClass', metadata: { name }, spec };
}

export const http = (extra: Json = {}): Json => ({ name: 'http', port: 80, protocol: 'HTTP', ...extra });
export const https = (extra: Json = {}): Json => ({
  name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ kind: 'Secret', name: 'cert' }] }, ...extra,
});

export function admissionRequest(object: Json | null, oldObject: Json | null = null, operation?: Operation): AdmissionRequest {
  const source = (object ?? oldObject) as Json;
  const { group, version } = splitApiVersion(String(source.apiVersion));
  return {
    uid: 'test-uid',
    kind: { group, version, kind: String(source.kind) },
    name: source.metadata?.name ?? '',
    ...(source.metadata?.namespace ? { namespace: source.metadata.namespace } : {}),
    operation: operation ?? (object && oldObject ? 'UPDATE' : object ? 'CREATE' : 'DELETE'),
    object,
    oldObject,
    dryRun: false,
  };
}

export function gatewayRegistry(classes: GatewayClassLookup, controllerName?: string): ValidatorRegistry {
  const registry = registerEngineValidators(new ValidatorRegistry());
  for (const { gvk, validator } of gatewayValidators({ classes, ...(controllerName ? { controllerName } : {}) })) registry.register(gvk, validator);
  return registry;
}

/** Every validator for the request's kind; rendered causes and warnings. */
export async function verdict(registry: ValidatorRegistry, request: AdmissionRequest): Promise<{ messages: string[]; warnings: string[] }> {
  const collected = await collectVerdicts(request, registry.lookup(request.kind));
  if (!collected.ok) throw collected.panic;
  return { messages: collected.errors.map(formatFieldError), warnings: collected.warnings };
}
