import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { Client, GraphError, RedirectHandler, RedirectHandlerOptions, type Context, type FetchOptions } from '@microsoft/microsoft-graph-client';
import sinon from 'sinon';
import { CallDeadline } from '../../src/graph/call-deadline';
import { GraphConnection } from '../../src/graph/graph-client';
import { toDirectoryError } from '../../src/graph/graph-errors';
import { NodeHttpHandler } from '../../src/graph/node-http-handler';
import { testServerTls } from '../support/tls';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

type Answer = (request: http.IncomingMessage, response: http.ServerResponse) => void;

interface TestServer {
  url: string;
  received: Received[];
  connections: number;
  /** One promise per accepted connection, settled when its socket closes. */
  socketClosed: Promise<void>[];
  /** Resets every open connection at once (TCP RST), as a server dropping its idle keep-alive connections does. */
  resetConnections(): void;
  close(): Promise<void>;
}

const servers: TestServer[] = [];

async function listen(protocol: 'http' | 'https', answer: Answer): Promise<TestServer> {
  const sockets: net.Socket[] = [];
  const onRequest = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      state.received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      answer(request, response);
    });
  };
  const server = protocol === 'https' ? https.createServer(testServerTls(), onRequest) : http.createServer(onRequest);
  server.on('connection', (socket: net.Socket) => {
    sockets.push(socket);
    state.connections += 1;
    state.socketClosed.push(new Promise((resolve) => socket.once('close', () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const state: TestServer = {
    url: `${protocol}://127.0.0.1:${port}`,
    received: [],
    connections: 0,
    socketClosed: [],
    resetConnections: () => {
      for (const socket of sockets) if (!socket.destroyed) socket.resetAndDestroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(state);
  return state;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function send(url: string, options: FetchOptions = {}, deadline?: CallDeadline, handler = new NodeHttpHandler()): Promise<Response> {
  // The SDK hands a request's middleware options down in a MiddlewareControl (not exported): the part the handler reads.
  const middlewareControl = { getMiddlewareOptions: (kind: unknown) => (kind === CallDeadline ? deadline : undefined) } as unknown as Context['middlewareControl'];
  const context: Context = { request: url, options, ...(deadline ? { middlewareControl } : {}) };
  await handler.execute(context);
  assert.ok(context.response instanceof Response, 'the handler set context.response');
  return context.response;
}

function json(status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): Answer {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

describe('NodeHttpHandler', () => {
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  const headerForms: [string, RequestInit['headers']][] = [
    ['a plain object', { Authorization: 'Bearer token-1', 'client-request-id': 'req-1' }],
    ['a Headers', new Headers({ Authorization: 'Bearer token-1', 'client-request-id': 'req-1' })],
    ['pairs', [['Authorization', 'Bearer token-1'], ['client-request-id', 'req-1']]],
  ];
  for (const [form, headers] of headerForms) {
    it(`GETs over https with headers given as ${form}, answering status, repeated headers and a JSON body`, async () => {
      const server = await listen('https', json(200, { value: [{ id: 'u1', displayName: 'Ayşe' }] }, { 'x-ms-test': ['one', 'two'], 'request-id': 'graph-42' }));
      const response = await send(`${server.url}/v1.0/users?$top=1`, { method: 'GET', headers });
      assert.equal(response.status, 200);
      assert.equal(response.statusText, 'OK');
      assert.equal(response.headers.get('x-ms-test'), 'one, two');
      assert.equal(response.headers.get('request-id'), 'graph-42');
      assert.deepEqual(await response.json(), { value: [{ id: 'u1', displayName: 'Ayşe' }] });
      assert.equal(server.received.length, 1);
      const [received] = server.received;
      assert.deepEqual([received!.method, received!.url], ['GET', '/v1.0/users?$top=1']);
      assert.equal(received!.headers.authorization, 'Bearer token-1');
      assert.equal(received!.headers['client-request-id'], 'req-1');
    });
  }

  it('POSTs a string body in UTF-8 with its byte length, overriding a wrong content-length', async () => {
    const server = await listen('http', json(201, { id: 'new' }));
    const body = JSON.stringify({ invitedUserDisplayName: 'Ayşe Yılmaz' });
    assert.notEqual(Buffer.byteLength(body), body.length);
    const response = await send(`${server.url}/v1.0/invitations`, { method: 'post', body, headers: { 'Content-Type': 'application/json', 'Content-Length': '1' } });
    assert.equal(response.status, 201);
    const [received] = server.received;
    assert.equal(received!.method, 'POST');
    assert.equal(received!.headers['content-length'], String(Buffer.byteLength(body)));
    assert.equal(received!.headers['content-type'], 'application/json');
    assert.equal(received!.body.toString('utf8'), body);
  });

  it('sends a Uint8Array body byte for byte', async () => {
    const server = await listen('http', json(200, {}));
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await send(`${server.url}/v1.0/x`, { method: 'PATCH', body: bytes });
    assert.deepEqual([...server.received[0]!.body], [...bytes]);
    assert.equal(server.received[0]!.headers['content-length'], '5');
  });

  it('answers a 204 and a HEAD with a null body', async () => {
    const server = await listen('http', (request, response) => {
      response.writeHead(request.method === 'HEAD' ? 200 : 204, { 'content-length': request.method === 'HEAD' ? '10' : '0' });
      response.end();
    });
    const noContent = await send(`${server.url}/v1.0/groups/g/members/$ref`, { method: 'DELETE' });
    assert.equal(noContent.status, 204);
    assert.equal(noContent.body, null);
    assert.equal(await noContent.text(), '');
    const head = await send(`${server.url}/v1.0/x`, { method: 'head' });
    assert.deepEqual([head.status, head.body, head.headers.get('content-length')], [200, null, '10']);
  });

  it('returns a 429 as a response with Retry-After and its body, not as an error', async () => {
    const server = await listen('http', json(429, { error: { code: 'TooManyRequests' } }, { 'retry-after': '7' }));
    const response = await send(`${server.url}/v1.0/users`);
    assert.deepEqual([response.status, response.ok], [429, false]);
    assert.equal(response.headers.get('retry-after'), '7');
    assert.deepEqual(await response.json(), { error: { code: 'TooManyRequests' } });
  });

  it('rejects a refused connection with a TypeError caused by the socket error, which maps to unavailable', async () => {
    const port = await freePort();
    const error = await send(`http://127.0.0.1:${port}/v1.0/users`).then(
      () => assert.fail('expected a rejection'),
      (reason: unknown) => reason,
    );
    assert.ok(error instanceof TypeError);
    assert.equal((error.cause as NodeJS.ErrnoException | undefined)?.code, 'ECONNREFUSED');
    assert.equal(toDirectoryError(error, 'lookup').kind, 'unavailable');
  });

  it('rejects with a TimeoutError when the signal times out, closing the socket', async () => {
    const server = await listen('http', () => undefined);
    const started = Date.now();
    await assert.rejects(send(`${server.url}/v1.0/users`, { signal: AbortSignal.timeout(50) }), (error: Error) => {
      assert.equal(error.name, 'TimeoutError');
      assert.equal(toDirectoryError(error, 'lookup').kind, 'unavailable');
      return true;
    });
    assert.ok(Date.now() - started < 5000, 'gave up without waiting for the server');
    assert.equal(server.connections, 1);
    await Promise.race([server.socketClosed[0], delay(2000).then(() => assert.fail('the socket is still open'))]);
  });

  it('rejects with the timeout when the body stops halfway', async () => {
    const server = await listen('http', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"value":[');
    });
    await assert.rejects(send(`${server.url}/v1.0/users`, { signal: AbortSignal.timeout(100) }), { name: 'TimeoutError' });
  });

  it('rejects a body cut short by the server as unavailable, not as a truncated response', async () => {
    const server = await listen('http', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"value":[', () => response.socket?.destroy());
    });
    await assert.rejects(send(`${server.url}/v1.0/users`), (error: unknown) => error instanceof TypeError && toDirectoryError(error, 'lookup').kind === 'unavailable');
  });

  it('rejects a status no Response can hold as unavailable instead of throwing in a socket callback', async () => {
    const raw = net.createServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 600 Weird\r\ncontent-length: 2\r\n\r\n{}')));
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = raw.address() as net.AddressInfo;
      await assert.rejects(
        send(`http://127.0.0.1:${port}/v1.0/users`, { signal: AbortSignal.timeout(5000) }),
        (error: unknown) => error instanceof TypeError && error.cause instanceof RangeError && toDirectoryError(error, 'lookup').kind === 'unavailable',
      );
    } finally {
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    }
  });

  it('rejects at once with the reason of an already-aborted signal, sending nothing', async () => {
    const server = await listen('http', json(200, {}));
    const signal = AbortSignal.abort();
    await assert.rejects(send(`${server.url}/v1.0/users`, { signal }), (error: unknown) => error === signal.reason && (error as Error).name === 'AbortError');
    await delay(100);
    assert.equal(server.connections, 0);
  });

  it('fails a request Node will not write (a line break in a header) as unavailable, with the cause', async () => {
    const server = await listen('http', json(200, {}));
    await assert.rejects(send(`${server.url}/v1.0/users`, { headers: { 'x-bad': 'a\r\nb' } }), (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.equal((error.cause as NodeJS.ErrnoException | undefined)?.code, 'ERR_INVALID_CHAR');
      assert.equal(toDirectoryError(error, 'lookup').kind, 'unavailable');
      return true;
    });
    assert.equal(server.received.length, 0);
  });

  it('refuses a stream body and a non-http protocol with a TypeError, sending nothing', async () => {
    const server = await listen('http', json(200, {}));
    const stream = new ReadableStream({ start: (controller) => controller.close() });
    await assert.rejects(send(`${server.url}/v1.0/x`, { method: 'POST', body: stream }), (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.match(error.message, /unsupported type.*ReadableStream/);
      return true;
    });
    await assert.rejects(send('ftp://127.0.0.1/v1.0/x'), (error: unknown) => error instanceof TypeError && /unsupported protocol: ftp:/.test(error.message));
    await delay(50);
    assert.equal(server.connections, 0);
  });

  describe('on a keep-alive connection the server has closed', () => {
    /** Answers the first request of each connection; drops the connection when a later one arrives on it, unread. */
    function closingOnReuse(answer: Answer): Answer {
      const served = new WeakSet<net.Socket>();
      return (request, response) => {
        if (served.has(request.socket)) return request.socket.destroy();
        served.add(request.socket);
        answer(request, response);
      };
    }

    it('sends a lookup (GET) once more, on a new connection, when the reused connection is dropped', async () => {
      const server = await listen('https', closingOnReuse(json(200, { value: [] })));
      await send(`${server.url}/v1.0/users?$filter=mail eq 'a@tailspin.com'`);
      const response = await send(`${server.url}/v1.0/users?$filter=mail eq 'b@tailspin.com'`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { value: [] });
      assert.equal(server.connections, 2);
      assert.deepEqual(
        server.received.map((request) => request.url),
        ['/v1.0/users?$filter=mail%20eq%20%27a@tailspin.com%27', ...Array(2).fill('/v1.0/users?$filter=mail%20eq%20%27b@tailspin.com%27')],
      );
    });

    it('sends a JSON batch of lookups once more, but not a batch that changes something', async () => {
      const server = await listen('http', closingOnReuse(json(200, { responses: [] })));
      const batch = (method: string) => JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/users/u1' }, { id: '2', method, url: '/users/u2' }] });
      await send(`${server.url}/v1.0/$batch`, { method: 'POST', body: batch('GET') });
      assert.equal((await send(`${server.url}/v1.0/$batch`, { method: 'POST', body: batch('GET') })).status, 200);
      assert.equal(server.received.length, 3);
      await assert.rejects(send(`${server.url}/v1.0/$batch`, { method: 'POST', body: batch('DELETE') }), (error: unknown) => error instanceof TypeError);
      assert.equal(server.received.length, 4, 'the batch with a DELETE went out once');
    });

    it('sends a PATCH or DELETE of a user once more (the same change twice is one), but not a sponsor reference (POST)', async () => {
      const server = await listen('http', closingOnReuse((_request, response) => {
        response.writeHead(204);
        response.end();
      }));
      await send(`${server.url}/v1.0/users?$top=1`);
      assert.equal((await send(`${server.url}/v1.0/users/u1`, { method: 'PATCH', body: '{"accountEnabled":false}' })).status, 204);
      assert.equal((await send(`${server.url}/v1.0/users/u1`, { method: 'DELETE' })).status, 204);
      await assert.rejects(
        send(`${server.url}/v1.0/users/u1/sponsors/$ref`, { method: 'POST', body: '{"@odata.id":"https://graph.microsoft.com/v1.0/users/s1"}' }),
        (error: unknown) => error instanceof TypeError,
      );
      assert.deepEqual(
        server.received.map((request) => request.method),
        ['GET', 'PATCH', 'PATCH', 'DELETE', 'DELETE', 'POST'],
      );
    });

    it('does not send an invitation (POST) again once it was written: it may have reached Graph', async () => {
      const server = await listen('https', closingOnReuse(json(201, { id: 'invitation-1' })));
      await send(`${server.url}/v1.0/users?$top=1`);
      const error = await send(`${server.url}/v1.0/invitations`, { method: 'POST', body: '{"invitedUserEmailAddress":"a@tailspin.com"}' }).then(
        () => assert.fail('expected a rejection'),
        (reason: unknown) => reason,
      );
      assert.ok(error instanceof TypeError);
      assert.equal((error.cause as NodeJS.ErrnoException | undefined)?.code, 'ECONNRESET');
      assert.equal(toDirectoryError(error, 'invite').kind, 'unavailable');
      assert.deepEqual(server.received.map((request) => request.method), ['GET', 'POST']);
      assert.equal(server.connections, 1);
    });

    it('sends an invitation on a new connection when the reused one was reset before any byte of it was written', async () => {
      const server = await listen('http', json(201, { id: 'invitation-1' }));
      await send(`${server.url}/v1.0/users?$top=1`);
      // The reset reaches the client's socket before its event loop has seen it, as when the loop lags under load.
      server.resetConnections();
      const waitUntil = Date.now() + 50;
      while (Date.now() < waitUntil) {
        // Busy: the client learns of the reset only when it writes.
      }
      const response = await send(`${server.url}/v1.0/invitations`, { method: 'POST', body: '{"invitedUserEmailAddress":"a@tailspin.com"}' });
      assert.equal(response.status, 201);
      assert.deepEqual(server.received.map((request) => request.method), ['GET', 'POST']);
      assert.equal(server.connections, 2);
    });

    it('sends a lookup at most twice, and never again after a new connection is dropped', async () => {
      let answered = 0;
      const server = await listen('http', (request, response) => (answered++ === 0 ? json(200, { value: [] })(request, response) : request.socket.destroy()));
      await send(`${server.url}/v1.0/users`);
      await assert.rejects(send(`${server.url}/v1.0/users`), (error: unknown) => error instanceof TypeError && toDirectoryError(error, 'lookup').kind === 'unavailable');
      assert.equal(server.received.length, 3, 'the first lookup, the second on the reused connection and once more on a new one');
      assert.equal(server.connections, 2);
    });

    it('closes an idle connection before the time the server announced in Keep-Alive', async () => {
      const raw = net.createServer((socket) =>
        socket.on('data', () => socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: keep-alive\r\nkeep-alive: timeout=2\r\n\r\n{}')),
      );
      const opened: net.Socket[] = [];
      const closed = new Promise<void>((resolve) =>
        raw.once('connection', (socket: net.Socket) => {
          opened.push(socket);
          socket.once('close', () => resolve());
        }),
      );
      await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = raw.address() as net.AddressInfo;
        assert.equal((await send(`http://127.0.0.1:${port}/v1.0/users`)).status, 200);
        // The server never closes it; only the client can, and it must before the announced 2 s run out.
        await Promise.race([closed, delay(10_000).then(() => assert.fail('the idle connection was kept past the server\'s Keep-Alive timeout'))]);
      } finally {
        for (const socket of opened) socket.destroy();
        await new Promise<void>((resolve) => raw.close(() => resolve()));
      }
    });
  });

  describe("with the call's deadline (CallDeadline)", () => {
    it('gives up when it passes with a TimeoutError, closing the socket', async () => {
      const server = await listen('http', () => undefined);
      const started = Date.now();
      await assert.rejects(send(`${server.url}/v1.0/users`, {}, CallDeadline.after(50)), (error: Error) => {
        assert.equal(error.name, 'TimeoutError');
        assert.equal(toDirectoryError(error, 'lookup').kind, 'unavailable');
        return true;
      });
      assert.ok(Date.now() - started < 5000, 'gave up without waiting for the server');
      await Promise.race([server.socketClosed[0], delay(2000).then(() => assert.fail('the socket is still open'))]);
    });

    it('gives up when the body stops halfway', async () => {
      const server = await listen('http', (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        response.write('{"value":[');
      });
      await assert.rejects(send(`${server.url}/v1.0/users`, {}, CallDeadline.after(100)), { name: 'TimeoutError' });
    });

    it('sends nothing once it has passed', async () => {
      const server = await listen('http', json(200, { value: [] }));
      const passed = CallDeadline.after(0);
      await delay(5);
      await assert.rejects(send(`${server.url}/v1.0/users`, {}, passed), { name: 'TimeoutError' });
      assert.equal(server.received.length, 0);
    });

    it('leaves no timer behind once the answer is in, or the attempt failed', async () => {
      const answering = await listen('http', json(200, { value: [] }));
      const cutShort = await listen('http', (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        response.write('{"value":[', () => response.socket?.destroy());
      });
      const silent = await listen('http', () => undefined);
      const refused = `http://127.0.0.1:${await freePort()}`;
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const answered = await send(`${answering.url}/v1.0/users`, {}, CallDeadline.after(60_000));
        assert.equal(answered.status, 200);
        assert.equal(clock.countTimers(), 0, 'after an answer');
        await assert.rejects(send(`${cutShort.url}/v1.0/users`, {}, CallDeadline.after(60_000)), TypeError);
        assert.equal(clock.countTimers(), 0, 'after a body cut short');
        await assert.rejects(send(`${refused}/v1.0/users`, {}, CallDeadline.after(60_000)), TypeError);
        assert.equal(clock.countTimers(), 0, 'after a refused connection');
        const abort = new AbortController();
        const pending = send(`${silent.url}/v1.0/users`, { signal: abort.signal }, CallDeadline.after(60_000));
        // setImmediate: the faked clock holds every timer, the promise-based delay's included.
        while (silent.received.length === 0) await new Promise((resolve) => setImmediate(resolve));
        abort.abort(new Error('stopped'));
        await assert.rejects(pending, /stopped/);
        assert.equal(clock.countTimers(), 0, 'after an abort');
      } finally {
        clock.restore();
      }
    });

    it("bounds a call that came without one by the handler's own time-out", async () => {
      const server = await listen('http', () => undefined);
      await assert.rejects(send(`${server.url}/v1.0/users`, {}, undefined, new NodeHttpHandler(50)), { name: 'TimeoutError' });
      // A deadline given with the call comes first.
      await assert.rejects(send(`${server.url}/v1.0/users`, {}, CallDeadline.after(50), new NodeHttpHandler(60_000)), { name: 'TimeoutError' });
    });

    it('follows a redirect within the same deadline', async () => {
      const server = await listen('http', (request, response) => {
        if (request.url === '/v1.0/moved') {
          response.writeHead(302, { location: `${server.url}/v1.0/silent` });
          response.end();
        }
      });
      const client = Client.initWithMiddleware({ baseUrl: server.url, middleware: [new RedirectHandler(new RedirectHandlerOptions()), new NodeHttpHandler()] });
      const started = Date.now();
      await assert.rejects(client.api('/moved').middlewareOptions([CallDeadline.after(200)]).get(), (error: unknown) => error instanceof GraphError && error.code === 'TimeoutError');
      assert.ok(Date.now() - started < 5000);
      assert.deepEqual(server.received.map((request) => request.url), ['/v1.0/moved', '/v1.0/silent']);
    });

    it('spans the whole call through the SDK: an attempt after a retry gets what is left, and none when nothing is', async () => {
      const server = await listen('http', json(429, { error: { code: 'TooManyRequests', message: 'Slow down.' } }, { 'retry-after': '1' }));
      const graph = new GraphConnection({ baseUrl: server.url, timeoutSeconds: 0.5, maxRetries: 3 });
      await assert.rejects(graph.api('/users').get(), (error: unknown) => {
        // The SDK wraps what the last link threw in a GraphError whose code is the error's name.
        assert.ok(error instanceof GraphError);
        assert.equal(error.code, 'TimeoutError');
        assert.equal(toDirectoryError(error, 'lookup').kind, 'unavailable');
        return true;
      });
      // The retry handler waited the second Graph asked for; by then the half second was spent, so nothing went out.
      assert.equal(server.received.length, 1);
    });

    it('is set on every call a GraphConnection makes, and its handler bounds one that lost it', async () => {
      const server = await listen('http', () => undefined);
      const graph = new GraphConnection({ baseUrl: server.url, timeoutSeconds: 0.2, maxRetries: 0 });
      const started = Date.now();
      await assert.rejects(graph.api('/users').get(), (error: unknown) => error instanceof GraphError && error.code === 'TimeoutError');
      assert.ok(Date.now() - started < 5000, 'gave up at the deadline, not at a socket time-out');
      // A caller setting middleware options of its own replaces the SDK's list, deadline included: still bounded.
      await assert.rejects(graph.api('/users').middlewareOptions([]).get(), (error: unknown) => error instanceof GraphError && error.code === 'TimeoutError');
    });
  });

  describe('as the last link of a Graph client', () => {
    let server: TestServer;
    let client: Client;

    beforeEach(async () => {
      server = await listen('http', (request, response) => {
        if (request.url === '/v1.0/x') return json(200, { id: 'x1', displayName: 'Ayşe' })(request, response);
        json(404, { error: { code: 'Request_ResourceNotFound', message: 'Resource does not exist.' } }, { 'request-id': 'req-404' })(request, response);
      });
      client = Client.initWithMiddleware({ baseUrl: server.url, middleware: [new NodeHttpHandler()] });
    });

    it('parses a JSON answer on the versioned path', async () => {
      assert.deepEqual(await client.api('/x').get(), { id: 'x1', displayName: 'Ayşe' });
      assert.deepEqual(server.received.map((request) => `${request.method} ${request.url}`), ['GET /v1.0/x']);
    });

    it('turns a 404 Graph error envelope into a GraphError with its code and status', async () => {
      await assert.rejects(client.api('/users/missing').get(), (error: unknown) => {
        assert.ok(error instanceof GraphError);
        assert.deepEqual([error.code, error.statusCode], ['Request_ResourceNotFound', 404]);
        assert.equal(toDirectoryError(error, 'lookup').kind, 'notFound');
        return true;
      });
    });
  });
});
