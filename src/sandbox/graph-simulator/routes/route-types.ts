import type { IncomingHttpHeaders } from 'node:http';
import type { SimulatedDirectory } from '../directory';
import { GraphApiError } from '../graph-error';

/** A request as routes see it: one HTTP request, or one item of a JSON batch. */
export interface SimulatedRequest {
  method: string;
  /** Path below the version segment, e.g. `/users/abc` for `/v1.0/users/abc`; still percent-encoded. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: IncomingHttpHeaders;
  body: unknown;
  /** `https://localhost:1234`: absolute links (`@odata.nextLink`) point back at the simulator. */
  origin: string;
}

export interface SimulatedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** What a handler may use besides the request. */
export interface RouteContext {
  directory: SimulatedDirectory;
  now(): Date;
  /** Host of the redeem URLs handed out in invitation responses. */
  redeemHost: string;
  /** Runs a JSON-batch item through the whole pipeline (recording, faults, routing). */
  dispatchBatchItem(request: SimulatedRequest, batchItemId: string): Promise<SimulatedResponse>;
}

export type RouteHandler = (
  request: SimulatedRequest,
  params: string[],
  context: RouteContext,
) => SimulatedResponse | Promise<SimulatedResponse>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Matched against the still-encoded path; capture groups are decoded into `params`. */
  pattern: RegExp;
  handler: RouteHandler;
}

/** The JSON object body a write route needs, or a Graph-style 400. */
export function requireObjectBody(request: SimulatedRequest): Record<string, unknown> {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GraphApiError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  }
  return body as Record<string, unknown>;
}
