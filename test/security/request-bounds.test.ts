import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import sinon from 'sinon';
import { MAX_JSON_BODY_BYTES } from '../../src/http/json-body';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { BotHarness } from '../integration/bot-harness';
import { guardLoopbackOnly } from '../support/network-guard';
import { personalMessage } from '../support/teams-activities';

interface Answer {
  status: number;
  body: string;
}

/** POSTs raw bytes to the messaging endpoint with exactly the headers given (no Content-Length unless given). */
function post(botUrl: string, headers: http.OutgoingHttpHeaders, body: Buffer | Buffer[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(`${botUrl}/api/messages`, { method: 'POST', headers, agent: false }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    // The server may stop reading a refused body and close the connection while the rest is still being sent.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    for (const chunk of Array.isArray(body) ? body : [body]) request.write(chunk);
    request.end();
  });
}

const JSON_UTF8 = 'application/json; charset=utf-8';

/**
 * The messaging endpoint reads at most MAX_JSON_BODY_BYTES of JSON, counted after gzip inflation, and refuses
 * every other content type before reading: no file reaches the temp folder, no gzip bomb is inflated whole, and
 * nothing of a refused request reaches the bot, Graph or the Bot Connector.
 */
describe('request bodies are bounded before authentication', () => {
  let bot: BotHarness;
  let tempFolder: string;
  let originalTmpdir: string | undefined;
  let inflated: number[];
  let adapterProcess: sinon.SinonSpy;
  let graphCallsBefore = 0;

  before(async () => {
    // Pointed at a fresh folder so the test sees anything a body parser would write there.
    originalTmpdir = process.env.TMPDIR;
    tempFolder = mkdtempSync(join(tmpdir(), 'guestpass-uploads-'));
    process.env.TMPDIR = tempFolder;
    bot = await BotHarness.start();
  });
  after(async () => {
    await bot?.stop();
    if (originalTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = originalTmpdir;
    rmSync(tempFolder, { recursive: true, force: true });
  });

  beforeEach(() => {
    // Counts what every gunzip stream in this process inflates: the server's, for the requests below.
    inflated = [];
    const createGunzip = zlib.createGunzip;
    sinon.stub(zlib, 'createGunzip').callsFake((options?: zlib.ZlibOptions) => {
      const gunzip = createGunzip(options);
      const index = inflated.push(0) - 1;
      gunzip.on('data', (chunk: Buffer) => (inflated[index]! += chunk.length));
      return gunzip;
    });
    // The adapter's own entry point: a refused request must never get there (to authentication or the bot).
    adapterProcess = sinon.spy(bot.app.adapter, 'process');
    // Accepted requests before may have asked Graph something (help asks who may act); a refused one asks nothing.
    graphCallsBefore = bot.simulator.requests.length;
  });
  afterEach(() => sinon.restore());

  function message(text = 'help') {
    return personalMessage(text, bot.activityOptions());
  }

  function assertNothingReachedTheBot(before: number): void {
    assert.equal(bot.connector.activities.length, before, 'no reply');
    assert.equal(bot.simulator.requests.length, graphCallsBefore, 'no Graph call');
    assert.equal(adapterProcess.callCount, 0, 'the adapter saw nothing');
  }

  it('accepts an activity sent as application/json; charset=utf-8, as the Bot Connector sends it', async () => {
    const activity = message();
    const body = Buffer.from(JSON.stringify(activity));
    const answer = await post(bot.botUrl, { 'Content-Type': JSON_UTF8, 'Content-Length': body.length }, body);
    assert.equal(answer.status, 200);
    await bot.connector.waitForActivities(1, { conversationId: activity.conversation?.id });
    assert.equal(adapterProcess.callCount, 1, 'an accepted request reaches the adapter, where the refusals below are looked for');
  });

  it('accepts a gzip-encoded activity under the limit, inflating it', async () => {
    const activity = message();
    const body = zlib.gzipSync(JSON.stringify(activity));
    const answer = await post(bot.botUrl, { 'Content-Type': JSON_UTF8, 'Content-Encoding': 'gzip', 'Content-Length': body.length }, body);
    assert.equal(answer.status, 200);
    await bot.connector.waitForActivities(1, { conversationId: activity.conversation?.id });
    assert.ok(inflated.some((bytes) => bytes > 0), 'the server inflated it');
  });

  it('accepts a chunked activity of exactly the limit', async () => {
    const activity = message();
    const json = JSON.stringify(activity);
    const padded = `${json.slice(0, -1)},"padding":"${'x'.repeat(MAX_JSON_BODY_BYTES - json.length - 13)}"}`;
    assert.equal(Buffer.byteLength(padded), MAX_JSON_BODY_BYTES);
    const body = Buffer.from(padded);
    const answer = await post(bot.botUrl, { 'Content-Type': 'application/json' }, [body.subarray(0, 1000), body.subarray(1000)]);
    assert.equal(answer.status, 200);
    await bot.connector.waitForActivities(1, { conversationId: activity.conversation?.id });
  });

  it('refuses a gzip bomb (100 MB of zeros in about 100 KB) with 413, inflating no more than the limit', async () => {
    const before = bot.connector.activities.length;
    const bomb = zlib.gzipSync(Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.alloc(100 * 1024 * 1024, '0')]), { level: 9 });
    assert.ok(bomb.length < MAX_JSON_BODY_BYTES, 'the compressed bytes alone are under the limit');
    sinon.resetHistory();
    const answer = await post(bot.botUrl, { 'Content-Type': JSON_UTF8, 'Content-Encoding': 'gzip', 'Content-Length': bomb.length }, bomb);
    assert.equal(answer.status, 413);
    assert.equal(answer.body, '', 'a status and nothing else');
    const serverInflated = inflated.reduce((sum, bytes) => sum + bytes, 0);
    // zlib hands out 16 KB at a time: the server stops within a chunk or two of the limit.
    assert.ok(serverInflated <= MAX_JSON_BODY_BYTES + 64 * 1024, `inflated ${serverInflated} bytes`);
    assertNothingReachedTheBot(before);
  });

  it('refuses a gzip body that inflates just past the limit with 413', async () => {
    const before = bot.connector.activities.length;
    const activity = { ...message(), text: 'x'.repeat(MAX_JSON_BODY_BYTES) };
    const body = zlib.gzipSync(JSON.stringify(activity));
    const answer = await post(bot.botUrl, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body);
    assert.equal(answer.status, 413);
    assertNothingReachedTheBot(before);
  });

  it('refuses a plain body over the limit with 413, declared or chunked', async () => {
    const before = bot.connector.activities.length;
    const body = Buffer.from(JSON.stringify({ ...message(), text: 'x'.repeat(MAX_JSON_BODY_BYTES) }));
    const declared = await post(bot.botUrl, { 'Content-Type': 'application/json', 'Content-Length': body.length }, body);
    assert.equal(declared.status, 413);
    const chunked = await post(bot.botUrl, { 'Content-Type': 'application/json' }, [body.subarray(0, 1000), body.subarray(1000)]);
    assert.equal(chunked.status, 413);
    assertNothingReachedTheBot(before);
  });

  it('refuses multipart/form-data with 415 and writes nothing to the temp folder', async () => {
    const before = bot.connector.activities.length;
    const boundary = 'guestpass-boundary';
    const body = Buffer.from(
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="activity"; filename="activity.json"',
        'Content-Type: application/json',
        '',
        JSON.stringify(message()),
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
    const answer = await post(bot.botUrl, { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': body.length }, body);
    assert.deepEqual(readdirSync(tempFolder), [], 'nothing written to the temp folder');
    assert.equal(answer.status, 415);
    assert.equal(answer.body, '');
    assertNothingReachedTheBot(before);
  });

  const otherTypes: [string, http.OutgoingHttpHeaders][] = [
    ['text/plain', { 'Content-Type': 'text/plain' }],
    ['application/x-www-form-urlencoded', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['application/octet-stream', { 'Content-Type': 'application/octet-stream' }],
    ['no Content-Type', {}],
    ['JSON in another charset', { 'Content-Type': 'application/json; charset=iso-8859-1' }],
    ['a +json type', { 'Content-Type': 'application/activity+json' }],
  ];
  for (const [what, headers] of otherTypes) {
    it(`refuses ${what} with 415`, async () => {
      const before = bot.connector.activities.length;
      const body = Buffer.from(JSON.stringify(message()));
      const answer = await post(bot.botUrl, { ...headers, 'Content-Length': body.length }, body);
      assert.equal(answer.status, 415);
      assert.equal(answer.body, '');
      assertNothingReachedTheBot(before);
    });
  }

  it('refuses content codings other than gzip with 415', async () => {
    const before = bot.connector.activities.length;
    for (const [encoding, body] of [
      ['br', zlib.brotliCompressSync(JSON.stringify(message()))],
      ['deflate', zlib.deflateSync(JSON.stringify(message()))],
      ['gzip, gzip', zlib.gzipSync(zlib.gzipSync(JSON.stringify(message())))],
    ] as const) {
      const answer = await post(bot.botUrl, { 'Content-Type': 'application/json', 'Content-Encoding': encoding, 'Content-Length': body.length }, body);
      assert.equal(answer.status, 415, encoding);
    }
    assertNothingReachedTheBot(before);
  });

  it('refuses an activity nested deeper than any genuine one with a bare 400, and lets ordinary nesting through', async () => {
    const before = bot.connector.activities.length;
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const withChannelData = (activity: object, channelData: string) => Buffer.from(JSON.stringify(activity).replace(/}$/, `,"channelData":${channelData}}`));
    const deep = withChannelData({ ...personalMessage('help', bot.activityOptions({ conversationId: 'a:deep' })), channelData: undefined }, nested(5000));
    assert.deepEqual(await post(bot.botUrl, { 'Content-Type': 'application/json', 'Content-Length': deep.length }, deep), { status: 400, body: '' });
    assertNothingReachedTheBot(before);

    // Brackets inside strings are text, not nesting.
    const text = `help ${'[{'.repeat(200)}`;
    const ordinary = withChannelData({ ...personalMessage(text, bot.activityOptions({ conversationId: 'a:ordinary' })), channelData: undefined }, `{"card":${nested(30)}}`);
    const accepted = await post(bot.botUrl, { 'Content-Type': 'application/json', 'Content-Length': ordinary.length }, ordinary);
    assert.equal(accepted.status, 200);
    await bot.connector.waitForActivities(1, { conversationId: 'a:ordinary' });
  });

  it('refuses JSON that does not parse, and gzip that does not inflate, with a bare 400', async () => {
    const before = bot.connector.activities.length;
    const broken = Buffer.from('{"type":"message",');
    const notJson = await post(bot.botUrl, { 'Content-Type': 'application/json', 'Content-Length': broken.length }, broken);
    assert.deepEqual(notJson, { status: 400, body: '' });
    const notGzip = await post(bot.botUrl, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': broken.length }, broken);
    assert.deepEqual(notGzip, { status: 400, body: '' });
    assertNothingReachedTheBot(before);
  });
});

describe('request bodies are bounded before a bot identity is checked', () => {
  it('answers 413 and 415 rather than 401, without calling anyone', async () => {
    const bot = await BotHarness.start({
      env: {
        MicrosoftAppId: '0b07b07b-0000-4000-8000-00000000b07e',
        MicrosoftAppPassword: 'bot-app-password-for-bounds-tests',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: SANDBOX_IDS.tenant,
      },
    });
    const guard = guardLoopbackOnly();
    try {
      const bomb = zlib.gzipSync(Buffer.alloc(10 * 1024 * 1024, ' '));
      const tooLarge = await post(bot.botUrl, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', Authorization: 'Bearer a.b.c' }, bomb);
      assert.equal(tooLarge.status, 413);
      const form = await post(bot.botUrl, { 'Content-Type': 'application/x-www-form-urlencoded' }, Buffer.from('a=b'));
      assert.equal(form.status, 415);
      // Nobody is authenticated yet: a malformed activity is told so, not what the bot expects where.
      const probe = Buffer.from(JSON.stringify({ type: 'message', serviceUrl: 'ftp://x', from: {} }));
      const malformed = await post(bot.botUrl, { 'Content-Type': 'application/json', 'Content-Length': probe.length }, probe);
      assert.deepEqual(malformed, { status: 400, body: JSON.stringify({ error: 'malformed activity' }) });
      const port = new URL(bot.botUrl).port;
      assert.deepEqual(guard.attempts.filter((target) => target !== `127.0.0.1:${port}`), [], 'no signing keys fetched, nobody called');
      assert.equal(bot.connector.activities.length, 0);
    } finally {
      guard.restore();
      await bot.stop();
    }
  });
});
