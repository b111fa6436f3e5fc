import assert from 'node:assert/strict';
import { RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { longestGraphCallMs, SDK_MAX_RETRY_DELAY_SECONDS } from '../../src/graph/graph-client';

describe('the longest Graph call', () => {
  it("counts the SDK's own cap on the wait before a retry", () => {
    assert.equal((RetryHandlerOptions as unknown as { MAX_DELAY: number }).MAX_DELAY, SDK_MAX_RETRY_DELAY_SECONDS);
  });

  it('grows with the configured timeout and retries: every attempt timed out, the longest wait before each retry', () => {
    assert.equal(longestGraphCallMs({ timeoutSeconds: 30, maxRetries: 0 }), 30_000);
    assert.equal(longestGraphCallMs({ timeoutSeconds: 30, maxRetries: 3 }), (4 * 30 + 3 * 180) * 1000);
    assert.equal(longestGraphCallMs({ timeoutSeconds: 600, maxRetries: 10 }), (11 * 600 + 10 * 180) * 1000);
  });
});
