import assert from 'node:assert/strict';
import * as http from 'node:http';
import { personalMessage } from '../support/teams-activities';
import { BotHarness, StandIns } from './bot-harness';

function get(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      })
      .on('error', reject);
  });
}

describe('health, readiness and graceful shutdown', () => {
  let bot: BotHarness | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('is alive, and ready when the store answers and a Graph token can be had', async () => {
    bot = await BotHarness.start();
    assert.deepEqual(await get(`${bot.botUrl}/healthz`), { status: 200, body: { status: 'alive' } });
    assert.deepEqual(await get(`${bot.botUrl}/readyz`), {
      status: 200,
      body: { status: 'ready', checks: [{ name: 'store', ok: true }, { name: 'graphToken', ok: true }] },
    });
  });

  it('is not ready when no Graph token can be had, and says which check failed', async () => {
    bot = await BotHarness.start({ env: { AZURE_CLIENT_SECRET: 'a-wrong-secret' } });
    const ready = await get(`${bot.botUrl}/readyz`);
    assert.equal(ready.status, 503);
    assert.deepEqual((ready.body as { checks: unknown }).checks, [{ name: 'store', ok: true }, { name: 'graphToken', ok: false }]);
    assert.equal((await get(`${bot.botUrl}/healthz`)).status, 200, 'still alive: a restart would not help');
  });

  it('is not ready when the store cannot be reached', async () => {
    bot = await BotHarness.start();
    await bot.app.store.close();
    const ready = await get(`${bot.botUrl}/readyz`);
    assert.equal(ready.status, 503);
    assert.deepEqual((ready.body as { checks: unknown[] }).checks[0], { name: 'store', ok: false });
  });

  it('finishes a turn in flight before closing', async () => {
    const standIns = await StandIns.start();
    try {
      const shuttingDown = await BotHarness.start({ standIns, env: { GRAPH_TIMEOUT_SECONDS: '2' } });
      // Graph holds the invitation open: the turn is still running when shutdown starts.
      standIns.simulator.enqueueFault({ method: 'POST', pathPrefix: '/v1.0/invitations' }, { kind: 'hang' });
      const activity = personalMessage('invite slow@tailspin.com', shuttingDown.activityOptions());
      const turn = shuttingDown.send(activity);
      while (shuttingDown.invitationPosts().length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      await shuttingDown.stop();
      const replies = standIns.connector.activities.filter((recorded) => recorded.conversationId === activity.conversation?.id);
      assert.equal(replies.length, 1, 'the requester got the answer of the turn in flight before shutdown completed');
      assert.equal((await turn).status, 200);
    } finally {
      await standIns.stop();
    }
  });
});
