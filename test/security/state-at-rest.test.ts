import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GuestPassStore, openSqliteStore } from '../../src/storage';
import { BotHarness } from '../integration/bot-harness';
import { sampleRequest } from '../storage/sample-request';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

interface Warning {
  details: Record<string, unknown>;
  message: string;
}

/**
 * What GuestPass keeps at rest in SQLite (requests, the audit trail, conversation references) is readable by the
 * account it runs as and nobody else: DATA_DIR 0700, the database and its -wal and -shm files 0600, whatever the
 * umask, also when an earlier version left them open.
 */
describe('state at rest in SQLite', function () {
  if (process.platform === 'win32') return;
  let root: string;
  let store: GuestPassStore | undefined;
  let warnings: Warning[];
  const warn = (details: Record<string, unknown>, message: string) => warnings.push({ details, message });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'guestpass-at-rest-'));
    warnings = [];
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  /** Opens the store and writes through it, so SQLite has its -wal and -shm files. */
  async function openAndWrite(dataDir: string): Promise<string> {
    const filePath = join(dataDir, 'guestpass.sqlite');
    store = openSqliteStore(filePath, 'normal', warn);
    await store.requests.create(sampleRequest());
    assert.ok(existsSync(`${filePath}-wal`) && existsSync(`${filePath}-shm`), 'SQLite is in WAL mode with its companion files');
    return filePath;
  }

  function assertPrivate(dataDir: string, filePath: string): void {
    assert.equal(modeOf(dataDir), '700', 'DATA_DIR');
    for (const path of [filePath, `${filePath}-wal`, `${filePath}-shm`]) assert.equal(modeOf(path), '600', path);
  }

  for (const umask of [0o000, 0o022, 0o077, 0o277]) {
    it(`creates DATA_DIR 0700 and the database, -wal and -shm 0600 under umask ${umask.toString(8).padStart(3, '0')}`, async () => {
      const previous = process.umask(umask);
      try {
        const dataDir = join(root, 'app', 'data');
        const filePath = await openAndWrite(dataDir);
        assertPrivate(dataDir, filePath);
        assert.deepEqual(warnings, []);
      } finally {
        process.umask(previous);
      }
    });
  }

  it('makes private a data folder and files an earlier version left open to everyone, and says so', async () => {
    const dataDir = join(root, 'data');
    const first = await openAndWrite(dataDir);
    // Kept open (no checkpoint on close), as after a crash: the -wal and -shm are there for the next start.
    for (const path of [first, `${first}-wal`, `${first}-shm`]) chmodSync(path, 0o644);
    chmodSync(dataDir, 0o755);
    const reopened = openSqliteStore(first, 'normal', warn);
    try {
      assertPrivate(dataDir, first);
      assert.equal((await reopened.requests.list({})).length, 1, 'the data is all there');
    } finally {
      await reopened.close();
    }
    assert.deepEqual(warnings.map((warning) => warning.details), [{ folder: dataDir, was: '0755', now: '0700' }]);
  });

  it('leaves a shared data folder as it is, warns, and still keeps the database files 0600', async () => {
    const dataDir = join(root, 'shared');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'someone-elses.txt'), 'not ours');
    const filePath = await openAndWrite(dataDir);
    assert.equal(modeOf(dataDir), '755', 'not changed: other files live there');
    for (const path of [filePath, `${filePath}-wal`, `${filePath}-shm`]) assert.equal(modeOf(path), '600', path);
    assert.equal(warnings.length, 1);
    assert.deepEqual(warnings[0]!.details, { folder: dataDir, mode: '0755' });
    assert.match(warnings[0]!.message, /open to other accounts/);
  });

  it('the bot opens its configured SQLite store privately and logs a shared DATA_DIR', async () => {
    const dataDir = join(root, 'bot-data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o750);
    writeFileSync(join(dataDir, 'backup-marker'), '');
    const bot = await BotHarness.start({ env: { STORE: 'sqlite', DATA_DIR: dataDir } });
    try {
      const filePath = join(dataDir, 'guestpass.sqlite');
      await bot.app.store.requests.create(sampleRequest());
      for (const path of [filePath, `${filePath}-wal`, `${filePath}-shm`]) assert.equal(modeOf(path), '600', path);
      const logged = bot.logLines.map((line) => JSON.parse(line) as { level: string; msg: string; folder?: string; mode?: string });
      const warning = logged.find((line) => line.level === 'warn' && line.folder === dataDir);
      assert.equal(warning?.mode, '0750');
      assert.match(warning?.msg ?? '', /open to other accounts/);
    } finally {
      await bot.stop();
    }
  });
});
