import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import * as http from 'node:http';
import * as https from 'node:https';
import { BufferedResponse } from './buffered-response';
import { CallDeadline, callTimeoutError } from './call-deadline';

/** Statuses whose response may not carry a body (the Fetch standard refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * How long a pooled connection may sit idle. Node closes it a second before the time a server announces in
 * `Keep-Alive: timeout=…` only when the pool has an idle time of its own, and otherwise keeps it until the server
 * closes it, so that a request can go out on a connection the server is closing. This also stays under the idle
 * limits of the proxies and load balancers between GuestPass and Graph, which announce nothing.
 */
const IDLE_CONNECTION_MS = 30_000;

/**
 * One connection pool per process, shared by every Graph connection (the app's and each signed-in person's), as
 * `fetch`'s global dispatcher was. Idle pooled sockets do not keep the process alive.
 */
const AGENTS = {
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_CONNECTION_MS }),
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_CONNECTION_MS }),
};

/** Methods that ask nothing to change (RFC 9110 §9.2.1): sending one twice does no harm. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Changes that leave the same result however often they arrive: PUT and DELETE (RFC 9110 §9.2.2; a second DELETE
 * is answered 404, which callers take for "already gone"), and Graph's PATCH, which sets the properties it names to
 * the values given (no increments, no appends).
 */
const IDEMPOTENT_CHANGES = new Set(['PUT', 'DELETE', 'PATCH']);
/** Graph actions that only read, sent as POST because they carry a list: GuestPass's membership check. */
const READ_ONLY_ACTION = /\/checkMemberGroups$/;
/** How a connection the server has closed fails a request sent on it: reset, or written to after the close. */
const CLOSED_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** How an attempt failed, to decide whether it may be sent again. */
interface AttemptFailure {
  error: unknown;
  /** The attempt went out on a pooled connection that an earlier request had used. */
  reusedConnection: boolean;
  /** Part of an answer had arrived. */
  answered: boolean;
  /** The call's time ran out (its deadline passed, or its signal fired): never sent again. */
  outOfTime: boolean;
}

/**
 * The last link of GuestPass's Graph middleware chain, in place of the SDK's `HTTPMessageHandler` (global
 * `fetch`): the request goes out on Node's own http(s) client over a keep-alive connection pool, and the answer
 * comes back as a standard `Response` (a BufferedResponse), so the SDK's retry, redirect and response handling
 * work unchanged.
 * Measured under load, this costs a fraction of the CPU of `fetch` (whose web streams and per-request abort
 * plumbing dominated a Graph call's cost), and it bounds the connections opened to Graph (64 per host).
 *
 * The call's time limit comes as a CallDeadline middleware option (each attempt gets what is left of it); a
 * `signal` in the request options is honoured too. Failures keep `fetch`'s shape, which the error mapping relies
 * on: nothing reached Graph → `TypeError` with the socket error as `cause`; the deadline passed → a `TimeoutError`;
 * the signal fired → its reason.
 *
 * A pooled connection can be closed by the server just as a request goes out on it (the close is still unread
 * when the event loop lags under load). Such a request is sent once more, on a new connection, when that cannot
 * do a thing twice: a read (GET, a JSON batch of GETs, checkMemberGroups), a change that is the same however often
 * it arrives (PATCH, DELETE), or any request the operating system refused to write. An invitation or a sponsor
 * reference (POST) already written is never sent again; it fails as `unavailable`, as before.
 */
export class NodeHttpHandler implements Middleware {
  /**
   * `fallbackTimeoutMs` bounds each attempt of a call that came without a CallDeadline (the SDK drops it when a
   * caller sets other middleware options on the request): so no request waits on a silent Graph for ever.
   */
  constructor(private readonly fallbackTimeoutMs?: number) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const given = context.middlewareControl?.getMiddlewareOptions(CallDeadline) as CallDeadline | undefined;
    const deadline = given ?? (this.fallbackTimeoutMs === undefined ? undefined : CallDeadline.after(this.fallbackTimeoutMs));
    context.response = await this.send(new URL(url), context.options ?? {}, deadline);
  }

  private async send(url: URL, options: RequestInit, deadline: CallDeadline | undefined): Promise<Response> {
    const agent = AGENTS[url.protocol as keyof typeof AGENTS];
    if (!agent) throw new TypeError(`Graph URL has an unsupported protocol: ${url.protocol}`);
    const body = bodyBytes(options.body);
    const headers = headerObject(options.headers);
    if (body !== undefined) headers['content-length'] = String(body.byteLength);
    const method = (options.method ?? 'GET').toUpperCase();
    const signal = options.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;

    const attempt = () => this.attempt(url, agent, method, headers, body, signal, deadline);
    try {
      return await attempt();
    } catch (caught) {
      const failure = caught as AttemptFailure;
      const cause = closedUnderRequest(failure);
      if (!cause || (mayHaveReachedServer(cause) && !isRepeatable(url, method, body))) throw failure.error;
      // The pool hands out the most recently used connection first, so the others idle in it are older still.
      closeIdleConnections(agent);
      await new Promise((resolve) => setImmediate(resolve));
      try {
        return await attempt();
      } catch (again) {
        throw (again as AttemptFailure).error;
      }
    }
  }

  /** One request on the pool; rejects with an AttemptFailure. */
  private attempt(
    url: URL,
    agent: http.Agent,
    method: string,
    headers: Record<string, string>,
    body: Uint8Array | undefined,
    signal: AbortSignal | undefined,
    deadline: CallDeadline | undefined,
  ): Promise<Response> {
    const unsent = (error: unknown): Promise<Response> => Promise.reject({ error, reusedConnection: false, answered: false, outOfTime: true } satisfies AttemptFailure);
    if (signal?.aborted) return unsent(signal.reason);
    const left = deadline?.remainingMs();
    if (left !== undefined && left <= 0) return unsent(callTimeoutError());
    return new Promise<Response>((resolve, reject) => {
      const transport = url.protocol === 'https:' ? https : http;
      let answered = false;
      let timedOut: DOMException | undefined;
      let timer: NodeJS.Timeout | undefined;
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      let request: http.ClientRequest;
      try {
        request = transport.request(url, { method, headers, agent }, answer);
      } catch (error) {
        // Refused before anything was sent (a header Node will not write): fails as fetch does, with the cause.
        reject({ error: new TypeError('fetch failed', { cause: error }), reusedConnection: false, answered: false, outOfTime: false } satisfies AttemptFailure);
        return;
      }
      function answer(incoming: http.IncomingMessage): void {
        answered = true;
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', fail);
        incoming.on('end', () => {
          settle();
          const status = incoming.statusCode ?? 0;
          const content = NULL_BODY_STATUSES.has(status) || method === 'HEAD' ? null : Buffer.concat(chunks);
          try {
            resolve(new BufferedResponse(content, { status, statusText: incoming.statusMessage ?? '', headers: responseHeaders(incoming.rawHeaders) }));
          } catch (error) {
            // A status a Response cannot hold (outside 200–599, from something between GuestPass and Graph).
            fail(error as Error);
          }
        });
      }
      function fail(error: Error): void {
        settle();
        const outOfTime = timedOut !== undefined || signal?.aborted === true;
        const failure: AttemptFailure = {
          error: timedOut ?? (signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error })),
          reusedConnection: request.reusedSocket,
          answered,
          outOfTime,
        };
        reject(failure);
      }
      function onAbort(): void {
        request.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      // Unreferenced, as AbortSignal.timeout's is: the request itself keeps the process alive while it runs.
      if (left !== undefined) timer = setTimeout(() => request.destroy((timedOut = callTimeoutError())), left).unref();
      request.on('error', fail);
      request.end(body);
    });
  }
}

/**
 * The socket error when the server closed the pooled connection under the request before any answer (not a
 * failure of Graph's); undefined for any other failure.
 */
function closedUnderRequest(failure: AttemptFailure): NodeJS.ErrnoException | undefined {
  if (failure.outOfTime || !failure.reusedConnection || failure.answered) return undefined;
  const cause = failure.error instanceof TypeError ? (failure.error.cause as NodeJS.ErrnoException | undefined) : undefined;
  return CLOSED_CONNECTION_CODES.has(cause?.code ?? '') ? cause : undefined;
}

/**
 * False when the operating system refused to write the request (the connection was already reset or closed):
 * none of it, or not all of it, left, and a server acts on no request whose body it did not receive whole.
 * A reset or close that comes after the write may have been the server's answer to the request.
 */
function mayHaveReachedServer(cause: NodeJS.ErrnoException): boolean {
  return cause.code !== 'EPIPE' && cause.syscall !== 'write';
}

/** Whether Graph may receive this request twice without anything happening twice. */
function isRepeatable(url: URL, method: string, body: Uint8Array | undefined): boolean {
  if (SAFE_METHODS.has(method) || IDEMPOTENT_CHANGES.has(method)) return true;
  if (method !== 'POST') return false;
  if (READ_ONLY_ACTION.test(url.pathname)) return true;
  return url.pathname.endsWith('/$batch') && isBatchOfReads(body);
}

function isBatchOfReads(body: Uint8Array | undefined): boolean {
  try {
    const batch = JSON.parse(Buffer.from(body ?? []).toString('utf8')) as { requests?: { method?: unknown }[] };
    return Array.isArray(batch.requests) && batch.requests.every((item) => typeof item.method === 'string' && SAFE_METHODS.has(item.method.toUpperCase()));
  } catch {
    return false;
  }
}

/** Closes the pool's idle connections, so that a request sent again goes out on a new one. */
function closeIdleConnections(agent: http.Agent): void {
  for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
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
