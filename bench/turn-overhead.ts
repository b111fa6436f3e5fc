import { GRAPH_INVITATION_PACING } from '../src/bulk/bottleneck-pacer';
import { FakeBotConnector } from '../test/support/fake-bot-connector';
import { BotProcess } from '../test/support/bot-process';
import { ExternalServices } from '../test/support/external-services';
import { BotKind, startBot } from './bots';
import { cpuPerTurn, failureSummary, LoadBot, LoadResult, measureRounds, roundByRound } from './support/bot-load';
import { figure, Figure } from './support/figure';
import { MIB, percentile } from './support/stats';
import { registerBenchPeople } from './support/turn-load';

/**
 * The invite-turn load, also run under the profiler (`profile-turns.ts`). Ten rounds: a p99 over 2,000 turns per bot
 * moves less between runs on a shared machine than one over 1,000.
 */
export const TURN_LOAD = { conversations: 20, warmUpTurns: 10, rounds: 10, turnsPerRound: 10 };
const { conversations: CONVERSATIONS, rounds: ROUNDS, turnsPerRound: TURNS_PER_ROUND } = TURN_LOAD;
/** GuestPass's own work (policy, store, audit, card, Graph SDK) may cost this much beyond the minimal inviter. */
const TARGET_AGAINST_MINIMAL = 1.25;
/** Memory under load against the echo bot. */
const TARGET_RSS = 1.3;

/**
 * The bots under 20 conversations at once, Graph answering at once (0 ms): 10 × 200 measured turns each. GuestPass
 * (with the production default SQLite, and with STORE=memory) is judged against the minimal inviter, which makes
 * the same two Graph calls and nothing else; the echo bot is context (what the stack costs without Graph).
 */
export async function measureTurnOverhead(policyFile: string, cloud: ExternalServices): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const connector = new FakeBotConnector();
  await connector.start();
  const kinds: BotKind[] = ['echo', 'minimal-inviter', 'guestpass', 'guestpass-sqlite'];
  const processes: BotProcess[] = [];
  try {
    // The roster answers for the senders (GuestPass reads a UPN once per person), as Teams' would.
    registerBenchPeople(CONVERSATIONS, connector, cloud.simulator.directory);
    const bots = {} as Record<BotKind, LoadBot>;
    for (const kind of kinds) {
      const process = await startBot(kind, policyFile, cloud);
      processes.push(process);
      bots[kind] = { process, invites: kind !== 'echo' };
    }
    const results = await measureRounds({
      bots,
      connector,
      directory: cloud.simulator.directory,
      ...TURN_LOAD,
      label: 'at0ms',
    });
    const { echo, 'minimal-inviter': minimal, guestpass, 'guestpass-sqlite': sqlite } = results;
    const turns = `${CONVERSATIONS} conversations, Graph at 0 ms, ${ROUNDS * TURNS_PER_ROUND * CONVERSATIONS} turns`;
    const failed = (result: LoadResult) => ({ failed: result.failures.length, turns: result.latenciesMs.length });
    const againstMinimal = (result: LoadResult, store: string): Figure[] => [
      ...[50, 99].map((p) =>
        figure({
          id: `turn.${store}.p${p}`,
          label: `Invite turn latency p${p}, STORE=${store} (${turns})`,
          unit: 'ms',
          value: percentile(result.latenciesMs, p),
          floor: percentile(minimal.latenciesMs, p),
          floorLabel: 'minimal inviter',
          ...(p === 50 ? { target: TARGET_AGAINST_MINIMAL } : {}),
          failedTurns: { value: failed(result), floor: failed(minimal) },
        }),
      ),
      figure({
        id: `turn.${store}.cpu`,
        label: `CPU per invite turn, STORE=${store} (bot process, all threads)`,
        unit: 'ms',
        value: cpuPerTurn(result),
        floor: cpuPerTurn(minimal),
        floorLabel: 'minimal inviter',
        target: TARGET_AGAINST_MINIMAL,
        failedTurns: { value: failed(result), floor: failed(minimal) },
      }),
    ];
    const figures = [...againstMinimal(sqlite, 'sqlite'), ...againstMinimal(guestpass, 'memory')];
    figures.push(
      figure({
        id: 'rss.load',
        label: `Resident memory under load, STORE=sqlite (peak, ${turns})`,
        unit: 'MiB',
        value: sqlite.peakRssBytes / MIB,
        floor: echo.peakRssBytes / MIB,
        floorLabel: 'echo bot',
        target: TARGET_RSS,
      }),
    );
    // Context, no target: what the invitation's two Graph calls cost on this stack, beyond answering at all.
    figures.push(
      ...[50, 99].map((p) =>
        figure({
          id: `turn.minimal.p${p}`,
          label: `Minimal inviter turn latency p${p} (lookup + POST only; no SDK, store or card)`,
          unit: 'ms',
          value: percentile(minimal.latenciesMs, p),
          floor: percentile(echo.latenciesMs, p),
          floorLabel: 'echo bot',
          failedTurns: { value: failed(minimal), floor: failed(echo) },
        }),
      ),
      figure({
        id: 'turn.minimal.cpu',
        label: 'CPU per minimal inviter turn (bot process, all threads)',
        unit: 'ms',
        value: cpuPerTurn(minimal),
        floor: cpuPerTurn(echo),
        floorLabel: 'echo bot',
        failedTurns: { value: failed(minimal), floor: failed(echo) },
      }),
    );
    figures[0]!.note = roundByRound(sqlite, minimal);
    figures[3]!.note = roundByRound(guestpass, minimal);
    figures[2]!.note = shareOfCoreAtGraphLimit(sqlite, minimal);
    figures[5]!.note = shareOfCoreAtGraphLimit(guestpass, minimal);
    const failing = Object.entries(results).filter(([, result]) => (result as LoadResult).failures.length > 0);
    if (failing.length > 0) {
      figures[1]!.note = `failed turns: ${failing.map(([kind, result]) => `${kind}: ${failureSummary(result as LoadResult)}`).join(' — ')}`;
    }
    return { figures, raw: summaries(results) };
  } finally {
    await Promise.all(processes.map((bot) => bot.stop()));
    await connector.stop();
  }
}

/** Invitations a second one tenant may send at most: Graph's limit, as the bulk pacer keeps to it. */
const GRAPH_INVITATIONS_PER_SECOND = (GRAPH_INVITATION_PACING.requestsPerWindow * 1000) / GRAPH_INVITATION_PACING.windowMs;

/**
 * What the CPU per turn means for a tenant: the share of one core that invite turns at Graph's own limit would take
 * (no tenant can invite faster), beside the minimal inviter's share at that rate.
 */
function shareOfCoreAtGraphLimit(result: LoadResult, minimal: LoadResult): string {
  const share = (cpuMs: number) => `${((cpuMs * GRAPH_INVITATIONS_PER_SECOND) / 10).toFixed(1)} %`;
  return (
    `at Graph's limit of ${GRAPH_INVITATIONS_PER_SECOND} invitations a second per tenant, ${share(cpuPerTurn(result))} ` +
    `of one core (minimal inviter ${share(cpuPerTurn(minimal))})`
  );
}

/** The raw figures of each bot, for the JSON. */
export function summaries(results: Record<string, LoadResult>): Record<string, unknown> {
  const summary = (result: LoadResult) => ({
    turns: result.latenciesMs.length,
    failedTurns: result.failures.length,
    failures: result.failures.slice(0, 20),
    warmUpFailures: result.warmUpFailures.slice(0, 20),
    p50: percentile(result.latenciesMs, 50),
    p90: percentile(result.latenciesMs, 90),
    p99: percentile(result.latenciesMs, 99),
    max: percentile(result.latenciesMs, 100),
    roundP50s: result.roundP50sMs,
    peakRssMiB: result.peakRssBytes / MIB,
    cpuMsPerTurn: cpuPerTurn(result),
  });
  return Object.fromEntries(Object.entries(results).map(([kind, result]) => [kind, summary(result)]));
}
