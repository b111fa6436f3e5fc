import { BotProcess } from '../test/support/bot-process';
import { ExternalServices } from '../test/support/external-services';
import { FakeBotConnector } from '../test/support/fake-bot-connector';
import { testSeed } from '../test/support/seeded-random';
import { startBot } from './bots';
import { failureSummary, LoadBot, measureRounds, roundByRound } from './support/bot-load';
import { figure, Figure } from './support/figure';
import { JitteredGraph } from './support/jittered-graph';
import { percentile, round } from './support/stats';
import { registerBenchPeople } from './support/turn-load';
import { summaries } from './turn-overhead';

const CONVERSATIONS = 20;
const WARM_UP_TURNS = 5;
const ROUNDS = 6;
const TURNS_PER_ROUND = 10;
/** What Graph takes to answer one call, from a tenant's region: each call waits 60–150 ms. */
const GRAPH_LATENCY = { minMs: 60, maxMs: 150 };
/** The delays' seed (TEST_SEED replays another); each round starts the sequence again from seed + round. */
const SEED = testSeed(20_261_203);
/** At a realistic Graph latency GuestPass must add nothing a person could notice to what any inviter takes. */
const TARGET = 1.05;

/**
 * GuestPass (STORE=sqlite, the production default) and the minimal inviter under 20 conversations with Graph
 * answering each call in 60–150 ms (seeded): what a person waits for an invitation in practice, where the bot's
 * own work is a small part of the turn.
 */
export async function measureGraphLatency(policyFile: string, cloud: ExternalServices): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const graph = new JitteredGraph(cloud.entra, GRAPH_LATENCY);
  await graph.start();
  const connector = new FakeBotConnector();
  await connector.start();
  const processes: BotProcess[] = [];
  try {
    registerBenchPeople(CONVERSATIONS, connector, graph.simulator.directory);
    const start = async (kind: 'minimal-inviter' | 'guestpass-sqlite'): Promise<LoadBot> => {
      const process = await startBot(kind, policyFile, cloud, graph.url);
      processes.push(process);
      return { process, invites: true };
    };
    const bots = { 'minimal-inviter': await start('minimal-inviter'), 'guestpass-sqlite': await start('guestpass-sqlite') };
    const results = await measureRounds({
      bots,
      connector,
      directory: graph.simulator.directory,
      conversations: CONVERSATIONS,
      warmUpTurns: WARM_UP_TURNS,
      rounds: ROUNDS,
      turnsPerRound: TURNS_PER_ROUND,
      label: 'jitter',
      beforeLoad: (roundIndex) => graph.reseed(SEED + roundIndex + 1),
    });
    const { 'minimal-inviter': minimal, 'guestpass-sqlite': sqlite } = results;
    const condition = `${CONVERSATIONS} conversations, Graph at ${GRAPH_LATENCY.minMs}–${GRAPH_LATENCY.maxMs} ms a call, ${ROUNDS * TURNS_PER_ROUND * CONVERSATIONS} turns`;
    const figures = [50, 99].map((p) =>
      figure({
        id: `turn.graphLatency.p${p}`,
        label: `Invite turn latency p${p}, STORE=sqlite (${condition})`,
        unit: 'ms',
        value: percentile(sqlite.latenciesMs, p),
        floor: percentile(minimal.latenciesMs, p),
        floorLabel: 'minimal inviter, same Graph latency',
        target: TARGET,
        failedTurns: { value: { failed: sqlite.failures.length, turns: sqlite.latenciesMs.length }, floor: { failed: minimal.failures.length, turns: minimal.latenciesMs.length } },
      }),
    );
    const delays = graph.delaysMs;
    figures[0]!.note = `${roundByRound(sqlite, minimal)}; seed ${SEED}, ${delays.length} Graph calls delayed, median ${round(percentile(delays, 50))} ms (${round(Math.min(...delays))}–${round(Math.max(...delays))} ms)`;
    const failing = Object.entries(results).filter(([, result]) => result.failures.length > 0);
    if (failing.length > 0) figures[1]!.note = `failed turns: ${failing.map(([kind, result]) => `${kind}: ${failureSummary(result)}`).join(' — ')}`;
    return { figures, raw: { seed: SEED, graphLatencyMs: GRAPH_LATENCY, ...summaries(results) } };
  } finally {
    await Promise.all(processes.map((bot) => bot.stop()));
    await connector.stop();
    await graph.stop();
  }
}
