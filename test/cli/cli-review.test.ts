import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { REPORT_HEADER } from '../../src/cli/guest-report-csv';
import { GovernedGuest } from '../../src/invitation/lifecycle/governed-guest';
import { DEFAULT_POLICY } from '../../src/invitation/policy';
import { createMemoryStore, openSqliteStore } from '../../src/storage';
import { GraphStage } from '../bulk/support/graph-stage';
import { sampleGuest } from '../storage/sample-guest';
import { cli } from './cli-runner';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const SPONSOR_A = '6a1b4c2e-0000-4000-8000-00000000000a';
const SPONSOR_B = '6a1b4c2e-0000-4000-8000-00000000000b';

/** Guests whose next step the lifecycle's rules make plain, among many more than one page of the store. */
const ENDING: Partial<GovernedGuest> = {
  userId: '00000000-0000-4000-8000-0000000000e1',
  address: 'ending@fabrikam.example',
  displayName: 'Ena Ending',
  sponsorIds: [SPONSOR_A, SPONSOR_B],
  accessEndsAt: '2027-03-31T23:59:59.999Z',
  review: undefined,
  dueAt: undefined,
  requestId: 'ENDS0001',
  invitedBy: { id: 'requester-ayse', displayName: 'Ayşe Yılmaz' },
};
const DISABLED: Partial<GovernedGuest> = {
  userId: '00000000-0000-4000-8000-0000000000d1',
  address: 'disabled@fabrikam.example',
  displayName: '=HYPERLINK("https://evil.example")',
  state: 'disabled',
  disabledAt: '2026-11-20T00:00:00.000Z',
  deleteAt: '2026-12-20T00:00:00.000Z',
  removalReason: 'accessEnded',
};
const DELETED: Partial<GovernedGuest> = {
  userId: '00000000-0000-4000-8000-0000000000de',
  address: 'gone@fabrikam.example',
  state: 'deleted',
  deletedAt: '2026-10-01T00:00:00.000Z',
  requestId: undefined,
  invitedBy: undefined,
  lastSignInAt: undefined,
};
const MANY = 450;

describe('guestpass review --report', function () {
  let stage: GraphStage;
  let dir: string;
  let store: ReturnType<typeof createMemoryStore>;
  const overrides = () => ({ store, clock: { now: () => NOW }, policy: DEFAULT_POLICY });

  beforeEach(async () => {
    stage = await GraphStage.start();
    dir = mkdtempSync(join(tmpdir(), 'guestpass-cli-review-'));
    store = createMemoryStore();
    for (const special of [ENDING, DISABLED, DELETED]) await store.guests.create(sampleGuest(special));
    for (let i = 0; i < MANY; i++) await store.guests.create(sampleGuest({ address: `many${i}@tailspin.example` }));
  });
  afterEach(async () => {
    await stage.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every governed guest as CSV to standard output, with what happens next and when', async () => {
    const run = await cli(stage, ['review', '--report'], { overrides: overrides() });
    assert.equal(run.code, 0, run.stderr);
    const [header, ...rows] = parse(run.stdout) as string[][];
    assert.deepEqual(header, [...REPORT_HEADER]);
    assert.equal(rows.length, MANY + 3, 'every guest, across pages of the store');
    assert.equal(new Set(rows.map((row) => row[11])).size, MANY + 3, 'none twice');
    const byAddress = new Map(rows.map((row) => [row[0], row]));
    assert.deepEqual(byAddress.get('ending@fabrikam.example'), [
      'ending@fabrikam.example', 'Ena Ending', 'active', 'accepted', `${SPONSOR_A};${SPONSOR_B}`, '2027-03-31T23:59:59.999Z',
      '2025-03-10T08:00:00.000Z', 'review', '2027-03-17T23:59:59.999Z', 'Ayşe Yılmaz', 'ENDS0001', '00000000-0000-4000-8000-0000000000e1',
    ]);
    const disabled = byAddress.get('disabled@fabrikam.example');
    assert.deepEqual([disabled?.[1], disabled?.[2], disabled?.[7], disabled?.[8]], ["'=HYPERLINK(\"https://evil.example\")", 'disabled', 'delete', '2026-12-20T00:00:00.000Z']);
    const gone = byAddress.get('gone@fabrikam.example');
    assert.deepEqual([gone?.[2], gone?.[6], gone?.[7], gone?.[8], gone?.[9], gone?.[10]], ['deleted', '', 'none', '', '', '']);
    assert.equal(stage.simulator.requests.length, 0, 'the report reads the store, not Graph');
  });

  it('gives one JSON array with --json, a guest per line', async () => {
    const run = await cli(stage, ['--json', 'review', '--report'], { overrides: overrides() });
    assert.equal(run.code, 0, run.stderr);
    const guests = run.json<{ address: string; nextAction: string; nextActionAt?: string; sponsorIds: string[]; invitedBy?: { displayName: string } }[]>();
    assert.equal(guests.length, MANY + 3);
    assert.equal(run.stdout.split('\n').length, MANY + 3 + 3, '[, one line per guest, ], and the final newline');
    const ending = guests.find((guest) => guest.address === 'ending@fabrikam.example');
    assert.deepEqual(
      { next: ending?.nextAction, at: ending?.nextActionAt, sponsors: ending?.sponsorIds, by: ending?.invitedBy?.displayName },
      { next: 'review', at: '2027-03-17T23:59:59.999Z', sponsors: [SPONSOR_A, SPONSOR_B], by: 'Ayşe Yılmaz' },
    );
  });

  it('writes a new file, readable only by its owner, with --output; never over an existing one', async () => {
    const path = join(dir, 'guests.csv');
    const run = await cli(stage, ['review', '--report', '--output', path], { overrides: overrides() });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, new RegExp(`Wrote ${MANY + 3} governed guests to .*guests\\.csv`));
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const text = readFileSync(path, 'utf8');
    assert.ok(text.startsWith('\ufeff'), 'with a BOM, for Excel');
    assert.equal((parse(text, { bom: true }) as string[][]).length, MANY + 4);

    writeFileSync(join(dir, 'kept.csv'), 'keep me');
    const again = await cli(stage, ['review', '--report', '--output', join(dir, 'kept.csv')], { overrides: overrides() });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists; the report never overwrites a file/);
    assert.equal(readFileSync(join(dir, 'kept.csv'), 'utf8'), 'keep me');
  });

  it('reads the store the bot uses: the SQLite file in DATA_DIR, across its pages', async () => {
    mkdirSync(join(dir, 'data'));
    const sqlite = openSqliteStore(join(dir, 'data', 'guestpass.sqlite'));
    for (const special of [ENDING, DISABLED, DELETED]) await sqlite.guests.create(sampleGuest(special));
    for (let i = 0; i < MANY; i++) await sqlite.guests.create(sampleGuest({ address: `many${i}@tailspin.example` }));
    await sqlite.close();
    const run = await cli(stage, ['--json', 'review', '--report'], { env: { STORE: 'sqlite', DATA_DIR: join(dir, 'data') }, overrides: { clock: { now: () => NOW } } });
    assert.equal(run.code, 0, run.stderr);
    const guests = run.json<{ userId: string; address: string; nextAction: string }[]>();
    assert.equal(guests.length, MANY + 3);
    assert.equal(new Set(guests.map((guest) => guest.userId)).size, MANY + 3, 'none twice');
    assert.equal(guests.find((guest) => guest.address === 'disabled@fabrikam.example')?.nextAction, 'delete');
  });

  it('reports an empty store as a header alone, or an empty array', async () => {
    const empty = createMemoryStore();
    const csv = await cli(stage, ['review', '--report'], { overrides: { ...overrides(), store: empty } });
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(csv.stdout, `${REPORT_HEADER.join(',')}\r\n`);
    const json = await cli(stage, ['--json', 'review', '--report'], { overrides: { ...overrides(), store: empty } });
    assert.deepEqual(json.json(), []);
  });

  it('says in the operator\'s language what to ask for without --report, and where a file cannot go', async () => {
    const bare = await cli(stage, ['review'], { overrides: overrides() });
    assert.equal(bare.code, 1);
    assert.match(bare.stderr, /guestpass review --report writes every governed guest/);
    const turkish = await cli(stage, ['review'], { overrides: overrides(), env: { LANG: 'tr_TR.UTF-8' } });
    assert.match(turkish.stderr, /Ne yapılacağını söyleyin/);
    const nowhere = await cli(stage, ['review', '--report', '--output', join(dir, 'missing', 'r.csv')], { overrides: overrides() });
    assert.equal(nowhere.code, 1);
    assert.match(nowhere.stderr, /its folder does not exist/);
    assert.equal(existsSync(join(dir, 'missing')), false);
  });
});
