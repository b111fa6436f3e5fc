import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphStage } from '../bulk/support/graph-stage';
import { guestRows, templateCsv } from '../bulk/support/bulk-files';
import { captured, cli } from './cli-runner';

const AS_MEGAN = ['--as', 'megan@contoso.com'];
const TURKISH = { LANG: 'tr_TR.UTF-8' };

/** What a person reads: sentences with proper plurals in their terminal's language; codes only in --json. */
describe('the guestpass command line, written for people', function () {
  let stage: GraphStage;
  let dir: string;
  beforeEach(async () => {
    stage = await GraphStage.start();
    dir = mkdtempSync(join(tmpdir(), 'guestpass-cli-human-'));
  });
  afterEach(async () => {
    await stage.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says an existing guest is already in the directory, and keeps the code for --json', async () => {
    const run = await cli(stage, [...AS_MEGAN, 'invite', 'jane@fabrikam.com']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^jane@fabrikam\.com: Already in the directory\. A user with this address already exists/);
    assert.doesNotMatch(run.stdout, /alreadyExists/);
    assert.equal((await cli(stage, [...AS_MEGAN, '--json', 'invite', 'jane@fabrikam.com'])).json().kind, 'alreadyExists');

    const turkish = await cli(stage, [...AS_MEGAN, 'invite', 'jane@fabrikam.com'], { env: TURKISH });
    assert.match(turkish.stdout, /^jane@fabrikam\.com: Zaten dizinde\./);
  });

  it('counts in singular and plural, in English and Turkish', async () => {
    const one = join(dir, 'one.csv');
    writeFileSync(one, templateCsv(['a@tailspin.com,,,,']));
    const preview = await cli(stage, [...AS_MEGAN, 'bulk', one, '--dry-run']);
    assert.equal(preview.code, 0, preview.stderr);
    assert.match(preview.stdout, /^one\.csv: 1 row, 1 ready to invite, 0 with errors$/m);

    const pending = await cli(stage, [...AS_MEGAN, 'pending']);
    assert.equal(pending.code, 0, pending.stderr);
    assert.match(pending.stdout, /^Pending in the tenant \(longest waiting first\): 1 guest$/m);
    assert.match(pending.stdout, /^Invited by you through GuestPass: 0 guests$/m);

    const turkish = await cli(stage, [...AS_MEGAN, 'pending'], { env: TURKISH });
    assert.match(turkish.stdout, /^Kiracıda bekleyenler \(en uzun bekleyen önce\): 1 konuk$/m);
  });

  it('runs a bulk invitation in Turkish: progress bar and summary', async () => {
    const csv = join(dir, 'misafirler.csv');
    writeFileSync(csv, templateCsv(guestRows(2)));
    const terminal = captured(true);
    const run = await cli(stage, [...AS_MEGAN, 'bulk', csv], { env: { ...TURKISH, STORE: 'sqlite', DATA_DIR: join(dir, 'data') }, stderr: terminal });
    assert.equal(run.code, 0, terminal.text);
    assert.match(terminal.text, /Davet ediliyor \[/);
    assert.match(run.stdout, /^misafirler\.csv: 2 satır$/m);
    assert.match(run.stdout, /^Sonuç dosyası: /m);
  });

  it('says on stderr, in words, that a file is missing, with exit code 1 and nothing on stdout', async () => {
    const missing = join(dir, 'nope.csv');
    const run = await cli(stage, [...AS_MEGAN, 'bulk', missing]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trim(), `Cannot read ${missing}: there is no such file.`);

    const turkish = await cli(stage, [...AS_MEGAN, 'bulk', missing], { env: TURKISH });
    assert.equal(turkish.stderr.trim(), `${missing} okunamıyor: böyle bir dosya yok.`);
  });

  it('says in words that the policy file is missing, on stderr with exit code 1', async () => {
    const run = await cli(stage, ['status', 'jane@fabrikam.com'], { env: { POLICY_FILE: join(dir, 'policy.yaml') } });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /POLICY_FILE: cannot read \S+policy\.yaml: there is no such file/);
    assert.doesNotMatch(run.stderr, /ENOENT/);
  });

  it('says why --as could not be looked up in words, not as a code', async () => {
    stage.simulator.enqueueFault({ method: 'GET', pathPrefix: '/v1.0/users' }, { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'denied' } } }, 10);
    const run = await cli(stage, [...AS_MEGAN, 'invite', 'x@tailspin.com']);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /Could not look up megan@contoso\.com in the directory\. \S/);
    assert.doesNotMatch(run.stderr, /insufficientPrivileges/);
  });
});
