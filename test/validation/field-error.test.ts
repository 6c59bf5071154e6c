import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrors, formatFieldError, invalidMessage, ROOT_FIELD } from '../../src/validation/field-error.ts';

test('field errors render exactly as kube-apiserver prints them', () => {
  const cases: Array<[ReturnType<typeof fieldErrors.required>, string]> = [
    [fieldErrors.required('spec.host'), 'spec.host: Required value'],
    [
      fieldErrors.notSupported('spec.controlPlaneRef.type', 'foo', ['konnectNamespacedRef', 'kic']),
      'spec.controlPlaneRef.type: Unsupported value: "foo": supported values: "konnectNamespacedRef", "kic"',
    ],
    [fieldErrors.tooMany('spec.tags', 21, 20), 'spec.tags: Too many: 21: must have at most 20 items'],
    [
      fieldErrors.invalid('spec.controlPlaneRef', 'object', 'when type is konnectNamespacedRef, konnectNamespacedRef must be set'),
      'spec.controlPlaneRef: Invalid value: "object": when type is konnectNamespacedRef, konnectNamespacedRef must be set',
    ],
    [fieldErrors.tooLong('metadata.name', 63), 'metadata.name: Too long: may not be more than 63 bytes'],
    [fieldErrors.invalid('spec.port', 70000, 'must be less than 65536'), 'spec.port: Invalid value: 70000: must be less than 65536'],
    [fieldErrors.invalid(ROOT_FIELD, 'object', 'DataPlane requires an image to be set on proxy container'),
      '<nil>: Invalid value: "object": DataPlane requires an image to be set on proxy container'],
    [fieldErrors.invalid('spec.x', null, 'must be set'), 'spec.x: Invalid value: "null": must be set'],
  ];
  for (const [error, expected] of cases) assert.equal(formatFieldError(error), expected);
});

test('invalid message lists one cause plainly and several in brackets, without repeats', () => {
  const one = [fieldErrors.required('spec.host')];
  assert.equal(invalidMessage('KongService.configuration.konghq.com', 'svc', one),
    'KongService.configuration.konghq.com "svc" is invalid: spec.host: Required value');
  const two = [fieldErrors.required('spec.host'), fieldErrors.required('spec.host'), fieldErrors.forbidden('spec.x', 'not here')];
  assert.equal(invalidMessage('KongService.configuration.konghq.com', 'svc', two),
    'KongService.configuration.konghq.com "svc" is invalid: [spec.host: Required value, spec.x: Forbidden: not here]');
});
