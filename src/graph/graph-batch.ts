import { GraphConnection } from './graph-client';

/** Graph answers at most 20 requests per JSON batch. */
export const BATCH_LIMIT = 20;

export interface BatchItem {
  id: string;
  method: 'GET';
  /** Relative to the version, e.g. `/users/{id}?$select=id`. */
  url: string;
}

export interface BatchItemResponse {
  id: string;
  status: number;
  body?: unknown;
}

/**
 * Sends GET requests in JSON batches of twenty. A 429 on the batch itself is retried by the client's retry
 * handler; each item's own status is the caller's to read (an item can be throttled inside a 200 batch).
 */
export async function batchGet(graph: GraphConnection, items: BatchItem[], call: <T>(run: () => Promise<T>) => Promise<T>): Promise<BatchItemResponse[]> {
  const responses: BatchItemResponse[] = [];
  for (let start = 0; start < items.length; start += BATCH_LIMIT) {
    const requests = items.slice(start, start + BATCH_LIMIT);
    const answer = await call(() => graph.api('/$batch').post({ requests }) as Promise<{ responses?: BatchItemResponse[] }>);
    responses.push(...(answer.responses ?? []));
  }
  return responses;
}

/** The Graph error code inside a batch item's body, for the same mapping top-level errors get. */
export function itemErrorCode(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

export function itemRequestId(response: BatchItemResponse): string | undefined {
  const inner = (response.body as { error?: { innerError?: Record<string, unknown> } } | undefined)?.error?.innerError;
  const id = inner?.['request-id'];
  return typeof id === 'string' ? id : undefined;
}
