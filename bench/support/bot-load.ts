import type { SimulatedDirectory } from '../../src/sandbox/graph-simulator/directory';
import type { BotProcess } from '../../test/support/bot-process';
import type { FakeBotConnector } from '../../test/support/fake-bot-connector';
import { percentile, round } from './stats';
import { runTurnLoad, TurnOutcome } from './turn-load';

/** A turn that did not do what was asked, with what the person saw. */
export interface FailedTurn {
  text: string;
  reply: string;
  status: number | string;
}

export interface LoadResult {
  /** Every measured turn's latency, failed turns included (a person waited for those too). */
  latenciesMs: number[];
  /** p50 of each round on its own: how much the figure moves within one run. */
  roundP50sMs: number[];
  failures: FailedTurn[];
  /** Failed warm-up turns: not in the figures, but a failure all the same. */
  warmUpFailures: FailedTurn[];
  peakRssBytes: number;
  /** The bot's own CPU time over the measured turns (all its threads: GC and I/O included). */
  cpuMs: number;
}

export interface LoadBot {
  process: BotProcess;
  /** Whether the bot is expected to invite the address each turn names (the echo bot only answers). */
  invites: boolean;
}

export interface RoundsOptions<Kind extends string> {
  bots: Record<Kind, LoadBot>;
  connector: FakeBotConnector;
  /** Where the invitations land, to check that every invite turn made one. */
  directory: SimulatedDirectory;
  conversations: number;
  warmUpTurns: number;
  rounds: number;
  turnsPerRound: number;
  /** Keeps addresses apart between sections that share a directory. */
  label: string;
  /** Called before each bot's load of round `round` (-1 for the warm-up). */
  beforeLoad?(round: number): void;
}

/**
 * Warm-up turns for each bot (JIT, token and domain caches), then `rounds` rounds of measured turns, the bots
 * taking turns each round (in reverse order every other round) so that all see the same background load on a
 * shared machine, while the measured bot's resident memory is sampled. Every turn asks to invite a new address;
 * an inviting bot's turn counts as failed unless the directory received exactly that invitation, and the load
 * goes on: failures are counted and kept with the reply, never a reason to stop.
 */
export async function measureRounds<Kind extends string>(options: RoundsOptions<Kind>): Promise<Record<Kind, LoadResult>> {
  const kinds = Object.keys(options.bots) as Kind[];
  const results = {} as Record<Kind, LoadResult>;
  for (const kind of kinds) results[kind] = { latenciesMs: [], roundP50sMs: [], failures: [], warmUpFailures: [], peakRssBytes: 0, cpuMs: 0 };
  // A new address every turn, for each bot (the same address twice would be "already a guest", not an invitation).
  const text = (phase: string) => (conversation: number, turn: number) => `invite bench-${options.label}-${phase}-${conversation}-${turn}@tailspin.com`;
  const load = async (kind: Kind, phase: string, onTick?: () => void): Promise<{ outcomes: TurnOutcome[]; failures: FailedTurn[] }> => {
    const { process: bot, invites } = options.bots[kind];
    const firstNew = options.directory.invitations.length;
    const outcomes = await runTurnLoad({
      botUrl: bot.url,
      connector: options.connector,
      conversations: options.conversations,
      turnsPerConversation: phase.endsWith('warm') ? options.warmUpTurns : options.turnsPerRound,
      text: text(phase),
      label: `${options.label}-${phase}`,
      ...(onTick ? { onTick } : {}),
    });
    const invited = new Map<string, number>();
    for (const invitation of options.directory.invitations.slice(firstNew)) {
      const address = invitation.invitedUserEmailAddress.toLowerCase();
      invited.set(address, (invited.get(address) ?? 0) + 1);
    }
    const failures = outcomes
      .filter((outcome) => {
        if (outcome.status !== 200 || outcome.reply === undefined) return true;
        return invites && invited.get(outcome.text.split(' ')[1]!.toLowerCase()) !== 1;
      })
      .map((outcome) => ({ text: outcome.text, reply: outcome.reply ?? '(no reply within the turn time-out)', status: outcome.status }));
    return { outcomes, failures };
  };

  for (const kind of kinds) {
    options.beforeLoad?.(-1);
    const { failures } = await load(kind, `${kind}-warm`);
    results[kind].warmUpFailures.push(...failures);
    // A bot that cannot do the job at all would only produce meaningless figures.
    if (failures.length === options.conversations * options.warmUpTurns) {
      throw new Error(`${kind}: every warm-up turn failed; the first reply: ${failures[0]?.reply}`);
    }
  }
  for (let round = 0; round < options.rounds; round++) {
    for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse()) {
      const bot = options.bots[kind].process;
      const result = results[kind];
      options.beforeLoad?.(round);
      const cpuBefore = bot.cpuMs() ?? Number.NaN;
      const { outcomes, failures } = await load(kind, `${kind}-r${round}`, () => {
        result.peakRssBytes = Math.max(result.peakRssBytes, bot.rssBytes() ?? 0);
      });
      result.cpuMs += (bot.cpuMs() ?? Number.NaN) - cpuBefore;
      const latencies = outcomes.map((outcome) => outcome.latencyMs);
      result.latenciesMs.push(...latencies);
      result.roundP50sMs.push(percentile(latencies, 50));
      result.failures.push(...failures);
    }
  }
  return results;
}

export function cpuPerTurn(result: LoadResult): number {
  return result.cpuMs / result.latenciesMs.length;
}

/** The failed turns' replies, most frequent first, with their counts: what to look at when the count is not 0. */
export function failureSummary(result: LoadResult, limit = 3): string {
  const counts = new Map<string, number>();
  for (const failure of result.failures) {
    // Request ids and timestamps differ on every failure; without them, the same failure counts as one.
    const reply = failure.reply.replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{0,12}/gi, '<id>').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z?/g, '<time>');
    const key = `${failure.status === 200 ? '' : `HTTP ${failure.status}: `}${reply}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([reply, count]) => `${count} × "${reply}"`)
    .join('; ');
}

/** The lowest and highest ratio of one round's p50 to the floor's in the same round: how much a p50 ratio moves. */
export function roundByRound(value: LoadResult, floor: LoadResult): string {
  const ratios = value.roundP50sMs.map((p50, index) => p50 / floor.roundP50sMs[index]!);
  return `p50 ratio round by round ${round(Math.min(...ratios))}–${round(Math.max(...ratios))}× (${ratios.length} rounds)`;
}
