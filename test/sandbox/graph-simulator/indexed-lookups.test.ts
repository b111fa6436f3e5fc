import { strict as assert } from 'node:assert';
import { existingUserFilter } from '../../../src/graph/user-filters';
import {
  compileFilter,
  SANDBOX_IDS,
  sandboxDirectorySeed,
  SimulatedDirectory,
  USER_FILTER_SCHEMA,
  type CompiledFilter,
  type SimulatedUser,
  type SimulatedUserChanges,
} from '../../../src/sandbox/graph-simulator';
import { filterUsers } from '../../../src/sandbox/graph-simulator/routes/users';
import { FIXED_NOW, filterQuery, startSimulator } from './simulator-harness';

// The lookups as they were before the directory had an index: the reference the indexed ones must equal.
const sameText = (a: string | null | undefined, b: string): boolean =>
  typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
const byMailOrOtherMails = (users: readonly SimulatedUser[], address: string) =>
  users.find((user) => sameText(user.mail, address) || user.otherMails.some((m) => sameText(m, address)));
const byProxyAddress = (users: readonly SimulatedUser[], address: string) =>
  users.find((user) => user.proxyAddresses.some((proxy) => sameText(proxy, `smtp:${address}`)));
const reference = {
  findUser: (users: readonly SimulatedUser[], key: string) =>
    users.find((user) => user.id === key || sameText(user.userPrincipalName, key)),
  findUserByMailOrOtherMails: byMailOrOtherMails,
  findUserByProxyAddress: byProxyAddress,
  findUserByEmail: (users: readonly SimulatedUser[], address: string) =>
    users.find((user) => sameText(user.userPrincipalName, address)) ??
    byMailOrOtherMails(users, address) ??
    byProxyAddress(users, address),
};

/** Address filters the index answers: one per property, case changed, the #EXT# UPN, and what the bot sends. */
const INDEXED_FILTERS = [
  "userPrincipalName eq 'MEGAN@contoso.com'",
  "userPrincipalName eq 'jane_fabrikam.com#EXT#@contoso.onmicrosoft.com'",
  "startswith(userPrincipalName,'Jane_Fabrikam.com#ext#@')",
  "mail eq 'JANE@fabrikam.com'",
  "otherMails/any(x:x eq 'kai@LITWARE.com')",
  "proxyAddresses/any(p:p eq 'smtp:lee@woodgrove.com')",
  "mail in ('adele@contoso.com', 'shared@tailspin.com')",
  "mail eq 'nobody@nowhere.example' or (otherMails/any(x:x eq 'shared@tailspin.com' or x eq 'alex@northwind.com'))",
  ...[
    'jane@fabrikam.com',
    'alex@northwind.com',
    'kai@litware.com',
    'LEE.GU@woodgrove.com',
    'megan@contoso.com',
    'shared@tailspin.com',
    "o'brien@adatum.com",
    'nobody@nowhere.example',
  ].map(existingUserFilter),
];

/** Filters of any other shape: they must be answered by the scan. */
const SCANNED_FILTERS = [
  "mail eq 'shared@tailspin.com' and userType eq 'Guest'",
  "startswith(userPrincipalName,'jane')",
  "displayName eq 'Megan Bowen' or mail eq 'adele@contoso.com'",
  "mail eq null or mail eq 'jane@fabrikam.com'",
  "externalUserState eq 'PendingAcceptance'",
  "id eq 'not-an-id' or mail eq 'jane@fabrikam.com'",
  "otherMails/any(x:startswith(x,'kai'))",
  "not(mail eq 'jane@fabrikam.com')",
];

const compile = (filter: string): CompiledFilter => compileFilter(filter, USER_FILTER_SCHEMA);
const scan = (directory: SimulatedDirectory, filter: CompiledFilter): SimulatedUser[] =>
  directory.users.filter((user) => filter.matches(user as unknown as Record<string, unknown>));
const ids = (users: readonly (SimulatedUser | undefined)[]): (string | undefined)[] => users.map((user) => user?.id);

/** Every id, UPN and address in the directory (and an upper-cased copy of each), plus ones nobody has. */
function probes(directory: SimulatedDirectory): string[] {
  const keys = directory.users
    .flatMap((user) => [
      user.id,
      user.userPrincipalName,
      user.mail,
      ...user.otherMails,
      ...user.proxyAddresses.map((proxy) => proxy.replace(/^smtp:/i, '')),
    ])
    .filter((key): key is string => typeof key === 'string');
  return [...keys, ...keys.map((key) => key.toUpperCase()), 'nobody@nowhere.example', 'smtp:'];
}

/** The indexed answers equal the scan's, same users in the same order, for every filter and lookup. */
function assertSameAsScan(directory: SimulatedDirectory): void {
  for (const text of [...INDEXED_FILTERS, ...SCANNED_FILTERS]) {
    const filter = compile(text);
    const expected = scan(directory, filter);
    const actual = filterUsers(directory, filter);
    assert.deepEqual(ids(actual), ids(expected), text);
    actual.forEach((user, index) => assert.equal(user, expected[index], text));
  }
  for (const key of probes(directory)) {
    for (const lookup of Object.keys(reference) as (keyof typeof reference)[]) {
      assert.equal(directory[lookup](key), reference[lookup](directory.users, key), `${lookup}(${key})`);
    }
  }
}

function candidateCount(directory: SimulatedDirectory, filter: string): number {
  return directory.candidatesFor(compile(filter).candidates()).length;
}

/** The sandbox tenant plus an address on three users (mail, otherMails, proxy) and an invited guest. */
function directoryWithSharedAddress(): SimulatedDirectory {
  const directory = new SimulatedDirectory(sandboxDirectorySeed(FIXED_NOW), () => FIXED_NOW);
  directory.addUser({ displayName: 'Shared 1', userPrincipalName: 'shared1@contoso.com', otherMails: ['Shared@Tailspin.com'] });
  directory.addUser({ displayName: 'Shared 2', userPrincipalName: 'shared2@contoso.com', mail: 'shared@tailspin.com' });
  directory.addUser({ displayName: 'Shared 3', userPrincipalName: 'shared3@contoso.com', proxyAddresses: ['smtp:SHARED@tailspin.com'] });
  directory.createInvitedUser("o'brien@adatum.com", null, 'Guest');
  return directory;
}

describe('Graph simulator: indexed user lookups', () => {
  it('answers address filters and lookups exactly as the scan does, from a few candidates', () => {
    const directory = directoryWithSharedAddress();
    assertSameAsScan(directory);
    for (const filter of INDEXED_FILTERS) assert.ok(candidateCount(directory, filter) <= 4, filter);
    for (const filter of SCANNED_FILTERS) assert.equal(candidateCount(directory, filter), directory.users.length, filter);
    // Found through otherMails, mail and the proxy address: directory order, not the order of the filter's clauses.
    const shared = filterUsers(directory, compile(existingUserFilter('shared@tailspin.com')));
    assert.deepEqual(shared.map((user) => user.displayName), ['Shared 1', 'Shared 2', 'Shared 3']);
  });

  it('keeps answering like the scan after users are added', () => {
    const directory = directoryWithSharedAddress();
    directory.addUser({ displayName: 'Shared 4', userPrincipalName: 'SHARED@tailspin.com' });
    const guest = directory.createInvitedUser('Jane@Fabrikam.com.example', 'Jane again', 'Guest');
    assert.equal(directory.findUserByEmail('jane@fabrikam.com.example'), guest);
    assertSameAsScan(directory);
    assert.throws(() => directory.addUser({ displayName: 'Dup', userPrincipalName: 'shared@TAILSPIN.com' }), /Duplicate/);
    assert.throws(() => directory.addUser({ id: guest.id, displayName: 'Dup', userPrincipalName: 'new@contoso.com' }), /Duplicate/);
  });

  it('re-indexes a user changed through updateUser, and forgets its old addresses', () => {
    const directory = directoryWithSharedAddress();
    const [megan, adele, jane, alex, kai, lee] = directory.users as SimulatedUser[];
    // Each change is computed when applied, from the user as it then is.
    const changes: [SimulatedUser, () => SimulatedUserChanges][] = [
      [jane!, () => ({ mail: 'KAI@litware.com' })],
      [kai!, () => ({ otherMails: [...kai!.otherMails, 'shared@tailspin.com'] })],
      [kai!, () => ({ otherMails: kai!.otherMails.slice(1) })],
      [lee!, () => ({ proxyAddresses: ['SMTP:jane@fabrikam.com'] })],
      [lee!, () => ({ proxyAddresses: [...lee!.proxyAddresses, 'smtp:alex@northwind.com'] })],
      [alex!, () => ({ otherMails: [] })],
      [adele!, () => ({ userPrincipalName: 'Jane_Fabrikam.com#EXT#@fabrikam.example' })],
      [megan!, () => ({ userPrincipalName: 'megan.bowen@contoso.com' })],
      [alex!, () => ({ mail: null, proxyAddresses: [] })],
      [kai!, () => ({ displayName: 'Kai', givenName: 'Kai', surname: 'Carter', accountEnabled: false })],
    ];
    for (const [user, change] of changes) {
      assert.equal(directory.updateUser(user.id, change()), user);
      assertSameAsScan(directory);
    }
    // The lookups see the new addresses, not just the same answers as a scan.
    assert.equal(directory.findUserByMailOrOtherMails('kai@litware.com'), jane);
    assert.equal(directory.findUserByProxyAddress('alex@northwind.com'), lee);
    assert.equal(directory.findUserByEmail('alex@northwind.com'), lee);
    assert.equal(directory.findUser('MEGAN.BOWEN@contoso.com'), megan);
    const prefixed = filterUsers(directory, compile("startswith(userPrincipalName,'jane_fabrikam.com#EXT#@')"));
    assert.deepEqual(prefixed, [adele, jane]);
    // The old ones match nobody any more.
    assert.equal(directory.findUser('megan@contoso.com'), undefined);
    assert.equal(directory.findUser('adele@contoso.com'), undefined);
    assert.equal(directory.findUserByMailOrOtherMails('jane@fabrikam.com'), jane); // still in her otherMails
    assert.equal(directory.findUserByMailOrOtherMails('alex@northwind.com'), undefined);
    assert.equal(directory.findUserByProxyAddress('lee@woodgrove.com'), undefined);
    assert.deepEqual(filterUsers(directory, compile(existingUserFilter('lee.gu@woodgrove.com'))), []);
    assert.equal(candidateCount(directory, existingUserFilter('lee@woodgrove.com')), 0);
    assert.deepEqual([kai!.displayName, kai!.accountEnabled], ['Kai', false]);
  });

  it('refuses to update an unknown user or to give a user another one\'s UPN or id', () => {
    const directory = directoryWithSharedAddress();
    const [megan, adele] = directory.users as SimulatedUser[];
    assert.throws(() => directory.updateUser('nobody@nowhere.example', { mail: 'x@y.example' }), /No user nobody@nowhere\.example/);
    assert.throws(() => directory.updateUser(megan!.id, { userPrincipalName: 'ADELE@contoso.com' }), /Duplicate/);
    assert.throws(() => directory.updateUser(megan!.id, { userPrincipalName: adele!.id }), /Duplicate/);
    assert.equal(megan!.userPrincipalName, 'megan@contoso.com');
    // Its own UPN in another case is no clash; a user can be named by UPN as well as by id.
    directory.updateUser('megan@contoso.com', { userPrincipalName: 'Megan@Contoso.com', mail: undefined });
    assert.deepEqual([megan!.userPrincipalName, megan!.mail], ['Megan@Contoso.com', 'megan@contoso.com']);
    assertSameAsScan(directory);
  });

  it("copies address arrays, so changing the seed's or the caller's array later changes no user", () => {
    const seed = sandboxDirectorySeed(FIXED_NOW);
    const directory = new SimulatedDirectory(seed, () => FIXED_NOW);
    seed.users.find((user) => user.id === SANDBOX_IDS.users.kaiOtherMails)!.otherMails!.push('late@litware.com');
    assert.deepEqual(directory.findUser(SANDBOX_IDS.users.kaiOtherMails)!.otherMails, ['kai@litware.com']);
    assert.equal(directory.findUserByEmail('late@litware.com'), undefined);
    const otherMails = ['kai.c@litware.com'];
    directory.updateUser(SANDBOX_IDS.users.kaiOtherMails, { otherMails });
    otherMails.push('later@litware.com');
    assert.deepEqual(directory.findUser(SANDBOX_IDS.users.kaiOtherMails)!.otherMails, ['kai.c@litware.com']);
    assert.equal(directory.findUserByEmail('later@litware.com'), undefined);
  });

  it('looks up one guest among 20,000 without testing the filter on each of them', () => {
    const directory = new SimulatedDirectory(sandboxDirectorySeed(FIXED_NOW), () => FIXED_NOW);
    for (let index = 0; index < 20_000; index += 1) {
      directory.createInvitedUser(`guest${index}@tailspin${index % 50}.com`, null, 'Guest');
    }
    const lookup = compile(existingUserFilter('GUEST12345@tailspin45.com'));
    let calls = 0;
    const counting: CompiledFilter = { ...lookup, matches: (record) => (calls++, lookup.matches(record)) };
    const found = filterUsers(directory, counting);
    assert.deepEqual(ids(found), ids(scan(directory, lookup)));
    assert.deepEqual(found.map((user) => user.mail), ['guest12345@tailspin45.com']);
    assert.equal(calls, 1);

    const seventh = directory.users[7]!;
    directory.updateUser(seventh.id, { otherMails: [...seventh.otherMails, 'guest12345@TAILSPIN45.com'] });
    calls = 0;
    assert.deepEqual(ids(filterUsers(directory, counting)), ids(scan(directory, lookup)));
    assert.equal(calls, 2);
  });

  it('pages and counts an indexed lookup over HTTP in directory order', async () => {
    const graph = await startSimulator();
    try {
      const { directory } = graph.simulator;
      for (const displayName of ['Shared 1', 'Shared 2', 'Shared 3']) {
        directory.addUser({ displayName, userPrincipalName: `${displayName.replace(' ', '')}@contoso.com`, otherMails: ['shared@tailspin.com'] });
      }
      directory.addUser({ displayName: 'Shared 0', userPrincipalName: 'shared@tailspin.com' });
      const names: string[] = [];
      let next: string | undefined = `/v1.0/users?${filterQuery(existingUserFilter('Shared@Tailspin.com'))}&$top=2&$count=true`;
      while (next) {
        const response: { status: number; body: any } = await graph.get(next, { ConsistencyLevel: 'eventual' });
        assert.equal(response.status, 200);
        assert.equal(response.body['@odata.count'], 4);
        names.push(...response.body.value.map((user: { displayName: string }) => user.displayName));
        next = response.body['@odata.nextLink'];
      }
      assert.deepEqual(names, ['Shared 1', 'Shared 2', 'Shared 3', 'Shared 0']);
    } finally {
      await graph.close();
    }
  });
});
