import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BotProcess, REPO_ROOT } from '../support/bot-process';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { personalMessage, send } from '../support/teams-activities';

const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

/** `guestpass …` as its own process, with only this configuration (no tenant: the sandbox) and no `.env`. */
async function guestpass(env: Record<string, string>, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(REPO_ROOT, 'src', 'cli', 'index.ts'), ...argv], {
    cwd: env.DATA_DIR,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number];
  return { code, stdout, stderr };
}

/**
 * Without a tenant, the bot and the command line are one sandbox tenant: the simulated directory is kept under
 * DATA_DIR, and every process (the bot, each command) works on the same one.
 */
describe('the sandbox directory shared by the bot and the command line', function () {
  this.timeout(90_000);
  let dataDir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'guestpass-sandbox-'));
    env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('shows an invitation made by one command in the status of the next', async () => {
    const invited = await guestpass(env, ['--as', 'megan@contoso.com', '--json', 'invite', 'kim@tailspin.com', 'Kim Lee']);
    assert.equal(invited.code, 0, invited.stderr);
    assert.equal(JSON.parse(invited.stdout).kind, 'invited');

    const status = await guestpass(env, ['status', 'kim@tailspin.com', '--json']);
    assert.equal(status.code, 0, status.stderr);
    const [guest] = JSON.parse(status.stdout).guests as { id: string; externalUserState: string }[];
    assert.equal(guest?.id, JSON.parse(invited.stdout).userId);
    assert.equal(guest?.externalUserState, 'PendingAcceptance');
    assert.match(status.stderr, /sandbox-directory\.json/, 'the command says where the sandbox tenant is kept');

    // Nothing the file keeps opens the guest's account.
    assert.doesNotMatch(readFileSync(join(dataDir, 'sandbox-directory.json'), 'utf8'), /\/redeem\?/);
  });

  it("shows the command line's invitation in the running bot's status, and the bot's in the command line's", async () => {
    const connector = new FakeBotConnector();
    await connector.start();
    const bot = await BotProcess.start({ script: 'src/index.ts', env });
    try {
      const invited = await guestpass(env, ['--as', 'megan@contoso.com', 'invite', 'sam@tailspin.com', 'Sam Roe']);
      assert.equal(invited.code, 0, invited.stderr);

      const response = await send(bot.url, personalMessage('status sam@tailspin.com', { serviceUrl: connector.serviceUrl, conversationId: 'a:sandbox-status' }));
      assert.equal(response.status, 200);
      const [reply] = await connector.waitForActivities(1, { conversationId: 'a:sandbox-status' });
      assert.match(JSON.stringify(reply?.activity), /Sam Roe/);

      await send(bot.url, personalMessage('invite lee@tailspin.com "Lee Park"', { serviceUrl: connector.serviceUrl, conversationId: 'a:sandbox-invite' }));
      await connector.waitForActivities(1, { conversationId: 'a:sandbox-invite' });
      const status = await guestpass(env, ['status', 'lee@tailspin.com', '--json']);
      assert.equal(status.code, 0, `${status.stderr}\n--- bot ---\n${bot.output()}`);
      assert.equal((JSON.parse(status.stdout).guests as { displayName: string }[])[0]?.displayName, 'Lee Park');
    } finally {
      await bot.stop();
      await connector.stop();
    }
  });
});
