// Pure decisions of the Konnect client: server URL -> base URLs (KGO's region rule), Retry-After
// parsing, backoff with jitter, the token bucket (with a virtual clock) and error classification.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { explicitBaseURL, resolveServerURL } from '../../src/konnect/server-url.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, isIdempotent, parseRetryAfter } from '../../src/konnect/retry.ts';
import { TokenBucket, type Clock } from '../../src/konnect/rate-limit.ts';
import {
  errorFromResponse, KonnectAuthError, KonnectConflictError, KonnectNotFoundError, KonnectRateLimitError,
  KonnectServerError, KonnectValidationError,
} from '../../src/konnect/errors.ts';

describe('server URL mapping (KGO rule)', () => {
  const table: [string, string, string, string | undefined][] = [
    ['us.api.konghq.com', 'https://us.api.konghq.com', 'https://global.api.konghq.com', 'us'],
    ['https://eu.api.konghq.com', 'https://eu.api.konghq.com', 'https://global.api.konghq.com', 'eu'],
    ['https://au.api.konghq.com/', 'https://au.api.konghq.com', 'https://global.api.konghq.com', 'au'],
    ['https://me.api.konghq.com:8443/some/path', 'https://me.api.konghq.com', 'https://global.api.konghq.com', 'me'],
    ['global.api.konghq.com', 'https://global.api.konghq.com', 'https://global.api.konghq.com', 'global'],
    ['in.api.konghq.tech', 'https://in.api.konghq.tech', 'https://global.api.konghq.tech', 'in'],
    ['https://konnect-proxy.example.com', 'https://konnect-proxy.example.com', 'https://konnect-proxy.example.com', undefined],
  ];
  for (const [input, regional, global, region] of table) {
    it(`${input} -> ${regional}`, () => {
      const got = resolveServerURL(input);
      assert.deepEqual([got.serverURL, got.regionalBaseURL, got.globalBaseURL, got.region], [regional, regional, global, region]);
    });
  }
  it('refuses http, a non-region first label, garbage', () => {
    assert.throws(() => resolveServerURL('http://us.api.konghq.com'), /Server URL must use HTTPs if specifying scheme/);
    assert.throws(() => resolveServerURL('api.konghq.com'), /failed to parse region from hostname/);
    assert.throws(() => resolveServerURL('usa.api.konghq.com'), /failed to parse region from hostname/);
    assert.throws(() => resolveServerURL('https://'), /invalid Konnect server URL/);
  });
  it('an explicit base URL is used verbatim, http allowed', () => {
    assert.deepEqual(explicitBaseURL('http://127.0.0.1:8100/'), { serverURL: 'http://127.0.0.1:8100', regionalBaseURL: 'http://127.0.0.1:8100', globalBaseURL: 'http://127.0.0.1:8100' });
    assert.equal(explicitBaseURL('http://127.0.0.1:8100/prefix/').regionalBaseURL, 'http://127.0.0.1:8100/prefix');
    assert.throws(() => explicitBaseURL('ftp://x'), /unsupported scheme/);
  });
});

describe('retry decisions', () => {
  it('only GET/PUT/DELETE (and HEAD) are idempotent', () => {
    assert.deepEqual(['GET', 'PUT', 'DELETE', 'POST', 'PATCH'].map(isIdempotent), [true, true, true, false, false]);
  });
  it('Retry-After: integer seconds, HTTP date, absent, garbage', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('77', now), 77_000);
    assert.equal(parseRetryAfter(['3'], now), 3_000);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
  });
  it('backoff is full jitter under an exponential ceiling capped at maxDelayMs', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };
    assert.deepEqual([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, policy, () => 0.999999)), [99, 199, 399, 799, 999, 999]);
    assert.equal(backoffDelay(3, policy, () => 0), 0);
  });
});

describe('token bucket', () => {
  const virtualClock = () => {
    let t = 0;
    const clock: Clock = { now: () => t, sleep: async (ms) => void (t += ms) };
    return { clock, advance: (ms: number) => (t += ms), now: () => t };
  };
  it('allows the burst at once, then spaces requests at the rate', () => {
    const { clock } = virtualClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 3, clock });
    assert.deepEqual([1, 2, 3, 4, 5].map(() => Math.round(bucket.reserve())), [0, 0, 0, 100, 200]);
  });
  it('refills over time and never beyond the burst', () => {
    const { clock, advance } = virtualClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 2, clock });
    bucket.reserve();
    bucket.reserve();
    advance(10_000);
    assert.deepEqual([1, 2, 3].map(() => Math.round(bucket.reserve())), [0, 0, 100]);
  });
  it('a 429 pause holds every caller until it has passed', async () => {
    const { clock, now } = virtualClock();
    const bucket = new TokenBucket({ ratePerSecond: 100, burst: 10, clock });
    bucket.pauseFor(2_000);
    await bucket.acquire();
    assert.equal(now(), 2_000);
  });
  it('default: 40/s, below Konnect\'s 3000/min', () => {
    const bucket = new TokenBucket();
    assert.ok(bucket.ratePerSecond * 60 < 3000);
  });
});

describe('error classification', () => {
  const op = { action: 'create', entity: 'service', method: 'POST', path: '/v2/control-planes/x/core-entities/services' };
  const cases: [number, unknown, Function][] = [
    [404, undefined, KonnectNotFoundError],
    [409, { status: 409, title: 'Conflict', detail: 'exists' }, KonnectConflictError],
    [400, { code: 3, message: 'data constraint error', details: [{ type: 'ERROR_TYPE_REFERENCE', field: 'name', messages: ['name (type: unique) constraint failed'] }] }, KonnectConflictError],
    [400, { code: 6, message: 'already exists' }, KonnectConflictError],
    [400, { code: 3, message: 'data constraint error', details: [{ type: 'ERROR_TYPE_REFERENCE', field: 'service', messages: ['service (type: foreign) constraint failed'] }] }, KonnectValidationError],
    [400, { status: 400, title: 'Invalid Request', invalid_parameters: [{ field: 'name', rule: 'required', reason: 'is a required field' }] }, KonnectValidationError],
    [401, { message: 'Unauthorized', status: 401 }, KonnectAuthError],
    [403, { status: 403, title: 'Forbidden', detail: 'no' }, KonnectAuthError],
    [403, { code: 7, message: 'usage constraint error', details: [{ messages: ['operation not permitted on KIC cluster'] }] }, KonnectValidationError],
    [429, { message: 'API rate limit exceeded' }, KonnectRateLimitError],
    [500, { status: 500, title: 'Internal' }, KonnectServerError],
    [503, 'upstream unavailable', KonnectServerError],
  ];
  for (const [status, body, type] of cases) {
    it(`${status} ${JSON.stringify(body)?.slice(0, 60)} -> ${type.name}`, () => {
      const error = errorFromResponse(op, status, body);
      assert.ok(error instanceof type, error.constructor.name);
      assert.equal(error.status, status);
      assert.deepEqual(error.operation, op);
      assert.match(error.message, new RegExp(`^Konnect create service \\(POST .*\\) failed with ${status}`));
    });
  }
  it('the message carries problem details (title, detail, invalid parameters, core details)', () => {
    const e = errorFromResponse(op, 400, { status: 400, title: 'Invalid Request', detail: 'Invalid Parameters', invalid_parameters: [{ field: 'name', rule: 'required', reason: 'is a required field' }] });
    assert.match(e.message, /Invalid Request: Invalid Parameters: name: is a required field$/);
    const core = errorFromResponse(op, 400, { code: 3, message: 'validation error', details: [{ type: 'ERROR_TYPE_FIELD', field: 'tags[0]', messages: ['length must be <= 128, but got 138'] }] });
    assert.match(core.message, /validation error: tags\[0\]: length must be <= 128, but got 138$/);
  });
});
