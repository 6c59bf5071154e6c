// The Gateway CRD's `oneOf` on address items (spec and status): an address of type IPAddress
// must carry an IPv4 or IPv6 value. The engine does not evaluate oneOf/anyOf/not, so this check
// reproduces what kube-openapi reports for the one way an item can fail it, in its order:
// the oneOf and anyOf composite errors (on the root path, as apiextensions renders errors that
// are not field-specific), the first branch's format error, and, because a format error stops
// CEL evaluation in the apiserver, the "rules were not checked" notice.
import type { CheckResult, ObjectCheck } from '../types.ts';
import { RULES_NOT_CHECKED } from '../../validation/engine.ts';
import { fieldErrors, ROOT_FIELD, type FieldError } from '../../validation/field-error.ts';
import { matchesFormat } from '../../validation/formats.ts';
import { isPlainObject } from '../../validation/values.ts';

function addressErrors(addresses: unknown, path: string, errors: FieldError[]): void {
  if (!Array.isArray(addresses)) return;
  addresses.forEach((address, i) => {
    if (!isPlainObject(address)) return;
    const type = address.type ?? 'IPAddress';
    const value = address.value;
    if (type !== 'IPAddress' || typeof value !== 'string') return;
    if (matchesFormat('ipv4', value) || matchesFormat('ipv6', value)) return;
    const item = `${path}[${i}]`;
    errors.push(
      fieldErrors.invalid(ROOT_FIELD, '', `"${item}" must validate one and only one schema (oneOf). Found none valid`),
      fieldErrors.invalid(ROOT_FIELD, '', `"${item}.value" must validate at least one schema (anyOf)`),
      fieldErrors.typeInvalid(`${item}.value`, value, `${item}.value in body must be of type ipv4: ${JSON.stringify(value)}`),
    );
  });
}

export const addressOneOfCheck: ObjectCheck = function addressOneOfCheck({ object }): CheckResult {
  const errors: FieldError[] = [];
  const spec = object.spec;
  const status = object.status;
  if (isPlainObject(spec)) addressErrors(spec.addresses, 'spec.addresses', errors);
  if (isPlainObject(status)) addressErrors(status.addresses, 'status.addresses', errors);
  if (errors.length) errors.push(fieldErrors.invalid(ROOT_FIELD, null, RULES_NOT_CHECKED));
  return { errors };
};
