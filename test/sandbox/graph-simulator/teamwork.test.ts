import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SANDBOX_IDS, sandboxDirectorySeed } from '../../../src/sandbox/graph-simulator';
import { FIXED_NOW, SimulatorHarness, startSimulator } from './simulator-harness';

const CATALOG_ID = 'c0ffee00-0000-4000-8000-0000000ca7a1';
const MANIFEST_ID = '00000000-0000-4000-8000-00000000b07e';
const ADELE = SANDBOX_IDS.users.adele;

/** Graph's own metadata for the types served, so the simulator's shapes are checked against Microsoft's, not ours. */
const CSDL = readFileSync(join(__dirname, 'fixtures', 'teamwork-types.csdl.xml'), 'utf8');

function entityType(name: string): { base?: string; properties: string[]; navigation: Map<string, string> } {
  const block = new RegExp(`<EntityType Name="${name}"([^>]*)>([\\s\\S]*?)</EntityType>`).exec(CSDL);
  assert.ok(block, `${name} is in the metadata`);
  const base = /BaseType="graph\.(\w+)"/.exec(block[1]!)?.[1];
  const properties = [...block[2]!.matchAll(/<Property Name="(\w+)"/g)].map((m) => m[1]!);
  const navigation = new Map([...block[2]!.matchAll(/<NavigationProperty Name="(\w+)" Type="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  return { base, properties, navigation };
}

/** Every property and navigation a type has, its base types' included. */
function membersOf(name: string): Set<string> {
  const members = new Set<string>();
  for (let type: string | undefined = name; type; ) {
    const declared = entityType(type);
    declared.properties.forEach((p) => members.add(p));
    declared.navigation.forEach((_, n) => members.add(n));
    type = declared.base;
  }
  return members;
}

function assertShape(body: Record<string, unknown>, type: string): void {
  const known = membersOf(type);
  const unknown = Object.keys(body).filter((key) => !key.startsWith('@odata.') && !known.has(key));
  assert.deepEqual(unknown, [], `properties ${type} does not have`);
}

describe('Graph simulator: Teams app catalog and personal installations', () => {
  let sim: SimulatorHarness;
  beforeEach(async () => {
    sim = await startSimulator({ seed: { ...sandboxDirectorySeed(FIXED_NOW), teamsApps: [{ id: CATALOG_ID, externalId: MANIFEST_ID, displayName: 'GuestPass' }] } });
  });
  afterEach(() => sim.close());

  it('follows the metadata: userTeamwork.installedApps holds userScopeTeamsAppInstallation, which navigates to its chat', () => {
    assert.equal(entityType('userTeamwork').navigation.get('installedApps'), 'Collection(graph.userScopeTeamsAppInstallation)');
    assert.equal(entityType('userScopeTeamsAppInstallation').navigation.get('chat'), 'graph.chat');
    assert.equal(entityType('userScopeTeamsAppInstallation').base, 'teamsAppInstallation');
  });

  it('finds the app by its manifest id, installs it once (then 409), lists it and gives its one-to-one chat', async () => {
    const apps = await sim.get(`/v1.0/appCatalogs/teamsApps?$filter=${encodeURIComponent(`externalId eq '${MANIFEST_ID}'`)}`);
    assert.equal(apps.status, 200);
    assert.equal(apps.body.value.length, 1);
    assertShape(apps.body.value[0], 'teamsApp');
    assert.equal(apps.body.value[0].id, CATALOG_ID);

    const bind = { 'teamsApp@odata.bind': `${sim.url}/v1.0/appCatalogs/teamsApps/${CATALOG_ID}` };
    assert.equal((await sim.post(`/v1.0/users/${ADELE}/teamwork/installedApps`, bind)).status, 201);
    const again = await sim.post(`/v1.0/users/${ADELE}/teamwork/installedApps`, bind);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'Conflict');

    const listed = await sim.get(`/v1.0/users/${ADELE}/teamwork/installedApps?$expand=teamsApp&$filter=${encodeURIComponent(`teamsApp/id eq '${CATALOG_ID}'`)}`);
    assert.equal(listed.body.value.length, 1);
    assertShape(listed.body.value[0], 'userScopeTeamsAppInstallation');
    assertShape(listed.body.value[0].teamsApp, 'teamsApp');

    const chat = await sim.get(`/v1.0/users/${ADELE}/teamwork/installedApps/${listed.body.value[0].id}/chat`);
    assert.equal(chat.status, 200);
    assertShape(chat.body, 'chat');
    assert.equal(chat.body.chatType, 'oneOnOne');
    assert.match(chat.body.id, /^19:.*@unq\.gbl\.spaces$/);
  });

  it('answers 403 without the permissions, 404 for an app not in the catalog, 400 for another filter', async () => {
    const bind = (id: string) => ({ 'teamsApp@odata.bind': `${sim.url}/v1.0/appCatalogs/teamsApps/${id}` });
    assert.equal((await sim.post(`/v1.0/users/${ADELE}/teamwork/installedApps`, bind('not-in-catalog'))).status, 404);
    assert.equal((await sim.get(`/v1.0/appCatalogs/teamsApps?$filter=${encodeURIComponent("displayName eq 'GuestPass'")}`)).status, 400);
    sim.simulator.directory.teamwork.installationAllowed = false;
    assert.equal((await sim.post(`/v1.0/users/${ADELE}/teamwork/installedApps`, bind(CATALOG_ID))).status, 403);
    sim.simulator.directory.teamwork.catalogReadAllowed = false;
    assert.equal((await sim.get('/v1.0/appCatalogs/teamsApps')).status, 403);
  });
});
