import assert from 'node:assert/strict';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { toDirectoryError } from '../../src/graph/graph-errors';

function graphError(statusCode: number, code: string | null, requestId?: string): GraphError {
  const error = new GraphError(statusCode, 'Graph says something about jane@fabrikam.com');
  error.code = code;
  error.requestId = requestId ?? null;
  return error;
}

describe('toDirectoryError', () => {
  const cases: [number, string | null, 'invite' | 'lookup', string][] = [
    [403, 'Authorization_RequestDenied', 'invite', 'insufficientPrivileges'],
    [401, 'Unauthorized', 'invite', 'insufficientPrivileges'],
    [403, 'Authorization_RequestDenied', 'lookup', 'insufficientPrivileges'],
    [401, 'InvalidAuthenticationToken', 'lookup', 'authenticationFailed'],
    [429, 'TooManyRequests', 'invite', 'throttled'],
    [429, null, 'lookup', 'throttled'],
    [400, 'BadRequest', 'invite', 'blockedByTenantPolicy'],
    [403, 'SomethingNew', 'invite', 'blockedByTenantPolicy'],
    [400, 'Request_UnsupportedQuery', 'lookup', 'rejected'],
    [404, 'Request_ResourceNotFound', 'lookup', 'notFound'],
    [409, 'Conflict', 'invite', 'alreadyExists'],
    [503, 'ServiceUnavailable', 'invite', 'unavailable'],
    [500, 'UnknownError', 'lookup', 'unavailable'],
    [-1, 'TypeError', 'invite', 'unavailable'],
    [-1, 'TimeoutError', 'lookup', 'unavailable'],
    [-1, 'AuthenticationError', 'invite', 'authenticationFailed'],
    [418, 'Teapot', 'lookup', 'unknown'],
  ];
  for (const [status, code, operation, kind] of cases) {
    it(`maps ${status} ${code} on ${operation} to ${kind}`, () => {
      assert.equal(toDirectoryError(graphError(status, code), operation).kind, kind);
    });
  }

  it('keeps the request id and never copies Graph’s message text', () => {
    const mapped = toDirectoryError(graphError(403, 'Authorization_RequestDenied', 'req-42'), 'invite');
    assert.equal(mapped.requestId, 'req-42');
    assert.ok(!mapped.message.includes('jane@fabrikam.com'));
    assert.equal(mapped.retryable, false);
    assert.equal(toDirectoryError(graphError(429, null), 'invite').retryable, true);
  });

  it('maps errors thrown by the credential or fetch (no HTTP status)', () => {
    const network = Object.assign(new TypeError('fetch failed'), {});
    assert.equal(toDirectoryError(network, 'lookup').kind, 'unavailable');
    assert.equal(toDirectoryError('weird', 'lookup').kind, 'unavailable');
  });
});

describe("toDirectoryError and Graph's Retry-After", () => {
  const throttledWith = (retryAfter: string) => Object.assign(graphError(429, 'TooManyRequests'), { headers: new Headers({ 'Retry-After': retryAfter }) });

  it('carries the wait a throttled answer asked for', () => {
    assert.equal(toDirectoryError(throttledWith('7'), 'invite').retryAfterMs, 7000);
  });

  it('has no wait when Graph gave none, or on an answer that is not a throttle', () => {
    assert.equal(toDirectoryError(graphError(429, 'TooManyRequests'), 'invite').retryAfterMs, undefined);
    const unavailable = Object.assign(graphError(503, 'ServiceUnavailable'), { headers: new Headers({ 'Retry-After': '7' }) });
    assert.equal(toDirectoryError(unavailable, 'invite').retryAfterMs, undefined);
  });
});
