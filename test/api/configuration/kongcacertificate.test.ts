import { testCertificates } from '../../support/tls.ts';
import { NOT_CHECKED, entitySuite, konnectRef, runCases, withSpec, type Manifest } from './entity-cases.ts';

const pair = await testCertificates();

const valid: Manifest = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongCACertificate',
  metadata: { name: 'ca', namespace: 'default' },
  spec: { cert: pair.ca, controlPlaneRef: konnectRef },
};
const fromSecret = withSpec(valid, { type: 'secretRef', cert: undefined, secretRef: { name: 'ca', namespace: 'certs' } });
const rule = (message: string) => `spec: Invalid value: "object": ${message}`;

runCases('KongCACertificate', [
  ...entitySuite({ valid, controlPlaneRef: 'required', kicUnsupported: true, adoptNeedsKonnectRef: true }),
  { name: 'from a Secret', object: fromSecret, errors: [] },
  { name: 'inline without cert', object: withSpec(valid, { cert: undefined }), errors: [rule("spec.cert is required when type is 'inline'")] },
  { name: 'secretRef type without secretRef', object: withSpec(fromSecret, { secretRef: undefined }), errors: [rule("spec.secretRef is required when type is 'secretRef'")] },
  { name: 'cert beside secretRef', object: withSpec(fromSecret, { cert: pair.ca }), errors: [rule('cert and secretRef cannot be set at the same time')] },
  {
    name: 'secretRef needs a name',
    object: withSpec(fromSecret, { secretRef: { namespace: 'certs' } }),
    errors: ['spec.secretRef.name: Required value', NOT_CHECKED],
  },
  {
    name: 'cert is not PEM',
    object: withSpec(valid, { cert: 'MIIB...' }),
    errors: ['spec.cert: Invalid value: "<redacted>": not a valid PEM certificate: no PEM block found'],
  },
]);
