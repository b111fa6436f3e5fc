import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import * as http from 'node:http';
import * as https from 'node:https';
import { BufferedResponse } from './buffered-response';

/** Statuses whose response may not carry a body (the Fetch standard refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * One connection pool per process, shared by every Graph connection (the app's and each signed-in person's), as
 * `fetch`'s global dispatcher was. Idle pooled sockets do not keep the process alive.
 */
const AGENTS = {
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
};

/**
 * The last link of GuestPass's Graph middleware chain, in place of the SDK's `HTTPMessageHandler` (global
 * `fetch`): the request goes out on Node's own http(s) client over a keep-alive connection pool, and the answer
 * comes back as a standard `Response` (a BufferedResponse), so the SDK's retry, redirect and response handling
 * work unchanged.
 * Measured under load, this costs a fraction of the CPU of `fetch` (whose web streams and per-request abort
 * plumbing dominated a Graph call's cost), and it bounds the connections opened to Graph (64 per host).
 *
 * Failures keep `fetch`'s shape, which the error mapping relies on: nothing reached Graph → `TypeError` with the
 * socket error as `cause`; the signal fired (the request timeout) → the signal's reason (`TimeoutError`).
 */
export class NodeHttpHandler implements Middleware {
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    context.response = await this.send(new URL(url), context.options ?? {});
  }

  private send(url: URL, options: RequestInit): Promise<Response> {
    const agent = AGENTS[url.protocol as keyof typeof AGENTS];
    if (!agent) return Promise.reject(new TypeError(`Graph URL has an unsupported protocol: ${url.protocol}`));
    const body = bodyBytes(options.body);
    const headers = headerObject(options.headers);
    if (body !== undefined) headers['content-length'] = String(body.byteLength);
    const method = (options.method ?? 'GET').toUpperCase();
    const signal = options.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason);

    return new Promise<Response>((resolve, reject) => {
      const transport = url.protocol === 'https:' ? https : http;
      const request = transport.request(url, { method, headers, agent }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', fail);
        incoming.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const status = incoming.statusCode ?? 0;
          const content = NULL_BODY_STATUSES.has(status) || method === 'HEAD' ? null : Buffer.concat(chunks);
          try {
            resolve(new BufferedResponse(content, { status, statusText: incoming.statusMessage ?? '', headers: responseHeaders(incoming.rawHeaders) }));
          } catch (error) {
            // A status a Response cannot hold (outside 200–599, from something between GuestPass and Graph).
            reject(new TypeError('fetch failed', { cause: error }));
          }
        });
      });
      function fail(error: Error): void {
        signal?.removeEventListener('abort', onAbort);
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
      }
      function onAbort(): void {
        request.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', fail);
      request.end(body);
    });
  }
}

function bodyBytes(body: RequestInit['body']): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  // Streams, forms and blobs are for file uploads, which GuestPass never sends to Graph.
  throw new TypeError(`Graph request body of an unsupported type: ${Object.prototype.toString.call(body)}`);
}

/** The SDK sets headers as a plain object, a Headers or pairs (AuthenticationHandler adds to whichever it finds). */
function headerObject(headers: RequestInit['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  if (!headers) return result;
  const pairs: Iterable<[string, string]> =
    headers instanceof Headers || Array.isArray(headers) ? (headers as Iterable<[string, string]>) : Object.entries(headers as Record<string, string>);
  for (const [name, value] of pairs) result[name.toLowerCase()] = String(value);
  return result;
}

function responseHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index], raw[index + 1]);
  return headers;
}
