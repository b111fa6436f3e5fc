import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SimulatedDirectory } from './directory';
import type { FaultInjector, FaultResponse } from './faults';
import { defaultErrorCode, GraphApiError, graphErrorBody } from './graph-error';
import { routeRequest, type RouteContext, type SimulatedRequest, type SimulatedResponse } from './routes';

export const API_VERSION_PREFIX = '/v1.0';

export interface RecordedRequest {
  method: string;
  /** Full path without the query, e.g. `/v1.0/users`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; the raw text when it was not JSON; undefined when empty. */
  body: unknown;
  /** Set on the items of a JSON batch (recorded right after the `$batch` request): the item's id. */
  batchItemId?: string;
}

/** A request whose path still carries the version, as it arrived over HTTP. */
export interface IncomingRequest extends SimulatedRequest {
  invalidJson?: boolean;
}

export type ConnectionFaultKind = 'hang' | 'reset';
export type PipelineOutcome = SimulatedResponse | { kind: ConnectionFaultKind };

/** Thrown out of a batch when one of its items draws a hang/reset fault: the whole HTTP request suffers it. */
class ConnectionFault extends Error {
  constructor(readonly kind: ConnectionFaultKind) {
    super(`Simulated connection fault: ${kind}`);
  }
}

export interface PipelineOptions {
  directory: SimulatedDirectory;
  faults: FaultInjector;
  now: () => Date;
  redeemHost: string;
  acceptToken?: (bearerToken: string) => boolean;
  record: (request: RecordedRequest) => void;
}

/**
 * What every request goes through, in order: recording, injected faults, the bearer-token
 * check, then routing. Responses leave with Graph's `request-id` and the echoed
 * `client-request-id`, and errors with Graph's error envelope.
 */
export class RequestPipeline {
  constructor(private readonly options: PipelineOptions) {}

  async handle(request: IncomingRequest): Promise<PipelineOutcome> {
    this.record(request, request.path);
    const ids = requestIds(request.headers);
    const fault = this.options.faults.take(request.method, request.path);
    if (fault) return isConnectionFault(fault) ? fault : this.finish(faultResponse(fault), ids);
    try {
      this.authenticate(request.headers);
      if (request.invalidJson) {
        throw new GraphApiError(
          400,
          'BadRequest',
          'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
        );
      }
      if (!request.path.startsWith(`${API_VERSION_PREFIX}/`)) {
        throw new GraphApiError(
          404,
          'Request_ResourceNotFound',
          `Invalid version or resource path '${request.path}'; the simulator serves ${API_VERSION_PREFIX} only.`,
        );
      }
      const versionRelative = { ...request, path: request.path.slice(API_VERSION_PREFIX.length) };
      return this.finish(await routeRequest(versionRelative, this.context()), ids);
    } catch (error) {
      if (error instanceof ConnectionFault) return { kind: error.kind };
      return this.finish(this.errorResponse(error), ids);
    }
  }

  /** A JSON-batch item: recorded and fault-checked like a request, authenticated by its batch. */
  private async handleBatchItem(request: SimulatedRequest, batchItemId: string): Promise<SimulatedResponse> {
    const fullPath = `${API_VERSION_PREFIX}${request.path}`;
    this.record(request, fullPath, batchItemId);
    const ids = requestIds(request.headers);
    const fault = this.options.faults.take(request.method, fullPath);
    if (fault && isConnectionFault(fault)) throw new ConnectionFault(fault.kind);
    if (fault) return this.finish(faultResponse(fault), ids);
    try {
      return this.finish(await routeRequest(request, this.context()), ids);
    } catch (error) {
      if (error instanceof ConnectionFault) throw error;
      return this.finish(this.errorResponse(error), ids);
    }
  }

  private context(): RouteContext {
    const { directory, now, redeemHost } = this.options;
    return { directory, now, redeemHost, dispatchBatchItem: (item, id) => this.handleBatchItem(item, id) };
  }

  private record(request: SimulatedRequest, path: string, batchItemId?: string): void {
    const recorded: RecordedRequest = {
      method: request.method,
      path,
      query: new URLSearchParams(request.query),
      headers: { ...request.headers },
      body: request.body,
    };
    if (batchItemId !== undefined) recorded.batchItemId = batchItemId;
    this.options.record(recorded);
  }

  private authenticate(headers: IncomingHttpHeaders): void {
    const { acceptToken } = this.options;
    if (!acceptToken) return;
    const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
    if (!match) throw new GraphApiError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    if (!acceptToken(match[1]!)) {
      throw new GraphApiError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    }
  }

  private errorResponse(error: unknown): SimulatedResponse {
    if (error instanceof GraphApiError) {
      return { status: error.status, headers: error.headers, body: errorMarker(error.code, error.message) };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: errorMarker('InternalServerError', `Simulator failure: ${message}`) };
  }

  /** Adds the ids every Graph response carries, and fills in error envelopes. */
  private finish(response: SimulatedResponse, ids: { requestId: string; clientRequestId: string }): SimulatedResponse {
    const headers: Record<string, string> = {
      'request-id': ids.requestId,
      'client-request-id': ids.clientRequestId,
      ...response.headers,
    };
    let body = response.body;
    if (isErrorMarker(body)) body = graphErrorBody(body.code, body.message, ids, this.options.now());
    if (body !== undefined && !hasHeader(headers, 'content-type')) {
      headers['Content-Type'] = GRAPH_JSON_CONTENT_TYPE;
    }
    return { status: response.status, headers, body };
  }
}

const GRAPH_JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

const ERROR_MARKER = Symbol('graph-error');
type ErrorMarker = { [ERROR_MARKER]: true; code: string; message: string };

/** An error body still missing its innerError ids, filled in by `finish`. */
function errorMarker(code: string, message: string): ErrorMarker {
  return { [ERROR_MARKER]: true, code, message };
}

function isErrorMarker(body: unknown): body is ErrorMarker {
  return typeof body === 'object' && body !== null && ERROR_MARKER in body;
}

function faultResponse(fault: Extract<FaultResponse, { status: number }>): SimulatedResponse {
  const body = fault.body ?? (fault.status >= 400 ? defaultErrorBody(fault.status) : undefined);
  return { status: fault.status, headers: { ...fault.headers }, body };
}

function defaultErrorBody(status: number): ErrorMarker {
  const { code, message } = defaultErrorCode(status);
  return errorMarker(code, message);
}

function isConnectionFault(fault: FaultResponse): fault is { kind: ConnectionFaultKind } {
  return 'kind' in fault;
}

function requestIds(headers: IncomingHttpHeaders): { requestId: string; clientRequestId: string } {
  const clientRequestId = headers['client-request-id'];
  return {
    requestId: randomUUID(),
    clientRequestId: typeof clientRequestId === 'string' && clientRequestId !== '' ? clientRequestId : randomUUID(),
  };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
