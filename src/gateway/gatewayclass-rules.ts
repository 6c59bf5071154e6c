// What Kong Gateway Operator requires of a GatewayClass it manages (kgo-facts §3a): a
// parametersRef, when set, names a namespaced gateway-operator.konghq.com/GatewayConfiguration.
// KGO would otherwise mark the class Accepted=False/InvalidParameters; the messages are KGO's.
import { fieldErrors, type FieldError } from '../validation/field-error.ts';
import { isPlainObject } from '../validation/values.ts';

export const GATEWAY_CONFIGURATION = { group: 'gateway-operator.konghq.com', kind: 'GatewayConfiguration' } as const;

const MUST_REFERENCE = 'ParametersRef must reference a gateway-operator.konghq.com/GatewayConfiguration';

export function kongGatewayClassRules(gatewayClass: Record<string, unknown>): FieldError[] {
  const spec = isPlainObject(gatewayClass.spec) ? gatewayClass.spec : {};
  const ref = spec.parametersRef;
  if (!isPlainObject(ref)) return [];
  const errors: FieldError[] = [];
  if (ref.group !== GATEWAY_CONFIGURATION.group) errors.push(fieldErrors.invalid('spec.parametersRef.group', ref.group ?? '', MUST_REFERENCE));
  if (ref.kind !== GATEWAY_CONFIGURATION.kind) errors.push(fieldErrors.invalid('spec.parametersRef.kind', ref.kind ?? '', MUST_REFERENCE));
  if (typeof ref.namespace !== 'string' || ref.namespace === '') {
    errors.push(fieldErrors.required('spec.parametersRef.namespace', 'ParametersRef must reference a namespaced resource'));
  }
  if (typeof ref.name !== 'string' || ref.name === '') {
    errors.push(fieldErrors.required('spec.parametersRef.name', 'both namespace and name must be provided'));
  }
  return errors;
}
