// The validators kongward runs, composed in one place so the webhook, `kongward validate` and
// the generated ValidatingWebhookConfiguration always agree on what is checked.
import { kindEntries } from '../../api/registry.ts';
import { DEFAULT_CONTROLLER_NAME, StaticGatewayClassLookup, type GatewayClassLookup } from '../../gateway/class-lookup.ts';
import { registerGatewayValidators } from '../../gateway/validators.ts';
import type { ReferenceLookup } from '../../references/lookup.ts';
import { referenceValidatorSource } from '../../references/validators.ts';
import type { ValidateOptions } from '../../validation/engine.ts';
import { registerEngineValidators } from './engine-validators.ts';
import { ValidatorRegistry } from './validators.ts';

export interface ValidatorOptions {
  /** Offline validation reports unknown fields (kubectl strict decoding); the webhook prunes. */
  unknownFields?: ValidateOptions['unknownFields'];
  /** Which GatewayClasses are Kong's: their Gateways also get Kong's limits. */
  gateway?: { controllerName?: string; classes: GatewayClassLookup };
  /** Other objects for reference checks (a cluster cache, or the documents of an offline run). */
  references?: ReferenceLookup;
}

export function buildValidators(options: ValidatorOptions = {}): ValidatorRegistry {
  const registry = new ValidatorRegistry();
  registerEngineValidators(registry, kindEntries, options.unknownFields ? { unknownFields: options.unknownFields } : {});
  registerGatewayValidators(registry, {
    controllerName: options.gateway?.controllerName ?? DEFAULT_CONTROLLER_NAME,
    classes: options.gateway?.classes ?? new StaticGatewayClassLookup(),
  });
  if (options.references) registry.registerSource(referenceValidatorSource(options.references));
  return registry;
}
