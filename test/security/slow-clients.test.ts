import assert from 'node:assert/strict';
import * as net from 'node:net';
import { loadConfig } from '../../src/config';
import { ConfigurationError } from '../../src/config/load-config';
import { BotHarness } from '../integration/bot-harness';
import { personalMessage } from '../support/teams-activities';

interface Trickle {
  /** Whether the server closed the connection before the client had sent everything. */
  cut: boolean;
  /** What the server answered before closing, if anything. */
  answer: string;
}

/**
 * Opens a raw connection, sends `head` at once, then each of `drip` one after another `everyMs` apart, and reports
 * whether the server closed the connection before the last one was due. With nothing to drip, waits as long as
 * dripping twenty pieces would take.
 */
function trickle(botUrl: string, head: string, drip: string[], everyMs = 250): Promise<Trickle> {
  const { hostname, port } = new URL(botUrl);
  const pieces = drip.length > 0 ? drip : Array.from({ length: 20 }, () => '');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ cut: sent < pieces.length, answer });
    });
    const next = () => {
      if (sent === pieces.length) {
        socket.destroy();
        return;
      }
      const piece = pieces[sent++]!;
      if (piece !== '' && !socket.destroyed) socket.write(piece);
      timer = setTimeout(next, everyMs);
    };
    socket.once('connect', () => {
      if (head !== '') socket.write(head);
      timer = setTimeout(next, everyMs);
    });
    socket.once('error', reject);
  });
}

/** A whole HTTP/1.1 request carrying `activity`, as one string. */
function requestOf(host: string, activity: unknown): string {
  const body = JSON.stringify(activity);
  return (
    `POST /api/messages HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** Sends `requests` one after another on one connection; resolves with each answer's status line. */
function onOneConnection(botUrl: string, requests: string[]): Promise<string[]> {
  const { hostname, port } = new URL(botUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const statuses: string[] = [];
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      // Each answer here is a short JSON or empty body with Content-Length: split on status lines.
      const found = buffered.match(/HTTP\/1\.1 \d{3}/g) ?? [];
      while (statuses.length < found.length) {
        statuses.push(found[statuses.length]!);
        if (statuses.length < requests.length) socket.write(requests[statuses.length]!);
        else {
          socket.end();
          resolve(statuses);
        }
      }
    });
    socket.once('connect', () => socket.write(requests[0]!));
  });
}

/**
 * A client that sends slowly is cut by the server's own deadlines (HTTP_HEADERS_TIMEOUT_SECONDS,
 * HTTP_REQUEST_TIMEOUT_SECONDS), which default to well under a minute; set to one and two seconds here.
 * A turn that takes longer than those is still answered: the deadlines are for receiving the request.
 */
describe('slow clients are cut by the server', function () {
  this.timeout(20_000);
  let bot: BotHarness;

  before(async () => {
    bot = await BotHarness.start({
      env: {
        HTTP_HEADERS_TIMEOUT_SECONDS: '1',
        HTTP_REQUEST_TIMEOUT_SECONDS: '2',
        HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '5',
        GRAPH_TIMEOUT_SECONDS: '3',
      },
    });
  });
  after(() => bot?.stop());

  it('closes a connection whose headers arrive a line at a time (slowloris), with 408', async () => {
    const lines = Array.from({ length: 20 }, (_, index) => `X-Slow-${index}: ${'a'.repeat(10)}\r\n`);
    const result = await trickle(bot.botUrl, 'POST /api/messages HTTP/1.1\r\nHost: guestpass\r\n', lines);
    assert.ok(result.cut, 'the server closed the connection while headers were still coming');
    assert.match(result.answer, /^HTTP\/1\.1 408 /);
  });

  it('closes a connection that never sends anything', async () => {
    const result = await trickle(bot.botUrl, '', []);
    assert.ok(result.cut, 'the server closed the silent connection');
  });

  it('closes a connection whose body arrives a byte at a time', async () => {
    const body = JSON.stringify(personalMessage('help', bot.activityOptions()));
    const head = `POST /api/messages HTTP/1.1\r\nHost: guestpass\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const result = await trickle(bot.botUrl, head, body.slice(0, 20).split(''));
    assert.ok(result.cut, 'the server closed the connection while the body was still coming');
    assert.equal(bot.connector.activities.length, 0, 'the half-sent activity reached nobody');
  });

  it('answers requests sent at once, two on one kept-alive connection', async () => {
    const host = new URL(bot.botUrl).host;
    const first = personalMessage('help', bot.activityOptions());
    const second = personalMessage('help', bot.activityOptions());
    assert.deepEqual(await onOneConnection(bot.botUrl, [requestOf(host, first), requestOf(host, second)]), ['HTTP/1.1 200', 'HTTP/1.1 200']);
    await bot.connector.waitForActivities(1, { conversationId: second.conversation?.id });
  });

  it('answers a turn that takes longer than the request deadline (Graph hangs until its own timeout)', async () => {
    bot.simulator.enqueueFault({ method: 'POST', pathPrefix: '/v1.0/invitations' }, { kind: 'hang' });
    const activity = personalMessage('invite slow@tailspin.com', bot.activityOptions());
    const response = await bot.send(activity);
    assert.equal(response.status, 200);
    await bot.connector.waitForActivities(1, { conversationId: activity.conversation?.id });
  });
});

describe('the HTTP deadlines', () => {
  it('default to cutting slow clients within a minute and outliving Azure load balancers’ idle connections', async () => {
    const bot = await BotHarness.start();
    try {
      const { headersTimeout, requestTimeout, keepAliveTimeout } = bot.app.server.server;
      assert.equal(headersTimeout, 20_000);
      assert.equal(requestTimeout, 30_000);
      assert.equal(keepAliveTimeout, 245_000);
    } finally {
      await bot.stop();
    }
  });

  it('refuses deadlines past a minute, or headers allowed longer than the whole request', () => {
    assert.throws(() => loadConfig({ HTTP_REQUEST_TIMEOUT_SECONDS: '61' }), /HTTP_REQUEST_TIMEOUT_SECONDS/);
    assert.throws(() => loadConfig({ HTTP_HEADERS_TIMEOUT_SECONDS: '0' }), /HTTP_HEADERS_TIMEOUT_SECONDS/);
    assert.throws(
      () => loadConfig({ HTTP_HEADERS_TIMEOUT_SECONDS: '40', HTTP_REQUEST_TIMEOUT_SECONDS: '30' }),
      (error: unknown) => error instanceof ConfigurationError && /must not exceed HTTP_REQUEST_TIMEOUT_SECONDS/.test(error.message),
    );
    assert.deepEqual(loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '620' }).httpTimeouts, {
      headersSeconds: 20,
      requestSeconds: 30,
      keepAliveSeconds: 620,
    });
  });
});
