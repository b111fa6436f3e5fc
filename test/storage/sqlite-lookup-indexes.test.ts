import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sinon from 'sinon';
import { RequestRepository } from '../../src/invitation/request-repository';
import { MIGRATIONS, openSqliteStore } from '../../src/storage';
import { migrate } from '../../src/storage/sqlite/migrations';
import { SqliteRequestRepository } from '../../src/storage/sqlite/sqlite-request-repository';
import { sampleRequest } from './sample-request';

const GUEST = '0f1e2d3c-4b5a-4978-8877-665544332211';

/**
 * The look-ups status, `pending`, the redemption watcher and housekeeping make, each checked against SQLite's own
 * query planner: each must search the index made for it, never scan the table, whatever the store holds.
 */
describe('sqlite store: look-ups use their indexes', () => {
  let db: Database.Database;
  let repository: RequestRepository;
  /** The plan of each SELECT the repository ran, by the order it ran them in. */
  let plans: string[][];

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db);
    plans = [];
    const prepare = db.prepare.bind(db);
    sinon.stub(db, 'prepare').callsFake(((sql: string) => {
      const statement = prepare(sql) as Statement<unknown[]>;
      if (/^\s*SELECT/.test(sql)) {
        const all = statement.all.bind(statement);
        const explain = prepare(`EXPLAIN QUERY PLAN ${sql}`) as Statement<unknown[], { detail: string }>;
        Object.assign(statement, {
          all: (...params: unknown[]) => {
            plans.push(explain.all(...params).map((row) => row.detail));
            return all(...params);
          },
        });
      }
      return statement;
    }) as typeof db.prepare);
    repository = new SqliteRequestRepository(db);
  });

  afterEach(() => {
    sinon.restore();
    db.close();
  });

  const cases: [name: string, index: string, run: () => Promise<unknown>][] = [
    ['who invited a guest', 'requests_by_guest', () => repository.list({ guestId: GUEST, states: ['invited'] })],
    ['requests for an address', 'requests_by_address', () => repository.list({ address: 'gita@fabrikam.example' })],
    ['expiry due', 'requests_expiry_due', () => repository.listDue({ kind: 'expiry', dueBy: new Date() })],
    ['escalation due', 'requests_escalation_due', () => repository.listDue({ kind: 'escalation', dueBy: new Date() })],
    ['group retries due', 'requests_group_retry_due', () => repository.listDue({ kind: 'groupRetry', dueBy: new Date() })],
    ['the watcher’s guests', 'requests_watch_due', () => repository.listDue({ kind: 'watch', dueFrom: new Date(0) })],
    [
      'one requester’s guests still to accept (pending)',
      'requests_watch_due_by_requester',
      () => repository.listDue({ kind: 'watch', requesterId: 'requester-ayse', dueFrom: new Date(0), limit: 100 }),
    ],
    ['requests left approved or inviting (resume)', 'requests_by_state', () => repository.list({ states: ['approved', 'inviting'] })],
  ];
  for (const [name, index, run] of cases) {
    it(`${name}: searches ${index}, scans nothing`, async () => {
      await repository.create(sampleRequest({ state: 'invited', result: { userId: GUEST } }));
      await run();
      assert.equal(plans.length, 1, 'one query');
      const plan = plans[0]!;
      assert.ok(plan.some((step) => new RegExp(`^SEARCH requests USING (COVERING )?INDEX ${index} `).test(step)), plan.join('\n'));
      assert.ok(!plan.some((step) => /^SCAN requests\b/.test(step)), plan.join('\n'));
    });
  }
});

describe('sqlite store: look-up columns of an upgraded file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guestpass-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are filled from the documents already stored, so every look-up finds the old requests', async () => {
    const filePath = join(dir, 'guestpass.db');
    const before = new Database(filePath);
    for (const migration of MIGRATIONS.slice(0, 2)) before.exec(migration.sql);
    before.pragma('user_version = 2');
    const insert = before.prepare('INSERT INTO requests (id, state, requester_id, created_at, version, document) VALUES (?, ?, ?, ?, 1, ?)');
    const stored = [
      sampleRequest({ id: 'OLDWAIT1', state: 'invited', result: { userId: GUEST.toUpperCase() } }),
      sampleRequest({ id: 'OLDEXPR1', expiresAt: '2025-03-02T09:00:00.000Z' }),
      sampleRequest({
        id: 'OLDGRP01',
        state: 'invited',
        result: { userId: GUEST, groups: [{ id: 'g', kind: 'group', state: 'pending', attempts: 1, nextAttemptAt: '2025-03-01T10:00:00.000Z' }] },
        redemption: { acceptedAt: '2025-03-01T11:00:00.000Z' },
      }),
    ];
    for (const request of stored) insert.run(request.id, request.state, request.requester.id, Date.parse(request.createdAt), JSON.stringify(request));
    before.close();

    const store = openSqliteStore(filePath);
    try {
      const ids = (rows: { value: { id: string } }[]) => rows.map((row) => row.value.id);
      const now = new Date('2025-03-05T00:00:00.000Z');
      assert.deepEqual(ids(await store.requests.list({ guestId: GUEST })), ['OLDGRP01', 'OLDWAIT1']);
      assert.deepEqual(ids(await store.requests.list({ address: stored[1]!.invitation.email.toUpperCase() })), ['OLDEXPR1']);
      assert.deepEqual(ids(await store.requests.listDue({ kind: 'expiry', dueBy: now })), ['OLDEXPR1']);
      assert.deepEqual(ids(await store.requests.listDue({ kind: 'groupRetry', dueBy: now })), ['OLDGRP01']);
      assert.deepEqual(ids(await store.requests.listDue({ kind: 'watch' })), ['OLDWAIT1']);
    } finally {
      await store.close();
    }
  });
});
