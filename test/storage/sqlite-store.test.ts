import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import sinon from 'sinon';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AddressAlreadyRequestedError } from '../../src/invitation/request-repository';
import { ConcurrencyError, GuestPassStore, MIGRATIONS, openSqliteStore, openStore, SCHEMA_VERSION } from '../../src/storage';
import { GUEST_LIST_QUERIES } from '../../src/storage/sqlite/sqlite-governed-guests';
import { assertExactlyOneUpdateWins } from './contract/governed-guest-contract';
import { sampleGuest } from './sample-guest';
import { sampleRequest } from './sample-request';
import { describeStoreContract } from './store-contract';

/** A fresh temp folder per test; the database goes in a subfolder that does not exist yet, as on a first start. */
function makeTempDatabasePath(): { dir: string; filePath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'guestpass-sqlite-'));
  return { dir, filePath: join(dir, 'data', 'guestpass.db') };
}

let tempDir: string | undefined;
const removeTempDir = async () => {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = undefined;
};

describeStoreContract(
  'sqlite (file)',
  async () => {
    const { dir, filePath } = makeTempDatabasePath();
    tempDir = dir;
    return openSqliteStore(filePath);
  },
  removeTempDir,
);

describeStoreContract('sqlite (:memory:)', async () => openSqliteStore(':memory:'));

describe('sqlite store (file-specific)', () => {
  let filePath: string;
  const opened: GuestPassStore[] = [];
  const open = () => {
    const store = openSqliteStore(filePath);
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    const temp = makeTempDatabasePath();
    tempDir = temp.dir;
    filePath = temp.filePath;
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await removeTempDir();
  });

  it('keeps everything across close and reopen', async () => {
    const request = sampleRequest();
    const first = open();
    const created = await first.requests.create(request);
    await first.audit.append({ at: request.createdAt, event: 'request.created', requestId: request.id });
    await first.conversations.save('requester-ayse', { serviceUrl: 'https://smba.example/' });
    await first.approvalCards.add(request.id, {
      conversationId: 'c',
      activityId: 'a',
      serviceUrl: 'https://smba.example/',
      kind: 'channel',
    });
    await first.leases.tryAcquire('job', 'instance-a', 60_000, new Date());
    const state = await first.state.put('watcher', { cursor: 7 });
    await first.close();

    const second = open();
    assert.deepEqual(await second.requests.get(request.id), created);
    assert.deepEqual(await second.audit.latest(1), [
      { at: request.createdAt, event: 'request.created', requestId: request.id },
    ]);
    assert.deepEqual(await second.conversations.get('requester-ayse'), { serviceUrl: 'https://smba.example/' });
    assert.equal((await second.approvalCards.list(request.id)).length, 1);
    assert.equal(await second.leases.tryAcquire('job', 'instance-b', 60_000, new Date()), false);
    assert.deepEqual(await second.state.get('watcher'), state);
  });

  it("lets two connections to one file see each other's writes", async () => {
    const a = open();
    const b = open();
    const created = await a.requests.create(sampleRequest());
    assert.deepEqual(await b.requests.get(created.value.id), created);

    const updated = await b.requests.update({ ...created.value, state: 'approved' }, created.etag);
    assert.deepEqual(await a.requests.get(created.value.id), updated);

    await a.audit.append({ at: created.value.createdAt, event: 'from.a' });
    await b.audit.append({ at: created.value.createdAt, event: 'from.b' });
    assert.deepEqual(
      (await a.audit.latest(2)).map((e) => e.event),
      ['from.b', 'from.a'],
    );
  });

  it('keeps governed guests and what they are listed under across close and reopen', async () => {
    const sponsorId = '6a1b4c2e-0000-4000-8000-0000000000aa';
    const first = open();
    const created = await first.guests.create(sampleGuest({ address: 'Kept@fabrikam.example', sponsorIds: [sponsorId], dueAt: '2025-05-01T00:00:00.000Z' }));
    const orphan = await first.guests.create(sampleGuest({ sponsorIds: [], dueAt: undefined }));
    await first.close();

    const second = open();
    assert.deepEqual(await second.guests.get(created.value.userId), created);
    assert.deepEqual(await second.guests.listDue(new Date('2025-05-01T00:00:00.000Z'), 10), [created]);
    assert.deepEqual(await second.guests.listBySponsor(sponsorId, 10), [created]);
    assert.deepEqual(await second.guests.listWithoutSponsor(10), [orphan]);
    assert.deepEqual(await second.guests.findByAddress('kept@fabrikam.example'), created);
    const updated = await second.guests.update({ ...created.value, state: 'disabled' }, created.etag);
    assert.deepEqual(await second.guests.get(created.value.userId), updated);
  });

  it('lets only one of two connections win an update of a governed guest', async () => {
    await assertExactlyOneUpdateWins(open(), open());
  });

  it('answers every list of governed guests from an index, never by reading the whole table', async () => {
    const store = open();
    for (let index = 0; index < 20; index++) {
      await store.guests.create(sampleGuest({ sponsorIds: index % 3 === 0 ? [] : [`6a1b4c2e-0000-4000-8000-0000000000${index % 5}0`] }));
    }
    const raw = new Database(filePath, { readonly: true });
    try {
      const expected: Record<keyof typeof GUEST_LIST_QUERIES, RegExp[]> = {
        due: [/^SEARCH governed_guests USING INDEX governed_guests_by_due \(due_at<\?\)$/],
        bySponsor: [/^SEARCH s USING PRIMARY KEY \(sponsor_id=\?\)$/, /^SEARCH g USING INDEX sqlite_autoindex_governed_guests_1 \(user_id=\?\)$/],
        withoutSponsor: [/^SCAN governed_guests USING INDEX governed_guests_without_sponsor$/],
        all: [/^SCAN governed_guests USING INDEX sqlite_autoindex_governed_guests_1$/],
        after: [/^SEARCH governed_guests USING INDEX sqlite_autoindex_governed_guests_1 \(user_id>\?\)$/],
        byAddress: [/^SEARCH governed_guests USING INDEX governed_guests_by_address \(address=\?\)$/],
      };
      for (const [name, sql] of Object.entries(GUEST_LIST_QUERIES) as [keyof typeof GUEST_LIST_QUERIES, string][]) {
        const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...sql.split('?').slice(1).map(() => 1)) as { detail: string }[]).map((row) => row.detail);
        // A scan of the partial index reads only the guests without a sponsor, and `all` reads only the page it returns.
        assert.equal(plan.length, expected[name].length, `${name}: ${plan.join('; ')}`);
        expected[name].forEach((pattern, index) => assert.match(plan[index]!, pattern, `${name}: ${plan.join('; ')}`));
      }
    } finally {
      raw.close();
    }
  });

  it('lets only one of two connections win with the same etag', async () => {
    const a = open();
    const b = open();
    const created = await a.requests.create(sampleRequest());
    const readByA = (await a.requests.get(created.value.id))!;
    const readByB = (await b.requests.get(created.value.id))!;

    const winner = await a.requests.update({ ...readByA.value, state: 'approved' }, readByA.etag);
    await assert.rejects(b.requests.update({ ...readByB.value, state: 'rejected' }, readByB.etag), ConcurrencyError);
    assert.deepEqual(await b.requests.get(created.value.id), winner);
  });

  it('shares leases between connections', async () => {
    const a = open();
    const b = open();
    const now = new Date('2025-03-01T09:00:00.000Z');
    assert.equal(await a.leases.tryAcquire('job', 'instance-a', 1_000, now), true);
    assert.equal(await b.leases.tryAcquire('job', 'instance-b', 1_000, now), false);
    await a.leases.release('job', 'instance-a');
    assert.equal(await b.leases.tryAcquire('job', 'instance-b', 1_000, now), true);
  });

  it('creates the schema once, at the current version, in WAL mode', async () => {
    await open().close();
    await open().close(); // reopening must not try to create the tables again
    const raw = new Database(filePath, { readonly: true });
    try {
      assert.equal(raw.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      raw.close();
    }
  });

  it('says when commits reach the disk, on a new file and on a reopened one alike', async () => {
    // A connection's own setting: only the connection can tell, so the pragma it was given is what is checked.
    const pragma = sinon.spy(Database.prototype, 'pragma');
    try {
      for (const [synchronous, expected] of [[undefined, 'NORMAL'], ['normal', 'NORMAL'], ['full', 'FULL']] as const) {
        for (const attempt of ['new', 'reopened']) {
          pragma.resetHistory();
          await openSqliteStore(filePath, synchronous).close();
          assert.ok(pragma.calledWith(`synchronous = ${expected}`), `${attempt} file, ${synchronous ?? 'default'}: ${pragma.args.map((args) => String(args[0])).join('; ')}`);
        }
      }
    } finally {
      pragma.restore();
    }
  });

  it('gives the requests already open in an upgraded file their address, the oldest of several first', async () => {
    mkdirSync(dirname(filePath), { recursive: true });
    const v1 = new Database(filePath);
    v1.exec(MIGRATIONS[0]!.sql);
    v1.pragma('user_version = 1');
    const insert = v1.prepare('INSERT INTO requests (id, state, requester_id, created_at, version, document) VALUES (?, ?, ?, ?, 1, ?)');
    const older = sampleRequest({ id: 'OLDER001', createdAt: '2025-03-01T09:00:00.000Z' });
    const newer = sampleRequest({ id: 'NEWER001', createdAt: '2025-03-02T09:00:00.000Z' });
    const settled = sampleRequest({ id: 'DONE0001', state: 'invited' });
    for (const request of [newer, older, settled]) {
      const same = { ...request, invitation: { ...request.invitation, email: request.id === 'NEWER001' ? 'Twice@fabrikam.example' : 'twice@fabrikam.example' } };
      insert.run(same.id, same.state, same.requester.id, Date.parse(same.createdAt), JSON.stringify(same));
    }
    v1.close();

    const store = open();
    await assert.rejects(store.requests.create(sampleRequest({ invitation: { ...older.invitation, email: 'twice@fabrikam.example' } })), (error: unknown) => {
      assert.ok(error instanceof AddressAlreadyRequestedError);
      assert.equal(error.holder.id, 'OLDER001');
      return true;
    });
  });

  it('takes over a claim its request no longer holds', async () => {
    const store = open();
    const held = await store.requests.create(sampleRequest());
    const raw = new Database(filePath);
    try {
      // As if the request had settled without its claim being let go of (written by other software, say).
      raw.prepare("UPDATE requests SET state = 'failed', document = json_set(document, '$.state', 'failed') WHERE id = ?").run(held.value.id);
      raw.prepare("INSERT INTO address_claims (address, request_id) VALUES ('ghost@fabrikam.example', 'NOSUCHID')").run();
    } finally {
      raw.close();
    }
    const next = await store.requests.create({ ...sampleRequest(), invitation: held.value.invitation });
    assert.equal(next.value.invitation.email, held.value.invitation.email);
    const ghost = sampleRequest();
    await store.requests.create({ ...ghost, invitation: { ...ghost.invitation, email: 'ghost@fabrikam.example' } });
    await assert.rejects(store.requests.create(sampleRequest({ invitation: { ...ghost.invitation, email: 'GHOST@fabrikam.example' } })), AddressAlreadyRequestedError);
  });

  it('refuses a file written by a newer GuestPass', async () => {
    await open().close();
    const raw = new Database(filePath);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    assert.throws(() => open(), /newer than this GuestPass knows/);
  });

  it('keeps the audit trail append-only', async () => {
    const store = open();
    await store.audit.append({ at: '2025-03-01T09:00:00.000Z', event: 'request.created' });
    const raw = new Database(filePath);
    try {
      assert.throws(() => raw.prepare('DELETE FROM audit').run(), /append-only/);
    } finally {
      raw.close();
    }
  });

  it('is what openStore opens for kind sqlite', async () => {
    const store = await openStore({ kind: 'sqlite', filePath });
    opened.push(store);
    assert.equal(store.kind, 'sqlite');
    await store.checkHealth();
  });
});
