import { strict as assert } from 'node:assert';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { ClientCertificateCredential, ClientSecretCredential, OnBehalfOfCredential } from '@azure/identity';
import { Client, GraphError, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import forge from 'node-forge';
import { GraphSimulator, SANDBOX_IDS, sandboxDirectorySeed, type RunningGraphSimulator } from '../../src/sandbox/graph-simulator';
import { FakeEntraId } from './fake-entra';
import { testCaIsTrusted, testServerTls } from './tls';

const TENANT = SANDBOX_IDS.tenant;
const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
const SECRET = 'test-secret-value';
const CERT_CLIENT_ID = '66666666-7777-4888-9999-000000000000';

/** A self-signed certificate and its key in one PEM, as ClientCertificateCredential wants it. */
function certificateCredentialPem(): { pem: string; sha256Thumbprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  cert.setSubject([{ name: 'commonName', value: 'GuestPass test app' }]);
  cert.setIssuer([{ name: 'commonName', value: 'GuestPass test app' }]);
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return { pem: `${keyPem}${forge.pki.certificateToPem(cert)}`, sha256Thumbprint: createHash('sha256').update(der).digest('hex') };
}

describe('test fakes with the real SDKs', () => {
  let entra: FakeEntraId;

  before(function () {
    if (!testCaIsTrusted()) {
      throw new Error('Run with NODE_EXTRA_CA_CERTS=test/.tls/ca.pem (npm test does) so the SDKs trust the fakes.');
    }
  });

  beforeEach(async () => {
    entra = new FakeEntraId();
    await entra.start();
    entra.registerClient({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: SECRET, roles: ['User.Invite.All', 'User.Read.All'] });
  });
  afterEach(async () => {
    await entra.stop();
  });

  const credentialOptions = () => ({ authorityHost: entra.authorityHost, disableInstanceDiscovery: true });

  describe('FakeEntraId', () => {
    it('issues an app token to ClientSecretCredential, for the resource of the scope', async () => {
      const credential = new ClientSecretCredential(TENANT, CLIENT_ID, SECRET, credentialOptions());
      const token = await credential.getToken('https://localhost:1234/.default');
      assert.ok(token.expiresOnTimestamp > Date.now());
      assert.equal(entra.isValidToken(token.token, 'https://localhost:1234'), true);
      assert.equal(entra.isValidToken(token.token, 'https://graph.microsoft.com'), false);
      const claims = entra.decode(token.token);
      assert.deepEqual(
        { aud: claims.aud, tid: claims.tid, appid: claims.appid, roles: claims.roles, idtyp: claims.idtyp },
        { aud: 'https://localhost:1234', tid: TENANT, appid: CLIENT_ID, roles: ['User.Invite.All', 'User.Read.All'], idtyp: 'app' },
      );
      const [request] = entra.tokenRequests;
      assert.equal(request!.grantType, 'client_credentials');
      assert.equal(request!.clientAuthentication, 'client_secret');
      assert.equal(request!.parameters.client_secret, '[redacted]');
      assert.equal(JSON.stringify(entra.tokenRequests).includes(SECRET), false);
    });

    it('refuses a wrong secret and an unknown client with invalid_client', async () => {
      const wrong = new ClientSecretCredential(TENANT, CLIENT_ID, 'not-the-secret', credentialOptions());
      await assert.rejects(wrong.getToken('https://localhost:1234/.default'), /AADSTS7000215/);
      const unknown = new ClientSecretCredential(TENANT, 'aaaaaaaa-0000-4000-8000-000000000000', SECRET, credentialOptions());
      await assert.rejects(unknown.getToken('https://localhost:1234/.default'), /AADSTS700016/);
      assert.deepEqual(entra.tokenRequests.map((r) => [r.status, r.error]), [
        [401, 'invalid_client'],
        [401, 'invalid_client'],
      ]);
    });

    it('accepts a certificate credential whose thumbprint is registered', async () => {
      const { pem, sha256Thumbprint } = certificateCredentialPem();
      entra.registerClient({ tenantId: TENANT, clientId: CERT_CLIENT_ID, certificateThumbprint: sha256Thumbprint });
      const credential = new ClientCertificateCredential(TENANT, CERT_CLIENT_ID, { certificate: pem }, credentialOptions());
      const token = await credential.getToken('https://localhost:1234/.default');
      assert.equal(entra.isValidToken(token.token, 'https://localhost:1234'), true);
      assert.equal(entra.decode(token.token).appidacr, '2');
      assert.equal(entra.tokenRequests[0]!.clientAuthentication, 'client_assertion');
      assert.equal(entra.tokenRequests[0]!.parameters.client_assertion, '[redacted]');

      const other = certificateCredentialPem();
      const impostor = new ClientCertificateCredential(TENANT, CERT_CLIENT_ID, { certificate: other.pem }, credentialOptions());
      await assert.rejects(impostor.getToken('https://localhost:1234/.default'), /AADSTS700027/);
    });

    it('exchanges a user token on-behalf-of, naming the user from the assertion', async () => {
      const userToken = entra.issueUserToken({
        tenantId: TENANT,
        audience: `api://localhost/${CLIENT_ID}`,
        oid: SANDBOX_IDS.users.megan,
        upn: 'megan@contoso.com',
        name: 'Megan Bowen',
      });
      const credential = new OnBehalfOfCredential({
        tenantId: TENANT,
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        userAssertionToken: userToken,
        ...credentialOptions(),
      });
      const token = await credential.getToken('https://localhost:1234/.default');
      const claims = entra.decode(token.token);
      assert.deepEqual(
        { aud: claims.aud, oid: claims.oid, upn: claims.upn, idtyp: claims.idtyp, scp: claims.scp },
        {
          aud: 'https://localhost:1234',
          oid: SANDBOX_IDS.users.megan,
          upn: 'megan@contoso.com',
          idtyp: 'user',
          scp: 'User.Invite.All User.Read.All',
        },
      );
      assert.equal(entra.tokenRequests[0]!.parameters.requested_token_use, 'on_behalf_of');
      assert.equal(entra.tokenRequests[0]!.parameters.assertion, '[redacted]');

      const expired = entra.issueUserToken({ tenantId: TENANT, audience: CLIENT_ID, oid: 'x', expiresInSeconds: -60 });
      const late = new OnBehalfOfCredential({
        tenantId: TENANT,
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        userAssertionToken: expired,
        ...credentialOptions(),
      });
      await assert.rejects(late.getToken('https://localhost:1234/.default'), /AADSTS500133/);
    });
  });

  describe('Graph client → fake Entra ID → Graph simulator over HTTPS', () => {
    let simulator: GraphSimulator;
    let running: RunningGraphSimulator;

    beforeEach(async () => {
      simulator = new GraphSimulator({ seed: sandboxDirectorySeed(), acceptToken: (token) => entra.isValidToken(token, running.url) });
      running = await simulator.listen({ tls: testServerTls() });
    });
    afterEach(async () => {
      await running.close();
    });

    const graphClient = (customHosts?: Set<string>) =>
      Client.initWithMiddleware({
        authProvider: new TokenCredentialAuthenticationProvider(
          new ClientSecretCredential(TENANT, CLIENT_ID, SECRET, credentialOptions()),
          { scopes: [`${running.url}/.default`] },
        ),
        baseUrl: running.url,
        ...(customHosts ? { customHosts } : {}),
      });

    it('carries the token to the simulator, which accepts it', async () => {
      assert.equal(running.url.startsWith('https://localhost:'), true);
      const client = graphClient(new Set(['localhost']));
      const result = await client
        .api('/users')
        .filter(encodeURIComponent("mail eq 'jane@fabrikam.com'"))
        .select(['id', 'externalUserState'])
        .get();
      assert.deepEqual(result.value, [{ id: SANDBOX_IDS.users.janePending, externalUserState: 'PendingAcceptance' }]);
      const [request] = simulator.requestsTo('GET', '/v1.0/users');
      const bearer = String(request!.headers.authorization).replace(/^Bearer /, '');
      assert.equal(entra.decode(bearer).aud, running.url);
      assert.ok(request!.headers['client-request-id'], 'the SDK telemetry handler adds a client-request-id');
    });

    it('sends no token to a host missing from customHosts, and the simulator answers 401', async () => {
      const client = graphClient();
      await assert.rejects(client.api('/organization').get(), (error: GraphError) => {
        assert.equal(error.statusCode, 401);
        assert.equal(error.code, 'InvalidAuthenticationToken');
        return true;
      });
    });

    it('surfaces simulator errors as GraphError with code and request id', async () => {
      const client = graphClient(new Set(['localhost']));
      await assert.rejects(client.api('/users').filter(encodeURIComponent("mail eq 'o'brien@x.com'")).get(), (error: GraphError) => {
        assert.equal(error.statusCode, 400);
        assert.equal(error.code, 'BadRequest');
        assert.match(error.message, /Invalid filter clause/);
        assert.ok(error.requestId);
        return true;
      });
    });

    it('follows @odata.nextLink pages with the PageIterator', async () => {
      for (let index = 0; index < 5; index += 1) {
        simulator.directory.addUser({ displayName: `Paged ${index}`, userPrincipalName: `paged${index}@contoso.com` });
      }
      const client = graphClient(new Set(['localhost']));
      const first: PageCollection = await client.api('/users').filter(encodeURIComponent("startswith(displayName,'Paged')")).top(2).get();
      const names: string[] = [];
      await new PageIterator(client, first, (user: { displayName: string }) => {
        names.push(user.displayName);
        return true;
      }).iterate();
      assert.deepEqual(names, ['Paged 0', 'Paged 1', 'Paged 2', 'Paged 3', 'Paged 4']);
      assert.equal(simulator.requestsTo('GET', '/v1.0/users').length, 3);
    });

    it("retries an injected 429 with the SDK's RetryHandler, honouring Retry-After", async () => {
      simulator.enqueueFault({ method: 'POST', pathPrefix: '/v1.0/invitations' }, { status: 429, headers: { 'Retry-After': '0' } });
      const client = graphClient(new Set(['localhost']));
      const invitation = await client
        .api('/invitations')
        .post({ invitedUserEmailAddress: 'sam@tailspin.com', inviteRedirectUrl: 'https://teams.microsoft.com' });
      assert.equal(invitation.status, 'PendingAcceptance');
      const attempts = simulator.requestsTo('POST', '/v1.0/invitations');
      assert.equal(attempts.length, 2);
      assert.equal(attempts[1]!.headers['retry-attempt'], '1');
    });
  });
});
