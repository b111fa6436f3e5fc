import assert from 'node:assert/strict';
import { ClientSecretCredential } from '@azure/identity';
import { ConfigurationError, loadConfig } from '../../src/config';
import { createInvitationServices } from '../../src/index';
import { applicationPermissions, checkLifecyclePermissions, lifecycleStartRefusal } from '../../src/graph/lifecycle-permissions';
import { DEFAULT_LIFECYCLE_POLICY, LifecyclePolicy } from '../../src/invitation/lifecycle/lifecycle-policy';
import { DEFAULT_POLICY } from '../../src/invitation/policy';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { createMemoryStore } from '../../src/storage/memory/memory-store';
import { createLogger } from '../../src/logging/logger';
import { FakeEntraId } from '../support/fake-entra';
import { testCaIsTrusted } from '../support/tls';

const TENANT = SANDBOX_IDS.tenant;
const CLIENT_ID = '3c9e1a7b-5d2f-4a6c-8e0b-1f3a5c7e9b2d';
const SECRET = 'permissions-test-secret';
const GRAPH = 'https://localhost:1';
const ENFORCE: LifecyclePolicy = { ...DEFAULT_LIFECYCLE_POLICY, enforcement: 'enforce' };

describe('the application permissions the guest lifecycle needs', () => {
  it('with enforcement on, needs reading, disabling and deleting, each by its least privileged permission', () => {
    assert.deepEqual(checkLifecyclePermissions(['User.Invite.All'], ENFORCE).blocking, [
      { capability: 'readAccounts', grant: 'User.Read.All' },
      { capability: 'disable', grant: 'User.EnableDisableAccount.All' },
      { capability: 'delete', grant: 'User.ReadWrite.All' },
    ]);
    const leastPrivileged = checkLifecyclePermissions(['User.Read.All', 'User.EnableDisableAccount.All', 'User.ReadWrite.All'], ENFORCE);
    assert.deepEqual(leastPrivileged.blocking, []);
    assert.deepEqual(checkLifecyclePermissions(['user.readwrite.all'], ENFORCE).blocking, [], 'User.ReadWrite.All covers all three; names ignore case');
    assert.deepEqual(
      checkLifecyclePermissions(['Directory.ReadWrite.All'], ENFORCE).blocking,
      [{ capability: 'delete', grant: 'User.ReadWrite.All' }],
      'Directory.ReadWrite.All does not delete users',
    );
  });

  it('in report-only mode blocks nothing, and reports sponsor assignment and (with inactiveDays) last sign-ins as unavailable', () => {
    const reportOnly = checkLifecyclePermissions(['User.Invite.All'], DEFAULT_LIFECYCLE_POLICY);
    assert.deepEqual(reportOnly.blocking, []);
    assert.deepEqual(reportOnly.degraded.map((gap) => gap.capability), ['readAccounts', 'assignSponsors']);
    const inactive = checkLifecyclePermissions(['User.ReadWrite.All'], { ...ENFORCE, inactiveDays: 90 });
    assert.deepEqual(inactive, { blocking: [], degraded: [{ capability: 'readSignIns', grant: 'AuditLog.Read.All' }] });
    assert.deepEqual(checkLifecyclePermissions(['User.ReadWrite.All', 'AuditLog.Read.All'], { ...ENFORCE, inactiveDays: 90 }).degraded, []);
  });

  describe("read from the app's own token", () => {
    let entra: FakeEntraId;
    const register = (clientId: string, roles: string[]) => entra.registerClient({ tenantId: TENANT, clientId, clientSecret: SECRET, roles });
    const credential = (clientId = CLIENT_ID, secret = SECRET) =>
      new ClientSecretCredential(TENANT, clientId, secret, { authorityHost: entra.authorityHost, disableInstanceDiscovery: true });

    before(function () {
      if (!testCaIsTrusted()) throw new Error('Run with NODE_EXTRA_CA_CERTS=test/.tls/ca.pem (npm test does).');
    });
    beforeEach(async () => {
      entra = new FakeEntraId();
      await entra.start();
    });
    afterEach(async () => {
      await entra.stop();
    });
    /** GuestPass configured for the tenant, its app registration's token from the local Entra ID. */
    const tenantConfig = (more: Record<string, string> = {}) =>
      loadConfig({
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT_ID,
        AZURE_CLIENT_SECRET: SECRET,
        AZURE_AUTHORITY_HOST: entra.authorityHost,
        GRAPH_BASE_URL: GRAPH,
        ...more,
      });

    it('reads the roles of the app token; a credential that gets no token says nothing', async () => {
      register(CLIENT_ID, ['User.Read.All', 'User.EnableDisableAccount.All']);
      assert.deepEqual(await applicationPermissions(credential(), GRAPH), ['User.Read.All', 'User.EnableDisableAccount.All']);
      assert.equal(await applicationPermissions(credential(CLIENT_ID, 'wrong-secret'), GRAPH), undefined);
    });

    it('names what to grant when enforcement is on, and nothing in report-only mode or when everything is granted', async () => {
      register(CLIENT_ID, ['User.Invite.All', 'User.Read.All']);
      const refusal = await lifecycleStartRefusal(credential(), GRAPH, ENFORCE);
      assert.match(refusal ?? '', /User\.EnableDisableAccount\.All \(disable guests\), User\.ReadWrite\.All \(delete guests\)/);
      assert.match(refusal ?? '', /reportOnly/);
      assert.doesNotMatch(refusal ?? '', /User\.Read\.All/);
      assert.equal(await lifecycleStartRefusal(credential(), GRAPH, DEFAULT_LIFECYCLE_POLICY), undefined);

      const granted = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
      register(granted, ['User.Read.All', 'User.EnableDisableAccount.All', 'User.ReadWrite.All']);
      assert.equal(await lifecycleStartRefusal(credential(granted), GRAPH, ENFORCE), undefined);
    });

    it('starts with enforcement on when the app holds the permissions', async () => {
      register(CLIENT_ID, ['User.Invite.All', 'User.Read.All', 'User.EnableDisableAccount.All', 'User.ReadWrite.All']);
      const config = tenantConfig();
      const services = await createInvitationServices(config, {
        policy: { ...DEFAULT_POLICY, lifecycle: ENFORCE },
        store: createMemoryStore(),
        logger: createLogger({ level: 'silent' }),
        startJobs: false,
      });
      await services.close();
    });

    for (const mode of ['app', 'delegated', 'delegated-app-lookups'] as const) {
      it(`refuses to start in ${mode} mode with enforcement on and the app lacking the permissions, opening nothing`, async () => {
        register(CLIENT_ID, ['User.Invite.All', 'User.Read.All']);
        const config = tenantConfig({ GRAPH_AUTH_MODE: mode, ...(mode === 'app' ? {} : { SSO_CONNECTION_NAME: 'GuestPassSSO' }) });
        const store = createMemoryStore();
        let opened = false;
        await assert.rejects(
          createInvitationServices(config, {
            policy: { ...DEFAULT_POLICY, lifecycle: ENFORCE },
            store: new Proxy(store, { get: (target, key) => ((opened = true), Reflect.get(target, key)) }),
            logger: createLogger({ level: 'silent' }),
            startJobs: false,
          }),
          (error: unknown) => error instanceof ConfigurationError && /User\.ReadWrite\.All \(delete guests\)/.test(error.message),
        );
        assert.equal(opened, false, 'the store was not touched');
      });
    }
  });
});
