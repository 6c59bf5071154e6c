import assert from 'node:assert/strict';
import { patched, runCases } from './kind-cases.ts';

const license = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongLicense',
  metadata: { name: 'kong-license' },
  rawLicenseString: '{"license":{"payload":{}}}',
};

runCases('KongLicense v1alpha1', [
  { name: 'a license is accepted and enabled defaults to true', object: license, errors: [],
    verify: (r) => assert.equal(r.object?.enabled, true) },
  { name: 'enabled false is kept', object: { ...license, enabled: false }, errors: [], verify: (r) => assert.equal(r.object?.enabled, false) },
  { name: 'rawLicenseString is required', object: patched(license, { rawLicenseString: undefined }), errors: ['rawLicenseString: Required value'] },
  { name: 'enabled must be a boolean', object: { ...license, enabled: 'yes' },
    errors: ['enabled: Invalid value: "string": enabled in body must be of type boolean: "string"'] },
  {
    name: 'controller statuses default their conditions',
    object: { ...license, status: { controllers: [{ controllerName: 'konghq.com/kong-operator' }] } },
    errors: [],
    verify: (r) => {
      const controllers = (r.object?.status as { controllers: Array<{ conditions: Array<{ reason: string }> }> }).controllers;
      assert.equal(controllers[0]?.conditions[0]?.reason, 'Pending');
    },
  },
  { name: 'controller names are list-map keys', object: { ...license, status: { controllers: [{ controllerName: 'a' }, { controllerName: 'a' }] } },
    errors: ['status.controllers[1]: Duplicate value: map[string]interface {}{"controllerName":"a"}'] },
]);
