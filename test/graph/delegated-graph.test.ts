import assert from 'node:assert/strict';
import { AccessToken, TokenCredential } from '@azure/identity';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { loadConfig } from '../../src/config';
import { DelegatingDirectory, GraphDirectory, OnBehalfOfDirectories } from '../../src/graph';
import { toDirectoryError } from '../../src/graph/graph-errors';
import { DirectoryError } from '../../src/invitation/directory-error';
import { InvitationCommand } from '../../src/invitation/directory-port';

const USER = '48d31887-5fad-4d73-a9f5-3c356e68a038';

function graphError(statusCode: number, code: string): GraphError {
  const error = new GraphError(statusCode, 'text that is never read');
  error.code = code;
  return error;
}

/** An unsigned JWT: the gateway only reads its claims (Entra checks the signature during the exchange). */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.signature`;
}

describe('Graph errors of a delegated call', () => {
  for (const code of ['Authorization_RequestDenied', 'Forbidden', 'accessDenied']) {
    it(`maps 403 ${code} on POST /invitations to inviterNotAllowed`, () => {
      assert.equal(toDirectoryError(graphError(403, code), 'invite', { delegated: true }).kind, 'inviterNotAllowed');
      assert.equal(toDirectoryError(graphError(403, code), 'invite').kind, 'insufficientPrivileges', 'app-only: the app lacks a permission');
    });
  }

  it('keeps the other mappings: lookups, group additions, throttling, a refused domain', () => {
    const delegated = { delegated: true };
    assert.equal(toDirectoryError(graphError(403, 'Authorization_RequestDenied'), 'lookup', delegated).kind, 'insufficientPrivileges');
    assert.equal(toDirectoryError(graphError(403, 'Authorization_RequestDenied'), 'addToGroup', delegated).kind, 'insufficientPrivileges');
    assert.equal(toDirectoryError(graphError(429, 'TooManyRequests'), 'invite', delegated).kind, 'throttled');
    assert.equal(toDirectoryError(graphError(400, 'BadRequest'), 'invite', delegated).kind, 'blockedByTenantPolicy');
  });
});

/** A stand-in for a GraphDirectory that records which one was asked. */
function fakeDirectory(name: string, calls: string[]): GraphDirectory {
  const record = (method: string) => async () => {
    calls.push(`${name}.${method}`);
    return method === 'createInvitation' ? { userId: 'u', redeemUrl: '', status: 'PendingAcceptance' } : [];
  };
  return {
    listVerifiedDomains: record('listVerifiedDomains'),
    findUsersByEmail: record('findUsersByEmail'),
    findUsersByDisplayNamePrefix: record('findUsersByDisplayNamePrefix'),
    listPendingGuests: record('listPendingGuests'),
    getUsersById: record('getUsersById'),
    listSponsors: record('listSponsors'),
    createInvitation: record('createInvitation'),
    addMember: record('addMember'),
    memberOf: record('memberOf'),
  } as unknown as GraphDirectory;
}

describe('DelegatingDirectory', () => {
  const command = { email: 'g@tailspin.com' } as InvitationCommand;

  function directory(mode: 'delegated' | 'delegated-app-lookups', person: { assertion?: string } | undefined) {
    const calls: string[] = [];
    const assertions: string[] = [];
    const routed = new DelegatingDirectory({
      mode,
      app: fakeDirectory('app', calls),
      onBehalfOf: (assertion) => {
        assertions.push(assertion);
        return fakeDirectory('person', calls);
      },
      actingPerson: () => (person ? { assertion: async () => person.assertion } : undefined),
    });
    return { routed, calls, assertions };
  }

  it('delegated-app-lookups: changes carry the person\'s authority, lookups and membership checks the app\'s', async () => {
    const { routed, calls, assertions } = directory('delegated-app-lookups', { assertion: 'megan-token' });
    await routed.listVerifiedDomains();
    await routed.findUsersByEmail('g@tailspin.com');
    await routed.listPendingGuests(10);
    await routed.memberOf(USER, ['group']);
    await routed.createInvitation(command);
    await routed.addMember({ id: 'group', kind: 'group' }, 'u');
    assert.deepEqual(calls, ['app.listVerifiedDomains', 'app.findUsersByEmail', 'app.listPendingGuests', 'app.memberOf', 'person.createInvitation', 'person.addMember']);
    assert.deepEqual(assertions, ['megan-token', 'megan-token']);
  });

  it('delegated: lookups carry the person\'s authority too; membership checks stay the app\'s', async () => {
    const { routed, calls } = directory('delegated', { assertion: 'megan-token' });
    await routed.findUsersByDisplayNamePrefix('Ja', 5);
    await routed.getUsersById([USER]);
    await routed.listSponsors(USER);
    await routed.memberOf(USER, ['group']);
    assert.deepEqual(calls, ['person.findUsersByDisplayNamePrefix', 'person.getUsersById', 'person.listSponsors', 'app.memberOf']);
  });

  it('in a turn without a sign-in, a change fails with signInRequired and nothing falls back to the app', async () => {
    const { routed, calls } = directory('delegated-app-lookups', {});
    await assert.rejects(routed.createInvitation(command), (error: unknown) => error instanceof DirectoryError && error.kind === 'signInRequired');
    await assert.rejects(routed.addMember({ id: 'g', kind: 'team' }, 'u'), (error: unknown) => error instanceof DirectoryError && error.kind === 'signInRequired');
    assert.deepEqual(calls, []);
    const strict = directory('delegated', {});
    await assert.rejects(strict.routed.findUsersByEmail('x@y.com'), (error: unknown) => error instanceof DirectoryError && error.kind === 'signInRequired');
  });

  it('outside any person\'s turn (jobs, the command line) everything carries the app\'s authority', async () => {
    const { routed, calls } = directory('delegated', undefined);
    await routed.createInvitation(command);
    await routed.getUsersById([USER]);
    assert.deepEqual(calls, ['app.createInvitation', 'app.getUsersById']);
  });
});

describe('OnBehalfOfDirectories', () => {
  const config = loadConfig({ AZURE_TENANT_ID: USER, AZURE_CLIENT_ID: USER, AZURE_CLIENT_SECRET: 's' });
  const now = Date.now();
  const token = (claims: Record<string, unknown> = {}) => jwt({ oid: USER, exp: Math.floor(now / 1000) + 3600, ...claims });

  function directories(getToken: () => Promise<AccessToken | null> = async () => ({ token: 'graph', expiresOnTimestamp: now + 3_600_000 })) {
    const created: string[] = [];
    const graph = new OnBehalfOfDirectories({
      graph: config.graph,
      baseUrl: 'https://graph.microsoft.com',
      now: () => now,
      createCredential: (assertion): TokenCredential => {
        created.push(assertion);
        return { getToken };
      },
    });
    return { graph, created };
  }

  it('keeps one credential per sign-on token, in memory', () => {
    const { graph, created } = directories();
    const first = graph.directoryFor(token());
    assert.equal(graph.directoryFor(token()), first, 'the same token: the same directory');
    assert.notEqual(graph.directoryFor(token({ uti: 'another' })), first);
    assert.equal(created.length, 2);
    assert.equal(graph.size, 2);
  });

  it('verifies the token is the acting person\'s and unexpired before anything is recorded', async () => {
    const { graph } = directories();
    assert.equal(await graph.verify(token(), USER.toUpperCase()), undefined);
    assert.equal((await graph.verify(token({ oid: '00000000-0000-4000-8000-000000000000' }), USER))?.kind, 'signInRequired');
    assert.equal((await graph.verify(token({ exp: Math.floor(now / 1000) - 10 }), USER))?.kind, 'signInRequired');
    assert.equal((await graph.verify('not a jwt', USER))?.kind, 'signInRequired');
  });

  it('tells a refusal a new sign-in cures (invalid_grant, consent) from the app\'s own problem (invalid_client)', async () => {
    const failing = (oauthError: string) =>
      directories(async () => {
        throw Object.assign(new Error('AADSTS…'), { name: 'AuthenticationError', errorResponse: { error: oauthError } });
      }).graph;
    assert.equal((await failing('invalid_grant').verify(token(), USER))?.kind, 'signInRequired');
    assert.equal((await failing('interaction_required').verify(token(), USER))?.kind, 'signInRequired');
    assert.equal((await failing('invalid_client').verify(token(), USER))?.kind, 'authenticationFailed');
  });

  it('is bounded: at most 500 people\'s credentials in memory, the oldest dropped first', () => {
    const { graph } = directories();
    for (let index = 0; index < 520; index++) graph.directoryFor(token({ uti: `t${index}` }));
    assert.equal(graph.size, 500);
  });
});
