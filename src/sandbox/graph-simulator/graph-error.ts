/**
 * Graph's error envelope. Handlers throw `GraphApiError`; the pipeline turns it into
 * `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`,
 * the shape the Graph SDK's GraphErrorHandler parses into a GraphError.
 */
export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphApiError';
  }
}

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; 'request-id': string; 'client-request-id': string };
  };
}

export function graphErrorBody(
  code: string,
  message: string,
  ids: { requestId: string; clientRequestId: string },
  date: Date,
): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: {
        // Graph writes this date without a zone or fractional seconds, e.g. 2021-05-18T19:03:10.
        date: date.toISOString().slice(0, 19),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}

/** Codes Graph uses for bare HTTP statuses, for faults injected without a body. */
export function defaultErrorCode(status: number): { code: string; message: string } {
  const known: Record<number, { code: string; message: string }> = {
    400: { code: 'BadRequest', message: 'Bad request.' },
    401: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' },
    403: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
    404: { code: 'Request_ResourceNotFound', message: 'Resource not found.' },
    409: { code: 'Conflict', message: 'Conflict.' },
    429: { code: 'TooManyRequests', message: 'Too many requests.' },
    500: { code: 'InternalServerError', message: 'Internal server error.' },
    502: { code: 'BadGateway', message: 'Bad gateway.' },
    503: { code: 'ServiceUnavailable', message: 'Service unavailable.' },
    504: { code: 'GatewayTimeout', message: 'Gateway timeout.' },
  };
  return known[status] ?? { code: 'UnknownError', message: `Simulated HTTP ${status}.` };
}
