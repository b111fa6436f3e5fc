import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphError, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { GraphConnection, longestGraphCallMs, SDK_MAX_RETRY_DELAY_SECONDS } from '../../src/graph/graph-client';
import { toDirectoryError } from '../../src/graph/graph-errors';
import { GraphRequestPacer } from '../../src/graph/graph-request-pacer';

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

/** A Graph stand-in answering each request with the next of `answers` (the last one again once they run out). */
async function graphAnswering(answers: { status: number; headers?: http.OutgoingHttpHeaders }[]): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let count = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    const answer = answers[Math.min(count, answers.length - 1)]!;
    count += 1;
    const body = answer.status === 200 ? { value: [] } : { error: { code: 'TooManyRequests', message: 'Slow down.' } };
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("a Graph call's retries", () => {
  const throttled = (headers: http.OutgoingHttpHeaders) => ({ status: 429, headers });

  it('answer "throttled" at once when Retry-After asks for a longer wait than the call has left', async () => {
    const graph = await graphAnswering([throttled({ 'retry-after': '5' })]);
    try {
      const started = Date.now();
      await assert.rejects(new GraphConnection({ baseUrl: graph.url, timeoutSeconds: 1, maxRetries: 3 }).api('/users').get(), (error: unknown) => {
        assert.ok(error instanceof GraphError);
        assert.equal(error.statusCode, 429);
        assert.equal(toDirectoryError(error, 'lookup').kind, 'throttled');
        return true;
      });
      assert.ok(Date.now() - started < 1000, 'did not wait out the Retry-After');
      assert.equal(graph.requests(), 1);
    } finally {
      await graph.close();
    }
  });

  it('read a Retry-After given as a date as the SDK does', async () => {
    const graph = await graphAnswering([throttled({ 'retry-after': new Date(Date.now() + 60_000).toUTCString() })]);
    try {
      await assert.rejects(new GraphConnection({ baseUrl: graph.url, timeoutSeconds: 5, maxRetries: 3 }).api('/users').get(), { statusCode: 429 });
      assert.equal(graph.requests(), 1);
    } finally {
      await graph.close();
    }
  });

  it('wait what Retry-After asks when the call has the time, and try again', async () => {
    const graph = await graphAnswering([throttled({ 'retry-after': '1' }), { status: 200 }]);
    try {
      assert.deepEqual(await new GraphConnection({ baseUrl: graph.url, timeoutSeconds: 5, maxRetries: 3 }).api('/users').get(), { value: [] });
      assert.equal(graph.requests(), 2);
    } finally {
      await graph.close();
    }
  });
  it('keep waiting as the SDK does when an earlier answer may have been carried out: a 504, then a long 429, ends as a time-out', async () => {
    const graph = await graphAnswering([{ status: 504 }, throttled({ 'retry-after': '2' })]);
    try {
      await assert.rejects(new GraphConnection({ baseUrl: graph.url, timeoutSeconds: 3, maxRetries: 3 }).api('/invitations').post({}), (error: unknown) => {
        assert.equal(toDirectoryError(error, 'invite').kind, 'unavailable');
        return true;
      });
      assert.equal(graph.requests(), 2);
    } finally {
      await graph.close();
    }
  });

  it('carry the wait Graph asked for on the "throttled" it answers with', async () => {
    const graph = await graphAnswering([throttled({ 'retry-after': '30' })]);
    try {
      await assert.rejects(new GraphConnection({ baseUrl: graph.url, timeoutSeconds: 1, maxRetries: 3 }).api('/invitations').post({}), (error: unknown) => {
        const mapped = toDirectoryError(error, 'invite');
        assert.equal(mapped.kind, 'throttled');
        assert.equal(mapped.retryAfterMs, 30_000);
        return true;
      });
    } finally {
      await graph.close();
    }
  });
  it("give the lifecycle's pacer the wait Graph asked for: the next request waits it out", async () => {
    const graph = await graphAnswering([throttled({ 'retry-after': '2' }), { status: 200 }]);
    const pacer = new GraphRequestPacer({ maxConcurrent: 4, minTimeMs: 0 });
    try {
      const connection = new GraphConnection({ baseUrl: graph.url, timeoutSeconds: 1, maxRetries: 3 });
      const started = Date.now();
      await assert.rejects(pacer.pace(() => connection.api('/users').get()), { statusCode: 429 });
      assert.ok(Date.now() - started < 1000, 'the 429 came back at once');
      assert.deepEqual(await pacer.pace(() => connection.api('/users').get()), { value: [] });
      assert.ok(Date.now() - started >= 1990, `the next request went out ${Date.now() - started} ms after the first`);
      assert.equal(graph.requests(), 2);
    } finally {
      await pacer.close();
      await graph.close();
    }
  });
});
