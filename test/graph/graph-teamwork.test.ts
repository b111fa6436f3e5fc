import assert from 'node:assert/strict';
import { GraphConnection } from '../../src/graph/graph-client';
import { GraphTeamwork } from '../../src/graph/graph-teamwork';
import { DirectoryError } from '../../src/invitation/directory-error';
import { GraphSimulator, RunningGraphSimulator, SANDBOX_IDS, sandboxDirectorySeed } from '../../src/sandbox/graph-simulator';

const CATALOG_ID = 'c0ffee00-0000-4000-8000-0000000ca7a1';
const MANIFEST_ID = '00000000-0000-4000-8000-00000000b07e';

describe('GraphTeamwork: opening a personal chat by installing the app', () => {
  let simulator: GraphSimulator;
  let running: RunningGraphSimulator;
  let graph: GraphConnection;

  beforeEach(async () => {
    simulator = new GraphSimulator({ seed: { ...sandboxDirectorySeed(), teamsApps: [{ id: CATALOG_ID, externalId: MANIFEST_ID, displayName: 'GuestPass' }] } });
    running = await simulator.listen();
    graph = new GraphConnection({ baseUrl: running.url, timeoutSeconds: 10, maxRetries: 0 });
  });
  afterEach(() => running.close());

  it('looks the catalog id up once by the manifest id, installs, and returns the installation’s chat id', async () => {
    const teamwork = new GraphTeamwork(graph, { manifestAppId: MANIFEST_ID });
    const chat = await teamwork.openPersonalChat(SANDBOX_IDS.users.adele);
    assert.equal(chat, `19:${SANDBOX_IDS.users.adele}_${CATALOG_ID}@unq.gbl.spaces`);
    await teamwork.openPersonalChat(SANDBOX_IDS.users.megan);
    const lookups = simulator.requestsTo('GET', '/v1.0/appCatalogs/teamsApps');
    assert.equal(lookups.length, 1, 'the catalog id is cached');
    assert.equal(lookups[0]!.query.get('$filter'), `externalId eq '${MANIFEST_ID}'`);
    const [install] = simulator.requestsTo('POST', `/v1.0/users/${SANDBOX_IDS.users.adele}/teamwork/installedApps`);
    assert.deepEqual(install!.body, { 'teamsApp@odata.bind': `${running.url}/v1.0/appCatalogs/teamsApps/${CATALOG_ID}` });
  });

  it('takes an existing installation (409) as it is', async () => {
    simulator.directory.teamwork.install(SANDBOX_IDS.users.adele, CATALOG_ID);
    const teamwork = new GraphTeamwork(graph, { catalogAppId: CATALOG_ID });
    assert.match(await teamwork.openPersonalChat(SANDBOX_IDS.users.adele), /@unq\.gbl\.spaces$/);
    assert.equal(simulator.requestsTo('GET', '/v1.0/appCatalogs/teamsApps').length, 0, 'a configured catalog id needs no lookup');
  });

  it('reports a missing permission as insufficientPrivileges', async () => {
    simulator.directory.teamwork.installationAllowed = false;
    const teamwork = new GraphTeamwork(graph, { catalogAppId: CATALOG_ID });
    await assert.rejects(teamwork.openPersonalChat(SANDBOX_IDS.users.adele), (error: unknown) => error instanceof DirectoryError && error.kind === 'insufficientPrivileges');
    simulator.directory.teamwork.installationAllowed = true;
    simulator.directory.teamwork.catalogReadAllowed = false;
    const lookingUp = new GraphTeamwork(graph, { manifestAppId: MANIFEST_ID });
    await assert.rejects(lookingUp.openPersonalChat(SANDBOX_IDS.users.adele), (error: unknown) => error instanceof DirectoryError && error.kind === 'insufficientPrivileges');
  });
});
