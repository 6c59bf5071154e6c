import { credentialManifest, runCredentialCases, SECRET } from './credential-cases.ts';
import { patched, schemaErrors } from './kind-cases.ts';

const valid = credentialManifest('KongCredentialHMAC', { username: 'alice', secret: SECRET, id: 'hmac-1' });
runCredentialCases('KongCredentialHMAC', valid, [
  { name: 'username is required', object: patched(valid, { spec: { username: undefined } }), errors: schemaErrors('spec.username: Required value') },
  { name: 'secret and id are optional', object: patched(valid, { spec: { secret: undefined, id: undefined } }), errors: [] },
], ['secret']);
