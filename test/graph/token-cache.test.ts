import assert from 'node:assert/strict';
import sinon from 'sinon';
import { CachedTokenCredential } from '../../src/graph/token-cache';

describe('CachedTokenCredential', () => {
  const scope = 'https://graph.microsoft.com/.default';

  it('reuses a token until five minutes before it expires, then renews it', async () => {
    let now = 1_000_000;
    const inner = { getToken: sinon.stub() };
    inner.getToken.onFirstCall().resolves({ token: 'first', expiresOnTimestamp: now + 60 * 60_000 });
    inner.getToken.onSecondCall().resolves({ token: 'second', expiresOnTimestamp: now + 2 * 60 * 60_000 });
    const credential = new CachedTokenCredential(inner, () => now);
    assert.equal((await credential.getToken(scope))?.token, 'first');
    now += 50 * 60_000;
    assert.equal((await credential.getToken(scope))?.token, 'first');
    now += 6 * 60_000;
    assert.equal((await credential.getToken(scope))?.token, 'second');
    assert.equal(inner.getToken.callCount, 2);
  });

  it('shares one request among concurrent callers and keeps scopes apart', async () => {
    const inner = { getToken: sinon.stub().callsFake(async (scopes: string | string[]) => ({ token: String(scopes), expiresOnTimestamp: Date.now() + 3_600_000 })) };
    const credential = new CachedTokenCredential(inner);
    const tokens = await Promise.all([credential.getToken(scope), credential.getToken(scope), credential.getToken('other/.default')]);
    assert.deepEqual(tokens.map((t) => t?.token), [scope, scope, 'other/.default']);
    assert.equal(inner.getToken.callCount, 2);
  });

  it('does not keep a failure: the next call asks again', async () => {
    const inner = { getToken: sinon.stub() };
    inner.getToken.onFirstCall().rejects(new Error('AADSTS7000215'));
    inner.getToken.onSecondCall().resolves({ token: 'ok', expiresOnTimestamp: Date.now() + 3_600_000 });
    const credential = new CachedTokenCredential(inner);
    await assert.rejects(credential.getToken(scope), /AADSTS7000215/);
    assert.equal((await credential.getToken(scope))?.token, 'ok');
  });
});
