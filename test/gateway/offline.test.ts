// Offline (kongward validate): the class comes from the documents of the run or from declared
// managed names, and Kong's causes are located at the listener field's line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classLookupFromDocuments } from '../../src/gateway/class-lookup.ts';
import { registerGatewayValidators } from '../../src/gateway/validators.ts';
import { parseManifests } from '../../src/manifests/documents.ts';
import { checkDocument } from '../../src/offline/check-documents.ts';
import { buildValidators } from '../../src/webhooks/admission/default-validators.ts';

const gatewayYaml = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: stream
  namespace: default
spec:
  gatewayClassName: kong
  listeners:
  - name: proxy
    port: 80
    protocol: HTTP
  - name: tcp
    port: 9000
    protocol: TCP
`;
const classYaml = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: kong
spec:
  controllerName: konghq.com/gateway-operator
`;

async function run(files: Array<[string, string]>, managedClassNames: string[] = []) {
  const documents = files.flatMap(([file, text]) => parseManifests(file, text).documents);
  const classes = classLookupFromDocuments(documents.map((d) => d.object), { managedClassNames });
  const validators = registerGatewayValidators(buildValidators({ unknownFields: 'error' }), { classes });
  return Promise.all(documents.map((document) => checkDocument(document, { validators })));
}

test('a Gateway applied with its managed GatewayClass gets Kong causes at the field position', async () => {
  const [gatewayResult, classResult] = await run([['gateway.yaml', gatewayYaml], ['class.yaml', classYaml]]);
  assert.equal(classResult?.status, 'valid');
  assert.equal(gatewayResult?.status, 'invalid');
  assert.deepEqual(gatewayResult?.errors, [{
    position: { line: 14, column: 5 },
    field: 'spec.listeners[1].protocol',
    message: 'spec.listeners[1].protocol: Unsupported value: "TCP": supported values: "HTTP", "HTTPS" (Kong: UnsupportedProtocol)',
  }]);
});

test('--gateway-class names a managed class the run does not define; otherwise the class is unknown', async () => {
  const [declared] = await run([['gateway.yaml', gatewayYaml]], ['kong']);
  assert.equal(declared?.status, 'invalid');
  const [unknown] = await run([['gateway.yaml', gatewayYaml]]);
  assert.equal(unknown?.status, 'valid');
  assert.match(unknown?.warnings[0]?.message ?? '', /GatewayClass "kong" is not known to kongward/);
});
