// ObjectMeta as the apiserver sends it to a webhook: server-set fields, labels, annotations and,
// sometimes, owner references (a Gateway among them, which some conversions look at).
import fc from 'fast-check';

const dnsLabel = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);
const labelKey = fc.stringMatching(/^([a-z0-9]{1,6}\.example\.com\/)?[a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?$/);
const labelValue = fc.stringMatching(/^([a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?)?$/);
const timestamp = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'));

const ownerReference = fc.record({
  apiVersion: fc.constantFrom('gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1', 'apps/v1', 'gateway-operator.konghq.com/v1beta1'),
  kind: fc.constantFrom('Gateway', 'Deployment', 'DataPlane'),
  name: dnsLabel,
  uid: fc.uuid(),
  controller: fc.boolean(),
});

export const metadataArbitrary = fc.record(
  {
    name: dnsLabel,
    namespace: dnsLabel,
    uid: fc.uuid(),
    resourceVersion: fc.integer({ min: 1, max: 999999 }).map(String),
    generation: fc.integer({ min: 1, max: 50 }),
    creationTimestamp: timestamp,
    labels: fc.dictionary(labelKey, labelValue, { maxKeys: 3, noNullPrototype: true }),
    annotations: fc.dictionary(labelKey, fc.string({ maxLength: 20 }), { minKeys: 1, maxKeys: 2, noNullPrototype: true }),
    ownerReferences: fc.array(ownerReference, { minLength: 1, maxLength: 2 }),
    finalizers: fc.array(fc.constantFrom('gateway-operator.konghq.com/cleanup', 'example.com/keep'), { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: ['name', 'namespace'] },
);
