// The shared Gateway examples and captured AdmissionReviews: the managed class and Gateway are
// accepted, each invalid Gateway example is denied on the field and with the message its header
// states, and the captured GatewayClass/Gateway requests get the right verdicts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { classLookupFromDocuments } from '../../src/gateway/class-lookup.ts';
import { decide } from '../../src/webhooks/admission/decide.ts';
import { decodeAdmissionReview } from '../../src/webhooks/admission/review.ts';
import { SHARED_MISSING, sharedPath } from '../support/shared.ts';
import { admissionRequest, gatewayRegistry, verdict, type Json } from './helpers.ts';

function documents(file: string): Json[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Json).filter(Boolean);
}

/** The classes an offline run of the gateway/ examples knows: the documents themselves. */
function exampleClasses(root: string) {
  const docs = readdirSync(path.join(root, 'gateway')).flatMap((f) => documents(path.join(root, 'gateway', f)));
  return classLookupFromDocuments(docs);
}

test('gateway/ examples: the managed GatewayClass and its Gateway are accepted without warnings', async (t) => {
  const root = sharedPath('examples');
  if (!root) return t.skip(SHARED_MISSING);
  const registry = gatewayRegistry(exampleClasses(root));
  const files = readdirSync(path.join(root, 'gateway')).filter((f) => f.endsWith('.yaml')).sort();
  assert.ok(files.length >= 2);
  for (const file of files) {
    for (const object of documents(path.join(root, 'gateway', file))) {
      assert.deepEqual(await verdict(registry, admissionRequest(object)), { messages: [], warnings: [] }, file);
    }
  }
});

test('invalid/gateway-*.yaml: denied on the stated field with the stated message', async (t) => {
  const root = sharedPath('examples');
  if (!root) return t.skip(SHARED_MISSING);
  const registry = gatewayRegistry(exampleClasses(root));
  const files = readdirSync(path.join(root, 'invalid')).filter((f) => /^gateway-.*\.yaml$/.test(f)).sort();
  assert.ok(files.length >= 4, `found ${files.length} invalid Gateway examples`);
  for (const file of files) {
    const text: string = readFileSync(path.join(root, 'invalid', file), 'utf8');
    const field: string | undefined = /^# field: (\S+)/m.exec(text)?.[1];
    const message: string | undefined = /^# message: (.*)$/m.exec(text)?.[1];
    assert.ok(field && message, `${file} states field and message`);
    const [object] = documents(path.join(root, 'invalid', file));
    const request = admissionRequest(object!);
    const { response } = await decide(request, registry.lookup(request.kind));
    assert.equal(response.allowed, false, file);
    const causes = response.status?.details?.causes ?? [];
    assert.equal(causes.length, 1, `${file}: ${JSON.stringify(causes)}`);
    assert.equal(causes[0]!.field, field, file);
    // Headers quote Kong's text exactly, or describe Kong's reason in words (the TCP listener).
    const kongReason = /Kong's reason (\w+)/.exec(message)?.[1];
    if (kongReason) assert.ok(causes[0]!.message.includes(kongReason), `${file}: ${causes[0]!.message}`);
    else assert.ok(causes[0]!.message.endsWith(message), `${file}: ${causes[0]!.message}`);
  }
});

test('captured GatewayClass and Gateway AdmissionReviews get the right verdicts', async (t) => {
  const dir = sharedPath('fixtures', 'admission');
  const root = sharedPath('examples');
  if (!dir || !root) return t.skip(SHARED_MISSING);
  const files = readdirSync(dir).filter((f) => /^gateway(class)?-/.test(f)).sort();
  assert.equal(files.length, 12);
  const managed = gatewayRegistry(exampleClasses(root));
  const empty = gatewayRegistry(classLookupFromDocuments([]));
  for (const file of files) {
    const decoded = decodeAdmissionReview(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    assert.ok(decoded.ok, file);
    const { response } = await decide(decoded.request, managed.lookup(decoded.request.kind));
    assert.equal(response.allowed, true, `${file}: ${response.status?.message}`);
    assert.equal(response.warnings, undefined, file);
    // Without the class known, a Gateway write is still allowed, with a warning naming the class.
    const unknown = await decide(decoded.request, empty.lookup(decoded.request.kind));
    assert.equal(unknown.response.allowed, true, file);
    const expectWarning = decoded.request.kind.kind === 'Gateway' && decoded.request.operation !== 'DELETE';
    assert.equal(unknown.response.warnings?.some((w) => w.includes('GatewayClass "kong" is not known')) ?? false, expectWarning, file);
  }
});

test('a captured Gateway turned into one Kong cannot serve is denied', async (t) => {
  const dir = sharedPath('fixtures', 'admission');
  const root = sharedPath('examples');
  if (!dir || !root) return t.skip(SHARED_MISSING);
  const decoded = decodeAdmissionReview(JSON.parse(readFileSync(path.join(dir, 'gateway-update.json'), 'utf8')));
  assert.ok(decoded.ok);
  const object = structuredClone(decoded.request.object) as Json;
  object.spec.listeners[0].protocol = 'TCP';
  const request = { ...decoded.request, object };
  const { response } = await decide(request, gatewayRegistry(exampleClasses(root)).lookup(request.kind));
  assert.equal(response.allowed, false);
  assert.equal(response.status?.message,
    'Gateway.gateway.networking.k8s.io "demo-gateway" is invalid: spec.listeners[0].protocol: Unsupported value: "TCP": supported values: "HTTP", "HTTPS" (Kong: UnsupportedProtocol)');
});
