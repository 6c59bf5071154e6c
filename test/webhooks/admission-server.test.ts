import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import tls from 'node:tls';
import { fieldErrors } from '../../src/validation/field-error.ts';
import { ValidatorRegistry } from '../../src/webhooks/admission/validators.ts';
import { MAX_BODY_BYTES } from '../../src/webhooks/server.ts';
import { admissionReview, startTestWebhook, type TestWebhook } from '../support/webhook.ts';

const widget = { group: 'example.kongward.dev', version: 'v1', kind: 'Widget' };
const gadget = { group: 'example.kongward.dev', version: 'v1', kind: 'Gadget' };
const bomb = { group: 'example.kongward.dev', version: 'v1', kind: 'Bomb' };

const validators = new ValidatorRegistry()
  .register(widget, (request) => {
    const spec = (request.object?.spec ?? {}) as Record<string, unknown>;
    const errors = [];
    if (spec.host === undefined) errors.push(fieldErrors.required('spec.host'));
    if (spec.type !== undefined && spec.type !== 'kic') errors.push(fieldErrors.notSupported('spec.type', spec.type, ['kic']));
    return { errors, warnings: spec.old ? ['spec.old is deprecated; use spec.new'] : [] };
  })
  .register(widget, () => ({ warnings: ['second validator ran'] }))
  .register(bomb, () => {
    throw new TypeError("Cannot read properties of undefined (reading 'x')");
  });

let hook: TestWebhook;
before(async () => {
  hook = await startTestWebhook({ validators });
});
after(() => hook.close());

test('allowed answer echoes the uid, in v1', async () => {
  const review = admissionReview({ object: { metadata: { name: 'w1' }, spec: { host: 'a' } } });
  const { status, json } = await hook.post('/validate?timeout=10s', review);
  assert.equal(status, 200);
  assert.equal(json.apiVersion, 'admission.k8s.io/v1');
  assert.equal(json.kind, 'AdmissionReview');
  assert.equal(json.response.uid, review.request.uid);
  assert.equal(json.response.allowed, true);
  assert.deepEqual(json.response.warnings, ['second validator ran']);
});

test('v1beta1 in, v1beta1 out', async () => {
  const review = admissionReview({ uid: 'beta-uid', object: { spec: { host: 'a' } } }, 'admission.k8s.io/v1beta1');
  const { json } = await hook.post('/validate', review);
  assert.equal(json.apiVersion, 'admission.k8s.io/v1beta1');
  assert.equal(json.response.uid, 'beta-uid');
  assert.equal(json.response.allowed, true);
});

test('a denial reports every cause with its field, in Kubernetes field-error form, plus warnings', async () => {
  const review = admissionReview({ name: 'svc', object: { metadata: { name: 'svc' }, spec: { type: 'foo', old: true } } });
  const { status, json } = await hook.post('/validate', review);
  assert.equal(status, 200);
  const { response } = json;
  assert.equal(response.allowed, false);
  assert.equal(response.status.code, 422);
  assert.equal(response.status.reason, 'Invalid');
  assert.equal(
    response.status.message,
    'Widget.example.kongward.dev "svc" is invalid: [spec.host: Required value, spec.type: Unsupported value: "foo": supported values: "kic"]',
  );
  assert.deepEqual(response.status.details.causes, [
    { field: 'spec.host', reason: 'FieldValueRequired', message: 'Required value' },
    { field: 'spec.type', reason: 'FieldValueNotSupported', message: 'Unsupported value: "foo": supported values: "kic"' },
  ]);
  assert.deepEqual(response.warnings, ['spec.old is deprecated; use spec.new', 'second validator ran']);
});

test('dry-run requests get exactly the verdict of real ones', async () => {
  const object = { metadata: { name: 'svc' }, spec: { type: 'foo' } };
  const real = await hook.post('/validate', admissionReview({ object, dryRun: false }));
  const dry = await hook.post('/validate', admissionReview({ object, dryRun: true }));
  assert.deepEqual(dry.json.response, real.json.response);
});

test('a kind without validators is allowed', async () => {
  const { json } = await hook.post('/validate', admissionReview({ kind: gadget }));
  assert.deepEqual(json.response, { uid: admissionReview().request.uid, allowed: true });
});

test('a validator that throws becomes a readable 500 denial and is counted as a panic', async () => {
  const { status, json } = await hook.post('/validate', admissionReview({ kind: bomb, name: 'b1', uid: 'bomb-uid' }));
  assert.equal(status, 200);
  assert.equal(json.response.uid, 'bomb-uid');
  assert.equal(json.response.allowed, false);
  assert.equal(json.response.status.code, 500);
  assert.match(json.response.status.message, /could not validate Bomb\.example\.kongward\.dev "default\/b1": internal error: Cannot read properties/);
  const metrics = await hook.metrics.getSingleMetricAsString('controller_runtime_webhook_panics_total');
  assert.match(metrics, /controller_runtime_webhook_panics_total\{webhook="\/validate"\} 1/);
});

test('bad input gets a clear non-200 answer and never crashes the server', async () => {
  const cases: Array<{ name: string; body: unknown; headers?: Record<string, string>; status: number; message: RegExp }> = [
    { name: 'empty body', body: '', status: 400, message: /empty/i },
    { name: 'invalid JSON', body: '{"apiVersion": ', status: 400, message: /JSON/i },
    { name: 'wrong content type', body: 'apiVersion: v1', headers: { 'content-type': 'application/yaml' }, status: 415, message: /Unsupported Media Type|content-type/i },
    { name: 'not an object', body: '[1,2]', status: 400, message: /must be a JSON object/ },
    { name: 'wrong kind', body: { ...admissionReview(), kind: 'ConversionReview' }, status: 400, message: /kind: Unsupported value: "ConversionReview"/ },
    { name: 'wrong apiVersion', body: { ...admissionReview(), apiVersion: 'admission.k8s.io/v2' }, status: 400, message: /apiVersion: Unsupported value: "admission.k8s.io\/v2"/ },
    { name: 'missing request', body: { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, status: 400, message: /request: Required value/ },
    { name: 'missing uid', body: admissionReview({ uid: undefined }), status: 400, message: /request\.uid: Required value/ },
    { name: 'bad operation', body: admissionReview({ operation: 'PATCH' }), status: 400, message: /request\.operation: Unsupported value: "PATCH"/ },
    { name: 'missing kind', body: admissionReview({ kind: undefined }), status: 400, message: /request\.kind: Required value/ },
  ];
  for (const c of cases) {
    const { status, json } = await hook.post('/validate', c.body, c.headers);
    assert.equal(status, c.status, c.name);
    assert.equal(json.kind, 'Status', c.name);
    assert.match(json.message, c.message, c.name);
  }
  const after = await hook.post('/validate', admissionReview({ object: { spec: { host: 'x' } } }));
  assert.equal(after.json.response.allowed, true, 'server still answers after bad input');
});

test('a body over 7 MiB is refused with 413', async () => {
  const big = admissionReview({ object: { spec: { host: 'x', blob: 'a'.repeat(MAX_BODY_BYTES) } } });
  const { status, json } = await hook.post('/validate', big);
  assert.equal(status, 413);
  assert.match(json.message, /larger than the 7340032 byte limit/);
});

test('other paths and methods are 404 with a Status body', async () => {
  const { status, json } = await hook.post('/mutate', admissionReview());
  assert.equal(status, 404);
  assert.match(json.message, /no webhook at POST \/mutate/);
});

test('TLS below 1.2 is refused; HTTP/1.1 is served', async () => {
  const attempt = (maxVersion: tls.SecureVersion) =>
    new Promise<string>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: hook.server.port, maxVersion, minVersion: 'TLSv1', rejectUnauthorized: false, ALPNProtocols: ['h2', 'http/1.1'] });
      socket.once('secureConnect', () => {
        resolve(`ok ${socket.getProtocol()} ${socket.alpnProtocol || 'none'}`);
        socket.destroy();
      });
      socket.once('error', (err) => resolve(`error ${err.message}`));
    });
  assert.match(await attempt('TLSv1.1'), /^error/);
  assert.match(await attempt('TLSv1.3'), /^ok TLSv1\.3 (none|http\/1\.1)$/);
});
