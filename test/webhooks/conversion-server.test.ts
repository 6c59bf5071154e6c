import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SHARED_MISSING, sharedPath } from '../support/shared.ts';
import { startTestWebhook, type TestWebhook } from '../support/webhook.ts';

let hook: TestWebhook;
before(async () => {
  hook = await startTestWebhook();
});
after(() => hook.close());

function cp(name: string, version: 'v1alpha1' | 'v1alpha2') {
  const spec = version === 'v1alpha1'
    ? { name, source: 'Origin', konnect: { authRef: { name: 'auth' } } }
    : { createControlPlaneRequest: { name }, source: 'Origin', konnect: { authRef: { name: 'auth' } } };
  return { apiVersion: `konnect.konghq.com/${version}`, kind: 'KonnectGatewayControlPlane', metadata: { name, namespace: 'demo', uid: `uid-${name}`, resourceVersion: '7' }, spec };
}

function review(objects: unknown[], desiredAPIVersion: string, uid = 'conv-uid') {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'ConversionReview',
    request: { uid, desiredAPIVersion, objects },
    response: { uid: '', convertedObjects: null, result: { metadata: {} } },
  };
}

test('converts every object in order, echoes the uid, changes only apiVersion and content', async () => {
  const objects = [cp('a', 'v1alpha1'), cp('b', 'v1alpha2'), cp('c', 'v1alpha1')];
  const { status, json } = await hook.post('/convert?timeout=30s', review(objects, 'konnect.konghq.com/v1alpha2'));
  assert.equal(status, 200);
  assert.equal(json.apiVersion, 'apiextensions.k8s.io/v1');
  assert.equal(json.kind, 'ConversionReview');
  assert.equal(json.response.uid, 'conv-uid');
  assert.deepEqual(json.response.result, { status: 'Success' });
  assert.deepEqual(json.response.convertedObjects, [cp('a', 'v1alpha2'), cp('b', 'v1alpha2'), cp('c', 'v1alpha2')]);
});

test('one object that cannot be converted fails the review with a message naming it and the field', async () => {
  const bad = { ...cp('b', 'v1alpha1'), apiVersion: 'konnect.konghq.com/v3' };
  const { json } = await hook.post('/convert', review([cp('a', 'v1alpha1'), bad], 'konnect.konghq.com/v1alpha2'));
  assert.equal(json.response.result.status, 'Failure');
  assert.deepEqual(json.response.convertedObjects, []);
  assert.equal(json.response.result.message,
    'cannot convert KonnectGatewayControlPlane "demo/b" (objects[1], konnect.konghq.com/v3) to konnect.konghq.com/v1alpha2: apiVersion: Unsupported value: "konnect.konghq.com/v3": supported values: "konnect.konghq.com/v1alpha2", "konnect.konghq.com/v1alpha1"');
  const metrics = await hook.metrics.getSingleMetricAsString('controller_runtime_conversion_webhook_objects_total');
  assert.match(metrics, /result="failure"\} 1/);
});

test('bad input gets the same clear 400 handling as /validate', async () => {
  const cases: Array<[unknown, RegExp]> = [
    ['', /empty/i],
    ['{', /JSON/i],
    [{ ...review([], 'v1'), kind: 'AdmissionReview' }, /kind: Unsupported value: "AdmissionReview"/],
    [{ ...review([], 'v1'), apiVersion: 'apiextensions.k8s.io/v1beta1' }, /apiVersion: Unsupported value/],
    [{ apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview' }, /request: Required value/],
    [review([], ''), /request\.desiredAPIVersion: Required value/],
    [{ ...review([], 'x/v1'), request: { uid: 'u', desiredAPIVersion: 'x/v1' } }, /request\.objects: Required value/],
  ];
  for (const [body, message] of cases) {
    const { status, json } = await hook.post('/convert', body);
    assert.equal(status, 400);
    assert.match(json.message, message);
  }
});

test('captured ConversionReviews convert: same count and order, desired version, metadata untouched', async (t) => {
  const dir = sharedPath('fixtures', 'conversion');
  if (!dir) {
    t.skip(SHARED_MISSING);
    return;
  }
  const webhook = hook;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const body = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const { json }: { json: any } = await webhook.post('/convert?timeout=30s', body);
    assert.equal(json.response.uid, body.request.uid, file);
    assert.deepEqual(json.response.result, { status: 'Success' }, `${file}: ${json.response.result.message}`);
    assert.equal(json.response.convertedObjects.length, body.request.objects.length, file);
    json.response.convertedObjects.forEach((converted: any, i: number) => {
      const original = body.request.objects[i];
      assert.equal(converted.apiVersion, body.request.desiredAPIVersion, file);
      const { annotations: _a, ...convertedMeta } = converted.metadata;
      const { annotations: _b, ...originalMeta } = original.metadata;
      assert.deepEqual(convertedMeta, originalMeta, `${file}: metadata other than annotations untouched`);
    });
  }
});
