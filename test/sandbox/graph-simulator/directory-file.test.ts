import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSimulator, type SimulatorHarness } from './simulator-harness';

const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

const invite = (harness: SimulatorHarness, address: string) =>
  harness.post('/v1.0/invitations', { invitedUserEmailAddress: address, inviteRedirectUrl: 'https://myapps.microsoft.com' });

/** Several simulators on one state file are one directory, as the bot and the command line are in the sandbox. */
describe('Graph simulator: the directory kept in a file', () => {
  let dir: string;
  let stateFile: string;
  const running: SimulatorHarness[] = [];
  const start = async () => {
    const harness = await startSimulator({ stateFile });
    running.push(harness);
    return harness;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guestpass-directory-file-'));
    stateFile = join(dir, 'data', 'sandbox-directory.json');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((harness) => harness.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no invitation when two simulators invite at the same time, and a third one sees them all', async () => {
    const [a, b] = [await start(), await start()];
    const addresses = Array.from({ length: 40 }, (_, i) => `guest-${i}@tailspin.com`);
    const answers = await Promise.all(addresses.map((address, i) => invite(i % 2 === 0 ? a : b, address)));
    assert.deepEqual(answers.map((answer) => answer.status), addresses.map(() => 201));

    const c = await start();
    for (const address of addresses) {
      const found = await c.get(`/v1.0/users?$filter=mail eq '${address}'`);
      assert.equal(found.body.value.length, 1, address);
    }
    assert.deepEqual(readdirSync(join(dir, 'data')).sort(), ['sandbox-directory.json'], 'no temporary or lock file left behind');
    assert.equal(statSync(stateFile).mode & 0o777, 0o600);
    assert.doesNotMatch(readFileSync(stateFile, 'utf8'), /\/redeem\?/, 'no redeem URL is kept');
  });

  it('loses no invitation when several processes invite at the same time', async function () {
    this.timeout(60_000);
    const processes = ['p1', 'p2', 'p3'].map((prefix) => {
      const child = spawn(process.execPath, ['--import', TSX_LOADER, join(__dirname, 'fixtures', 'invite-from-process.ts'), stateFile, prefix, '15'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      return once(child, 'exit').then(([code]) => assert.equal(code, 0, stderr));
    });
    await Promise.all(processes);
    const harness = await start();
    for (const prefix of ['p1', 'p2', 'p3']) {
      for (let i = 0; i < 15; i++) {
        const found = await harness.get(`/v1.0/users?$filter=mail eq '${prefix}-${i}@tailspin.com'`);
        assert.equal(found.body.value.length, 1, `${prefix}-${i}`);
      }
    }
  });

  it('refuses a file it did not write, without overwriting it', async () => {
    const harness = await start();
    await invite(harness, 'first@tailspin.com');
    writeFileSync(stateFile, 'not json');
    const answer = await fetch(`${harness.url}/v1.0/invitations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ invitedUserEmailAddress: 'second@tailspin.com', inviteRedirectUrl: 'https://myapps.microsoft.com' }),
    });
    assert.equal(answer.status, 500);
    assert.match(await answer.text(), /is not the sandbox directory GuestPass wrote\. Delete it to start again/);
    assert.equal(readFileSync(stateFile, 'utf8'), 'not json');
  });
});
