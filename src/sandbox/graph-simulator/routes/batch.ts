import { GraphApiError } from '../graph-error';
import type { Route, RouteContext, SimulatedRequest, SimulatedResponse } from './route-types';
import { requireObjectBody } from './route-types';

const MAX_BATCH_ITEMS = 20;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

interface BatchItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * POST /$batch (JSON batching). Items run in order through the same pipeline as top-level
 * requests, so they are recorded and can be hit by injected faults (a 429 for one item
 * comes back inside the batch, as Graph does). An item whose `dependsOn` failed gets 424.
 */
async function runBatch(
  request: SimulatedRequest,
  _params: string[],
  context: RouteContext,
): Promise<SimulatedResponse> {
  const items = parseBatch(requireObjectBody(request));
  const responses: BatchItemResponse[] = [];
  for (const item of items) {
    const failedDependency = item.dependsOn.find((id) => (responses.find((r) => r.id === id)?.status ?? 0) >= 400);
    responses.push(
      failedDependency !== undefined
        ? itemError(item.id, 424, 'FailedDependency', `The request depends on '${failedDependency}', which failed.`)
        : await runItem(item, request.origin, context),
    );
  }
  return { status: 200, body: { responses } };
}

async function runItem(item: BatchItem, origin: string, context: RouteContext): Promise<BatchItemResponse> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(item.url)) {
    const message = `Batch item URLs must be relative to the version, e.g. '/users'; got '${item.url}'.`;
    return itemError(item.id, 400, 'BadRequest', message);
  }
  const url = new URL(`/${item.url.replace(/^\/+/, '')}`, 'http://batch.invalid');
  if (url.pathname === '/$batch') return itemError(item.id, 400, 'BadRequest', 'A batch cannot contain another batch.');
  if (item.body !== undefined && WRITE_METHODS.has(item.method) && item.headers['content-type'] === undefined) {
    const message = 'Write requests with a body need a Content-Type header in the batch item.';
    return itemError(item.id, 400, 'BadRequest', message);
  }
  const subRequest = {
    method: item.method,
    path: url.pathname,
    query: url.searchParams,
    headers: item.headers,
    body: item.body,
    origin,
  };
  const response = await context.dispatchBatchItem(subRequest, item.id);
  const result: BatchItemResponse = { id: item.id, status: response.status, headers: response.headers ?? {} };
  if (response.body !== undefined) result.body = response.body;
  return result;
}

function itemError(id: string, status: number, code: string, message: string): BatchItemResponse {
  return { id, status, headers: { 'Content-Type': 'application/json' }, body: { error: { code, message } } };
}

function parseBatch(body: Record<string, unknown>): BatchItem[] {
  const invalid = (detail: string) => new GraphApiError(400, 'BadRequest', `Invalid batch payload format: ${detail}`);
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw invalid("'requests' must be a non-empty array.");
  if (requests.length > MAX_BATCH_ITEMS) {
    throw new GraphApiError(400, 'BadRequest', `Number of batch requests exceeds the maximum of ${MAX_BATCH_ITEMS}.`);
  }
  const seen = new Set<string>();
  return requests.map((raw: unknown, index) => {
    const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const { id, method, url } = entry;
    if (typeof id !== 'string' || id === '' || seen.has(id)) throw invalid(`item ${index} needs a unique string 'id'.`);
    if (typeof method !== 'string' || typeof url !== 'string') throw invalid(`item '${id}' needs 'method' and 'url'.`);
    const dependsOn = Array.isArray(entry.dependsOn) ? entry.dependsOn.map(String) : [];
    const unknown = dependsOn.find((dependency) => !seen.has(dependency));
    if (unknown !== undefined) throw invalid(`item '${id}' depends on '${unknown}', which does not come before it.`);
    seen.add(id);
    const rawHeaders = Object.entries((entry.headers ?? {}) as Record<string, unknown>);
    const headers = Object.fromEntries(rawHeaders.map(([name, value]) => [name.toLowerCase(), String(value)]));
    return { id, method: method.toUpperCase(), url, headers, body: entry.body, dependsOn };
  });
}

export const batchRoutes: Route[] = [{ method: 'POST', pattern: /^\/\$batch$/, handler: runBatch }];
