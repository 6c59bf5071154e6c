import { credentialManifest, runCredentialCases, SECRET } from './credential-cases.ts';
import { patched, schemaErrors } from './kind-cases.ts';

const valid = credentialManifest('KongCredentialBasicAuth', { username: 'alice', password: SECRET });
runCredentialCases('KongCredentialBasicAuth', valid, [
  { name: 'username and password are required', object: patched(valid, { spec: { username: undefined, password: undefined } }),
    errors: schemaErrors('spec.password: Required value', 'spec.username: Required value') },
  { name: 'password must be a string (the value is not printed)', object: patched(valid, { spec: { password: 123456 } }),
    errors: schemaErrors('spec.password: Invalid value: "integer": spec.password in body must be of type string: "integer"') },
], ['password']);
