// The validators kongward runs, composed in one place so the webhook, `kongward validate` and
// the generated ValidatingWebhookConfiguration always agree on what is checked.
import { kinds } from '../../api/registry.ts';
import type { ValidateOptions } from '../../validation/engine.ts';
import { registerEngineValidators } from './engine-validators.ts';
import { ValidatorRegistry } from './validators.ts';

export interface ValidatorOptions {
  /** Offline validation reports unknown fields (kubectl strict decoding); the webhook prunes. */
  unknownFields?: ValidateOptions['unknownFields'];
}

export function buildValidators(options: ValidatorOptions = {}): ValidatorRegistry {
  const registry = new ValidatorRegistry();
  registerEngineValidators(registry, kinds, options.unknownFields ? { unknownFields: options.unknownFields } : {});
  return registry;
}
