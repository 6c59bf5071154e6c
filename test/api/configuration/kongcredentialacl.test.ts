import { credentialManifest, runCredentialCases } from './credential-cases.ts';
import { patched, schemaErrors } from './kind-cases.ts';

const valid = credentialManifest('KongCredentialACL', { group: 'admins' });
runCredentialCases('KongCredentialACL', valid, [
  { name: 'group is required', object: patched(valid, { spec: { group: undefined } }), errors: schemaErrors('spec.group: Required value') },
  { name: 'group must be a string', object: patched(valid, { spec: { group: 7 } }),
    errors: schemaErrors('spec.group: Invalid value: "integer": spec.group in body must be of type string: "integer"') },
], []);
