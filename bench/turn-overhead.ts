import { FakeBotConnector } from '../test/support/fake-bot-connector';
import { BotProcess } from '../test/support/bot-process';
import { ExternalServices } from '../test/support/external-services';
import { BotKind, startBot } from './bots';
import { figure, Figure } from './support/figure';
import { MIB, percentile } from './support/stats';
import { registerBenchPeople, runTurnLoad, TurnLoadOptions } from './support/turn-load';

const CONVERSATIONS = 20;
const WARM_UP_TURNS = 10;
/** Rounds alternate between the bots, so both see the same background load on a shared machine. */
/** Ten rounds: a p99 over 2,000 turns per bot moves less between runs on a shared machine than one over 1,000. */
const ROUNDS = 10;
const TURNS_PER_ROUND = 10;

interface LoadResult {
  latenciesMs: number[];
  peakRssBytes: number;
  /** The bot's own CPU time over the measured turns (all its threads: GC and I/O included). */
  cpuMs: number;
}

/**
 * The bots under 20 conversations at once: warm-up turns first (JIT, token and domain caches), then 10 × 200
 * measured turns each, taking turns every round, while the measured bot's resident memory is sampled. GuestPass
 * (with STORE=memory, and with the production default SQLite) is asked to invite a new address every turn; the
 * echo bot gets the same text.
 */
async function underLoad(policyFile: string, connector: FakeBotConnector, cloud: ExternalServices): Promise<Record<BotKind, LoadResult>> {
  const kinds: BotKind[] = ['echo', 'minimal-inviter', 'guestpass', 'guestpass-sqlite'];
  const bots = {} as Record<BotKind, BotProcess>;
  const results = {} as Record<BotKind, LoadResult>;
  for (const kind of kinds) {
    bots[kind] = await startBot(kind, policyFile, cloud);
    results[kind] = { latenciesMs: [], peakRssBytes: 0, cpuMs: 0 };
  }
  // A new address every turn, for each bot (the same address twice would be "already a guest", not an invitation).
  const text = (phase: string) => (conversation: number, turn: number) => `invite bench-${phase}-${conversation}-${turn}@tailspin.com`;
  const invitations = cloud.simulator.directory.invitations;
  /** A load on one bot; each inviter must have invited one guest per turn, or the figures would time failures. */
  const load = async (kind: BotKind, options: Omit<TurnLoadOptions, 'botUrl' | 'connector' | 'conversations'>) => {
    const before = invitations.length;
    const latencies = await runTurnLoad({ ...options, botUrl: bots[kind].url, connector, conversations: CONVERSATIONS });
    const invited = invitations.length - before;
    if (kind !== 'echo' && invited !== latencies.length) {
      throw new Error(`${kind}: ${latencies.length} invite turns made ${invited} invitations; the turns did not all succeed`);
    }
    return latencies;
  };
  try {
    for (const kind of kinds) {
      await load(kind, { turnsPerConversation: WARM_UP_TURNS, text: text(`${kind}-warm`), label: `${kind}-warm` });
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse()) {
        const bot = bots[kind];
        const result = results[kind];
        const cpuBefore = bot.cpuMs() ?? Number.NaN;
        const latencies = await load(kind, {
          turnsPerConversation: TURNS_PER_ROUND,
          text: text(`${kind}-r${round}`),
          label: `${kind}-${round}`,
          onTick: () => {
            result.peakRssBytes = Math.max(result.peakRssBytes, bot.rssBytes() ?? 0);
          },
        });
        result.latenciesMs.push(...latencies);
        result.cpuMs += (bot.cpuMs() ?? Number.NaN) - cpuBefore;
      }
    }
    return results;
  } finally {
    await Promise.all(Object.values(bots).map((bot) => bot.stop()));
  }
}

export async function measureTurnOverhead(policyFile: string, cloud: ExternalServices): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const connector = new FakeBotConnector();
  await connector.start();
  try {
    // The roster answers for the senders (GuestPass reads a UPN once per person), as Teams' would.
    registerBenchPeople(CONVERSATIONS, connector, cloud.simulator.directory);
    const { echo, 'minimal-inviter': minimal, guestpass, 'guestpass-sqlite': sqlite } = await underLoad(policyFile, connector, cloud);
    const turns = `${CONVERSATIONS} conversations, ${ROUNDS * TURNS_PER_ROUND * CONVERSATIONS} turns`;
    const latency = (result: LoadResult, store: string) =>
      [50, 99].map((p) =>
        figure({
          id: `turn.${store}.p${p}`,
          label: `Invite turn latency p${p}, STORE=${store} (${turns})`,
          unit: 'ms',
          value: percentile(result.latenciesMs, p),
          floor: percentile(echo.latenciesMs, p),
          floorLabel: 'echo bot turn',
          target: 1.5,
        }),
      );
    // Steadier than latency on a shared machine, and what the latency ratio mostly is: the bot's own CPU per turn.
    const cpu = (result: LoadResult, store: string) =>
      figure({
        id: `turn.${store}.cpu`,
        label: `CPU per invite turn, STORE=${store} (bot process, all threads)`,
        unit: 'ms',
        value: result.cpuMs / result.latenciesMs.length,
        floor: echo.cpuMs / echo.latenciesMs.length,
        floorLabel: 'echo bot turn',
      });
    const figures = [...latency(sqlite, 'sqlite'), cpu(sqlite, 'sqlite'), ...latency(guestpass, 'memory'), cpu(guestpass, 'memory')];
    figures.push(...againstMinimalInviter(echo, minimal, sqlite));
    figures.push(
      figure({
        id: 'rss.load',
        label: `Resident memory under load, STORE=sqlite (peak, ${turns})`,
        unit: 'MiB',
        value: sqlite.peakRssBytes / MIB,
        floor: echo.peakRssBytes / MIB,
        floorLabel: 'echo bot',
        target: 1.3,
      }),
    );
    const summary = (result: LoadResult) => ({
      turns: result.latenciesMs.length,
      p50: percentile(result.latenciesMs, 50),
      p90: percentile(result.latenciesMs, 90),
      p99: percentile(result.latenciesMs, 99),
      max: percentile(result.latenciesMs, 100),
      peakRssMiB: result.peakRssBytes / MIB,
      cpuMsPerTurn: result.cpuMs / result.latenciesMs.length,
    });
    return {
      figures,
      raw: { echo: summary(echo), minimalInviter: summary(minimal), guestpassMemory: summary(guestpass), guestpassSqlite: summary(sqlite) },
    };
  } finally {
    await connector.stop();
  }
}

/**
 * The second floor: a bot that makes the invitation's two Graph calls and nothing else. Against the echo bot it
 * shows what the 1.5× target leaves for everything else on this machine (the simulated cloud shares its cores);
 * GuestPass against it is the cost of GuestPass's own work (policy, store, audit, card, Graph SDK).
 */
function againstMinimalInviter(echo: LoadResult, minimal: LoadResult, sqlite: LoadResult): Figure[] {
  const cpuPerTurn = (result: LoadResult) => result.cpuMs / result.latenciesMs.length;
  const minimalLabel = 'minimal inviter turn';
  return [
    ...[50, 99].map((p) =>
      figure({
        id: `turn.minimal.p${p}`,
        label: `Minimal inviter turn latency p${p} (lookup + POST only; no SDK, store or card)`,
        unit: 'ms',
        value: percentile(minimal.latenciesMs, p),
        floor: percentile(echo.latenciesMs, p),
        floorLabel: 'echo bot turn',
      }),
    ),
    figure({
      id: 'turn.minimal.cpu',
      label: 'CPU per minimal inviter turn (bot process, all threads)',
      unit: 'ms',
      value: cpuPerTurn(minimal),
      floor: cpuPerTurn(echo),
      floorLabel: 'echo bot turn',
    }),
    figure({
      id: 'turn.sqlite.p50.minimal',
      label: 'Invite turn latency p50, STORE=sqlite, against the minimal inviter',
      unit: 'ms',
      value: percentile(sqlite.latenciesMs, 50),
      floor: percentile(minimal.latenciesMs, 50),
      floorLabel: minimalLabel,
    }),
    figure({
      id: 'turn.sqlite.cpu.minimal',
      label: 'CPU per invite turn, STORE=sqlite, against the minimal inviter',
      unit: 'ms',
      value: cpuPerTurn(sqlite),
      floor: cpuPerTurn(minimal),
      floorLabel: minimalLabel,
    }),
  ];
}
