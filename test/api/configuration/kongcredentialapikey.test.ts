import { credentialManifest, runCredentialCases, SECRET } from './credential-cases.ts';
import { patched, schemaErrors } from './kind-cases.ts';

const valid = credentialManifest('KongCredentialAPIKey', { key: SECRET });
runCredentialCases('KongCredentialAPIKey', valid, [
  { name: 'key is required', object: patched(valid, { spec: { key: undefined } }), errors: schemaErrors('spec.key: Required value') },
  { name: 'key must be a string (the value is not printed)', object: patched(valid, { spec: { key: 1234 } }),
    errors: schemaErrors('spec.key: Invalid value: "integer": spec.key in body must be of type string: "integer"') },
], ['key']);
