import type { AccessToken, TokenCredential } from '@azure/identity';
import assert from 'node:assert/strict';
import { openStore } from '../../src/storage';
import { RunningAzurite, startAzurite, uniqueTablePrefix } from '../support/azurite';
import { testCaIsTrusted } from '../support/tls';
import { sampleRequest } from './sample-request';

/**
 * A credential handing out tokens shaped like Microsoft Entra ones. Azurite's `--oauth basic` checks issuer,
 * audience and lifetime but not the signature, which is all an offline test of the account-URL path needs.
 */
class FakeStorageCredential implements TokenCredential {
  readonly scopes: string[] = [];
  constructor(private readonly audience: string) {}

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopes.push(...[scopes].flat());
    const now = Math.floor(Date.now() / 1000);
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const claims = { aud: this.audience, iss: 'https://sts.windows.net/00000000-0000-4000-8000-000000000001/', iat: now - 60, nbf: now - 60, exp: now + 3600, oid: 'managed-identity' };
    return { token: `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}.c2lnbmF0dXJl`, expiresOnTimestamp: (now + 3600) * 1000 };
  }
}

describe('Azure Table Storage store, by account URL and Microsoft Entra token (Azurite over https)', function () {
  let azurite: RunningAzurite | undefined;

  before(async function () {
    // Node trusts the test CA only if it was started with NODE_EXTRA_CA_CERTS, as `npm test` does.
    if (!testCaIsTrusted()) this.skip();
    this.timeout(30_000);
    azurite = await startAzurite({ https: true });
  });
  after(async () => {
    await azurite?.stop();
  });

  it('opens with a token for the storage audience and works', async () => {
    const credential = new FakeStorageCredential('https://storage.azure.com');
    const store = await openStore({ kind: 'table', accountUrl: azurite!.accountUrl!, tablePrefix: uniqueTablePrefix(), credential });
    try {
      const created = await store.requests.create(sampleRequest());
      assert.deepEqual(await store.requests.get(created.value.id), created);
      await store.checkHealth();
      assert.ok(credential.scopes.includes('https://storage.azure.com/.default'), credential.scopes.join());
    } finally {
      await store.close();
    }
  });

  it('fails at open when the service refuses the token', async () => {
    const credential = new FakeStorageCredential('https://not-storage.example');
    await assert.rejects(
      openStore({ kind: 'table', accountUrl: azurite!.accountUrl!, tablePrefix: uniqueTablePrefix(), credential }),
      /Table \w+: it cannot be reached \(403 AuthenticationFailed Server failed to authenticate/,
    );
  });
});
