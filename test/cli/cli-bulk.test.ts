import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseBulkCsv } from '../../src/bulk/parse-bulk-csv';
import { StoreBulkLedger } from '../../src/bulk/store-ledger';
import { systemClock } from '../../src/invitation/clock';
import { openSqliteStore } from '../../src/storage';
import { TEMPLATE_HEADERS } from '../../src/bulk/csv-columns';
import { DEFAULT_POLICY } from '../../src/invitation/policy';
import { guestRows, TEMPLATE_HEADER, templateCsv } from '../bulk/support/bulk-files';
import { GraphStage } from '../bulk/support/graph-stage';
import { captured, cli } from './cli-runner';

const AS_MEGAN = ['--as', 'megan@contoso.com'];

describe('guestpass bulk', function () {
  let stage: GraphStage;
  let dir: string;
  /** A durable store in a folder of its own: every command opens and closes it, as separate processes would. */
  let env: NodeJS.ProcessEnv;
  const file = (name: string, rows: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, templateCsv(rows));
    return path;
  };
  const resultFiles = () => readdirSync(dir).filter((name) => name.includes('.results-'));
  const readResult = (name: string) => parse(readFileSync(join(dir, name)), { bom: true }) as string[][];

  beforeEach(async () => {
    stage = await GraphStage.start();
    dir = mkdtempSync(join(tmpdir(), 'guestpass-cli-bulk-'));
    env = { STORE: 'sqlite', DATA_DIR: join(dir, 'data') };
  });
  afterEach(async () => {
    await stage.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks every row first: errors by row, exit 1, nothing sent', async () => {
    const csv = file('guests.csv', ['ok@tailspin.com,,,,', 'not-an-address,,,,', 'ok@tailspin.com,,,,']);
    const run = await cli(stage, [...AS_MEGAN, 'bulk', csv], { env });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Row 4: "not-an-address" is not a valid email address\.\nRow 5: The same address is already on row 3\.\nNothing was sent/);
    assert.equal(stage.invitationPosts().length, 0);
    assert.deepEqual(resultFiles(), []);
    const json = await cli(stage, [...AS_MEGAN, '--json', 'bulk', csv], { env });
    assert.deepEqual(json.json<{ invalid: { line: number }[] }>().invalid.map((row) => row.line), [4, 5]);
  });

  it('previews with --dry-run: what the policy would do, nothing sent', async () => {
    const csv = file('guests.csv', ['a@tailspin.com,,,,', 'b@contoso.com,,,,']);
    const run = await cli(stage, [...AS_MEGAN, 'bulk', csv, '--dry-run'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /contoso\.com \(1\): the organization's own: not invited\n {2}tailspin\.com \(1\): invited right away/);
    assert.equal(stage.invitationPosts().length, 0);
  });

  it('invites, writes the result file (the only place with redeem URLs), and a re-run skips the settled rows', async () => {
    const csv = file('guests.csv', ['a@tailspin.com,,true,,Ann', 'b@tailspin.com,,false,,Bob', 'jane@fabrikam.com,,,,', 'c@contoso.com,,,,']);
    const run = await cli(stage, [...AS_MEGAN, '--json', 'bulk', csv], { env });
    assert.equal(run.code, 0, run.stderr);
    const summary = run.json<{ counts: Record<string, number>; redeemUrlsInResultFile: number; resultFile: string }>();
    assert.deepEqual([summary.counts.invited, summary.counts.alreadyExists, summary.counts.internal], [2, 1, 1]);
    assert.equal(summary.redeemUrlsInResultFile, 1);
    assert.doesNotMatch(run.stdout, /redeem\?rd=/, 'never on stdout');
    assert.match(run.stderr, /keep it as private as a password/);
    assert.equal(statSync(summary.resultFile).mode & 0o777, 0o600, 'only its owner can read it');
    const rows = readResult(resultFiles()[0]!);
    assert.deepEqual(rows.slice(1).map((row) => [row[0], row[2]]), [['3', 'invited'], ['4', 'invited'], ['5', 'alreadyExists'], ['6', 'internal']]);
    assert.match(rows[2]![6]!, /^https:\/\/login\.microsoftonline\.com\/redeem\?rd=/);
    assert.equal(stage.invitationPosts().length, 2);

    const again = await cli(stage, [...AS_MEGAN, 'bulk', csv], { env });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Done in an earlier run +4/);
    assert.equal(stage.invitationPosts().length, 2, 'no second POST /invitations');
    assert.equal(resultFiles().length, 2, 'a new result file; the first one, with its redeem URL, is kept');
  });

  it('reads expiresAfterDays: rows beyond the maximum or not days are refused by row; the others end when asked or by default', async () => {
    const policy = { ...DEFAULT_POLICY, access: { defaultDays: 30, maxDays: 90, domains: [] } };
    const path = join(dir, 'days.csv');
    const header = `${TEMPLATE_HEADER},${TEMPLATE_HEADERS.expiresAfterDays}`;
    writeFileSync(path, ['version:v1.0', header, 'a@tailspin.com,,,,Ann,60', 'b@tailspin.com,,,,Bob,', 'c@tailspin.com,,,,Cem,91', 'd@tailspin.com,,,,Dan,soon'].join('\r\n') + '\r\n');
    const dayIn = (days: number) => {
      const now = new Date();
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
    };

    const checked = await cli(stage, [...AS_MEGAN, 'bulk', path], { env, overrides: { policy } });
    assert.equal(checked.code, 1);
    assert.match(checked.stderr, new RegExp(`Row 5: Access for this guest can last at most 90 days: the latest end date is ${dayIn(90)}\\.\nRow 6: "soon" is not a number of days between 1 and 3650\\.`));
    assert.equal(stage.invitationPosts().length, 0);

    const run = await cli(stage, [...AS_MEGAN, '--json', 'bulk', path, '--skip-invalid'], { env, overrides: { policy } });
    assert.equal(run.code, 2, run.stderr);
    const results = run.json<{ results: { line: number; accessEndsAt?: string }[] }>().results;
    assert.deepEqual(
      results.map((row) => [row.line, row.accessEndsAt]),
      [[3, `${dayIn(60)}T23:59:59.999Z`], [4, `${dayIn(30)}T23:59:59.999Z`], [5, undefined], [6, undefined]],
    );
    const [resultHeader, ...rows] = readResult(resultFiles()[0]!);
    assert.equal(resultHeader?.[7], 'Access ends');
    assert.deepEqual(
      rows.map((row) => [row[0], row[2], row[7]]),
      [['3', 'invited', dayIn(60)], ['4', 'invited', dayIn(30)], ['5', 'invalid', ''], ['6', 'invalid', '']],
    );
    assert.equal(stage.invitationPosts().length, 2);

  });

  it('continues after Ctrl+C where it stopped, without inviting anyone twice', async () => {
    const csv = file('guests.csv', guestRows(8));
    const interrupt = new AbortController();
    stage.onInvitationPost = (count) => (count === 3 ? interrupt.abort() : undefined);
    const first = await cli(stage, [...AS_MEGAN, 'bulk', csv, '--concurrency', '1'], { env, signal: interrupt.signal });
    assert.equal(first.code, 130, first.stderr);
    assert.match(first.stderr, /interrupted/);
    const [partial] = resultFiles();
    const notRun = readResult(partial!).filter((row) => row[2] === 'notRun').length;
    assert.ok(notRun >= 4, `rows not attempted are in the result file (${notRun})`);

    stage.onInvitationPost = undefined;
    const second = await cli(stage, [...AS_MEGAN, '--json', 'bulk', csv], { env });
    assert.equal(second.code, 0, second.stderr);
    const counts = second.json<{ counts: Record<string, number> }>().counts;
    assert.equal(counts.skipped, 8 - notRun);
    assert.equal(counts.invited, notRun);
    assert.deepEqual([...stage.invitationsPerAddress().values()], Array(8).fill(1));
    assert.equal(stage.invitationPosts().length, 8);
  });

  it('exits 2 with --skip-invalid when rows were left out, and reports them in the result file', async () => {
    const csv = file('guests.csv', ['a@tailspin.com,,,,', 'bad,,,,']);
    const run = await cli(stage, [...AS_MEGAN, 'bulk', csv, '--skip-invalid'], { env });
    assert.equal(run.code, 2);
    assert.deepEqual(readResult(resultFiles()[0]!).slice(1).map((row) => row[2]), ['invited', 'invalid']);
  });

  it('never overwrites a result file, and finds out before inviting anyone', async () => {
    const csv = file('guests.csv', ['a@tailspin.com,,,,']);
    const out = join(dir, 'results.csv');
    writeFileSync(out, 'earlier results');
    const run = await cli(stage, [...AS_MEGAN, 'bulk', csv, '--out', out], { env });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /already exists; result files are never overwritten/);
    assert.equal(readFileSync(out, 'utf8'), 'earlier results');
    assert.equal(stage.invitationPosts().length, 0);
  });

  it('exits 4 while another run holds the same file, leaving no result file', async () => {
    const rows = ['a@tailspin.com,,,,'];
    const csv = file('guests.csv', rows);
    const parsed = parseBulkCsv(Buffer.from(templateCsv(rows)));
    assert.ok(parsed.ok);
    const store = openSqliteStore(join(dir, 'data', 'guestpass.sqlite'));
    await new StoreBulkLedger(store.state, store.leases, systemClock).claim(parsed.fileId, 'another-run');
    await store.close();
    const run = await cli(stage, [...AS_MEGAN, 'bulk', csv], { env });
    assert.equal(run.code, 4);
    assert.match(run.stderr, /already being processed/);
    assert.deepEqual(resultFiles(), []);
    assert.equal(stage.invitationPosts().length, 0);
  });

  it('exits 3 and stops when Graph refuses for want of a permission', async () => {
    stage.simulator.enqueueFault(
      { method: 'POST', pathPrefix: '/v1.0/invitations' },
      { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } } },
    );
    const csv = file('guests.csv', guestRows(5));
    const run = await cli(stage, [...AS_MEGAN, '--json', 'bulk', csv, '--concurrency', '1'], { env });
    assert.equal(run.code, 3);
    const summary = run.json<{ stoppedBy: string; counts: Record<string, number> }>();
    assert.equal(summary.stoppedBy, 'insufficientPrivileges');
    assert.deepEqual([summary.counts.failed, summary.counts.notRun], [1, 4]);
  });

  it('draws a progress bar on a terminal, and never with --json or in a pipe', async () => {
    const csv = file('guests.csv', guestRows(3));
    const terminal = captured(true);
    assert.equal((await cli(stage, [...AS_MEGAN, 'bulk', csv], { env, stderr: terminal })).code, 0);
    assert.match(terminal.text, /Inviting \[/);
    const other = file('other.csv', guestRows(3, 'other'));
    const scripted = captured(true);
    assert.equal((await cli(stage, [...AS_MEGAN, '--json', 'bulk', other], { env, stderr: scripted })).code, 0);
    assert.doesNotMatch(scripted.text, /Inviting/);
    assert.ok(existsSync(join(dir, 'data', 'guestpass.sqlite')));
  });
});
