import assert from 'node:assert/strict';
import { AuthenticationError } from 'botframework-connector';
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';
import { boundSigningKeyDownloads } from '../../src/teams/signing-keys';
import { FakeBotFrameworkChannel } from '../support/fake-bot-framework-channel';

/** The SDK's own path to a signing key: the JwtTokenExtractor it builds per request, with its cached metadata. */
function sdkMetadataFor(url: string) {
  return new JwtTokenExtractor({ issuer: ['https://api.botframework.com'] }, url, ['RS256']).openIdMetadata;
}

describe('the download of the channel\'s signing keys', () => {
  let channel: FakeBotFrameworkChannel;

  beforeEach(async () => {
    channel = new FakeBotFrameworkChannel('0c9d1a2b-1111-4222-8333-444455556666');
    await channel.start();
  });
  afterEach(() => channel.stop());

  it('finds a published key and its endorsements through the SDK, downloading once for concurrent turns', async () => {
    boundSigningKeyDownloads([channel.metadataUrl], 5000);
    const metadata = sdkMetadataFor(channel.metadataUrl);
    const [teams, unendorsed, unknown] = await Promise.all([
      metadata.getKey(channel.keyId('teams')),
      metadata.getKey(channel.keyId('unendorsed')),
      metadata.getKey('no-such-key'),
    ]);
    assert.deepEqual(teams?.endorsements, ['msteams', 'webchat']);
    assert.match(teams?.key ?? '', /^-----BEGIN RSA PUBLIC KEY-----/);
    assert.deepEqual(unendorsed?.endorsements, ['skype']);
    assert.equal(unknown, null);
    assert.deepEqual(channel.requests, ['/v1/.well-known/openidconfiguration', '/v1/.well-known/keys']);
  });

  it('gives up on a metadata host that never answers, with an authentication error, for every waiting turn', async () => {
    channel.hangMetadata = true;
    boundSigningKeyDownloads([channel.metadataUrl], 300);
    const metadata = sdkMetadataFor(channel.metadataUrl);
    const outcomes = await Promise.allSettled([metadata.getKey(channel.keyId('teams')), metadata.getKey(channel.keyId('teams'))]);
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected');
      const error = (outcome as PromiseRejectedResult).reason as Error;
      assert.ok(error instanceof AuthenticationError, `an AuthenticationError (answered 401), got ${String(error)}`);
      assert.match(error.message, /no answer within 300 ms/);
    }
    assert.equal(channel.requests.length, 1, 'one download shared by both turns');
  });

  it('tries again on the next turn once the host answers', async () => {
    channel.hangMetadata = true;
    boundSigningKeyDownloads([channel.metadataUrl], 300);
    const metadata = sdkMetadataFor(channel.metadataUrl);
    await assert.rejects(metadata.getKey(channel.keyId('teams')), AuthenticationError);
    channel.hangMetadata = false;
    assert.deepEqual((await metadata.getKey(channel.keyId('teams')))?.endorsements, ['msteams', 'webchat']);
  });
});
