import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

describe('logger redaction', () => {
  const redeem = 'https://login.microsoftonline.com/redeem?rd=https%3a%2f%2finvitations.microsoft.com%2fredeem%2f%3fticket%3dabc';
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJl';

  it('removes secrets, tokens and redeem URLs from fields and from text', () => {
    const { logger, lines } = capture();
    logger.info({ clientSecret: 'hunter2', nested: { redeemUrl: redeem, token: 'abc' }, headers: { authorization: `Bearer ${jwt}` } }, `got ${redeem} and ${jwt}`);
    logger.error({ err: new Error(`failed with Bearer ${jwt} for ${redeem} client_secret=hunter2`) }, 'boom');
    const text = lines.join('\n');
    for (const secret of ['hunter2', 'ticket', jwt, 'invitations.microsoft.com']) assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
    assert.match(text, /\[redacted redeem URL\]/);
    assert.match(text, /\[redacted\]/);
  });

  it('writes one JSON object a line with level names', () => {
    const { logger, lines } = capture();
    logger.warn({ requestId: 'R1' }, 'hello');
    const entry = JSON.parse(lines[0] ?? '{}');
    assert.equal(entry.level, 'warn');
    assert.equal(entry.msg, 'hello');
    assert.equal(entry.requestId, 'R1');
    assert.equal(entry.service, 'guestpass');
  });
});
