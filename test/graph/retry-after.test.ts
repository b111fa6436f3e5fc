import assert from 'node:assert/strict';
import { retryAfterMs, SDK_MAX_RETRY_DELAY_SECONDS } from '../../src/graph/retry-after';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-12-04T12:00:00Z');
  const given = (value: string) => retryAfterMs(new Headers({ 'Retry-After': value }), now);

  it('reads seconds', () => {
    assert.equal(given('5'), 5000);
    assert.equal(given('0'), 0);
    assert.equal(given('1.5'), 1500);
  });

  it('reads an HTTP date as the time left until it, and a date already past as no wait', () => {
    assert.equal(given('Fri, 04 Dec 2026 12:00:30 GMT'), 30_000);
    assert.equal(given('Fri, 04 Dec 2026 11:59:00 GMT'), 0);
  });

  it("holds the wait to the SDK's own cap, as its retry handler does", () => {
    assert.equal(given('86400'), SDK_MAX_RETRY_DELAY_SECONDS * 1000);
  });

  it('has no wait for a missing, empty or meaningless value', () => {
    assert.equal(retryAfterMs(new Headers(), now), undefined);
    assert.equal(retryAfterMs(undefined, now), undefined);
    assert.equal(given(' '), undefined);
    assert.equal(given('soon'), undefined);
    assert.equal(given('-5'), 0);
  });
});
