import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config';
import { createGuestPass } from '../src/index';
import { DEFAULT_POLICY } from '../src/invitation/policy';
import { createLogger } from '../src/logging/logger';
import { FakeBotConnector } from '../test/support/fake-bot-connector';
import { personalMessage, send, TEAMS_TEST_USERS } from '../test/support/teams-activities';
import { figure, Figure } from './support/figure';

const INVITES = 21;

/**
 * Graph calls per invitation, counted at the simulator: the bot runs in-process in sandbox mode (the simulator
 * records every request). The first invitation also reads the tenant's verified domains; after that they are
 * cached, and each invitation should cost one user lookup and one POST /invitations.
 */
export async function measureGraphCalls(): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const connector = new FakeBotConnector();
  await connector.start();
  connector.addMember({ ...TEAMS_TEST_USERS.megan });
  const app = await createGuestPass(loadConfig({ NODE_ENV: 'development', STORE: 'memory', LOG_LEVEL: 'silent' }), {
    logger: createLogger({ level: 'silent' }),
    policy: { ...DEFAULT_POLICY, dailyQuotaPerRequester: 1000 },
    startJobs: false,
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const botUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const simulator = app.sandbox!.simulator;
    const perInvite: { total: number; lookups: number; posts: number; other: string[] }[] = [];
    for (let i = 0; i < INVITES; i++) {
      const before = simulator.requests.length;
      const conversationId = `a:graph-calls-${i}`;
      const replied = connector.waitForActivities(1, { conversationId });
      const response = await send(botUrl, personalMessage(`invite calls-${i}@tailspin.com`, { serviceUrl: connector.serviceUrl, conversationId }));
      if (response.status !== 200) throw new Error(`the bot answered ${response.status}`);
      await replied;
      const calls = simulator.requests.slice(before);
      const lookups = calls.filter((call) => call.method === 'GET' && call.path === '/v1.0/users').length;
      const posts = calls.filter((call) => call.method === 'POST' && call.path === '/v1.0/invitations').length;
      const other = calls.filter((call) => !(call.path === '/v1.0/users' && call.method === 'GET') && !(call.path === '/v1.0/invitations' && call.method === 'POST'));
      perInvite.push({ total: calls.length, lookups, posts, other: other.map((call) => `${call.method} ${call.path}`) });
    }
    const steady = perInvite.slice(1);
    const average = (pick: (entry: (typeof steady)[number]) => number) => steady.reduce((sum, entry) => sum + pick(entry), 0) / steady.length;
    const figures = [
      figure({
        id: 'graph.callsPerInvite',
        label: `Graph calls per invitation (domains cached; mean of ${steady.length})`,
        unit: 'calls',
        value: average((entry) => entry.total),
        floor: 2,
        floorLabel: '1 lookup + 1 POST',
        target: 1,
        note: `lookups ${average((entry) => entry.lookups)}, POSTs ${average((entry) => entry.posts)}; first invitation: ${perInvite[0]!.total} calls (${[...perInvite[0]!.other].join(', ') || 'no extra'})`,
      }),
    ];
    return { figures, raw: { firstInvitation: perInvite[0], steadyState: steady } };
  } finally {
    app.server.close();
    await app.close();
    await connector.stop();
  }
}
