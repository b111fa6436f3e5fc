import type { Activity } from 'botbuilder';
import type { SimulatedDirectory } from '../../src/sandbox/graph-simulator/directory';
import { FakeBotConnector, RecordedActivity } from '../../test/support/fake-bot-connector';
import { personalMessage, send, TeamsUser } from '../../test/support/teams-activities';

/**
 * The people of a load: conversation `i` is person `i`'s personal chat with the bot, as in Teams, where each
 * person has one. They must be on the Bot Connector's roster and, for GuestPass, in the directory (each becomes
 * the sponsor of the guests they invite): see `registerBenchPeople`.
 */
export function benchPeople(count: number): (TeamsUser & { userPrincipalName: string })[] {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(3, '0');
    return {
      id: `29:bench-person-${number}`,
      name: `Bench Person ${number}`,
      aadObjectId: `00000000-0000-4000-8000-000000b00${number}`,
      userPrincipalName: `bench.person.${number}@contoso.com`,
    };
  });
}

/** Puts the people of a load on the roster and in the simulated directory. */
export function registerBenchPeople(count: number, connector: FakeBotConnector, directory: SimulatedDirectory): void {
  for (const person of benchPeople(count)) {
    if (!directory.users.some((user) => user.id === person.aadObjectId)) {
      directory.addUser({ id: person.aadObjectId, displayName: person.name, userPrincipalName: person.userPrincipalName, mail: person.userPrincipalName });
    }
    connector.addMember(person);
  }
}

export interface TurnLoadOptions {
  botUrl: string;
  connector: FakeBotConnector;
  /** Conversations talking at once, each one turn at a time (as people do); at most 999. */
  conversations: number;
  turnsPerConversation: number;
  /** What turn `turn` of conversation `conversation` says. */
  text(conversation: number, turn: number): string;
  /** Prefix of the conversation ids, so runs do not mix. */
  label: string;
  /** Called about every 25 ms while the load runs (memory sampling). */
  onTick?(): void;
}

/** One turn as the person saw it. */
export interface TurnOutcome {
  /** What the person wrote. */
  text: string;
  /** From the POST to /api/messages until the reply reached the Bot Connector; the time-out for a turn never answered. */
  latencyMs: number;
  /** The bot's first reply to the turn, as a person would read it; undefined when none came in time. */
  reply: string | undefined;
  /** The HTTP status /api/messages answered, or the error that took its place. */
  status: number | string;
}

/** How long a person waits before the turn counts as unanswered (and failed). */
export const TURN_TIMEOUT_MS = 15_000;
/** Enough of a reply to tell one failure from another in a report. */
const REPLY_CHARS = 240;

/**
 * Drives turns the way Teams does and times each from the moment the activity is POSTed to /api/messages until
 * the bot's reply reaches the (fake) Bot Connector: what a person waits for. A reply is matched to its turn by
 * the activity it answers, so a late reply is never taken for the next turn's. Every turn is returned, answered
 * or not, with what the bot said: judging whether it did what was asked is the caller's (a load never stops
 * at a failed turn, so a report can count failures instead of losing the run).
 */
export async function runTurnLoad(options: TurnLoadOptions): Promise<TurnOutcome[]> {
  const { connector } = options;
  const waiting = new Map<string, (recorded: RecordedActivity, at: number) => void>();
  connector.onActivity = (recorded: RecordedActivity) => {
    const key = recorded.replyToId ?? recorded.conversationId;
    const resolve = waiting.get(key);
    waiting.delete(key);
    resolve?.(recorded, performance.now());
  };
  const ticker = options.onTick ? setInterval(options.onTick, 25) : undefined;
  const outcomes: TurnOutcome[] = [];
  const people = benchPeople(options.conversations);

  const conversation = async (index: number) => {
    const conversationId = `a:${options.label}-${index}`;
    for (let turn = 0; turn < options.turnsPerConversation; turn++) {
      const text = options.text(index, turn);
      const activity = personalMessage(text, { serviceUrl: connector.serviceUrl, conversationId, from: people[index] });
      const key = activity.id ?? conversationId;
      let timer: NodeJS.Timeout | undefined;
      const replied = new Promise<{ recorded: RecordedActivity; at: number } | undefined>((resolve) => {
        timer = setTimeout(() => {
          waiting.delete(key);
          resolve(undefined);
        }, TURN_TIMEOUT_MS);
        waiting.set(key, (recorded, at) => resolve({ recorded, at }));
      });
      const started = performance.now();
      const posted = send(options.botUrl, activity).then(
        (response) => response.status,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      const [reply, status] = await Promise.all([replied, posted]);
      clearTimeout(timer);
      outcomes.push({
        text,
        latencyMs: reply ? reply.at - started : TURN_TIMEOUT_MS,
        reply: reply ? readable(reply.recorded.activity) : undefined,
        status,
      });
    }
  };

  try {
    await Promise.all(Array.from({ length: options.conversations }, (_, index) => conversation(index)));
  } finally {
    if (ticker) clearInterval(ticker);
    connector.onActivity = undefined;
    // Thousands of recorded replies would slow the next run's bookkeeping; nothing here needs them again.
    connector.reset();
  }
  return outcomes;
}

/** A reply's text, or the texts of its card in order: what a person reads, shortened for a report. */
function readable(activity: Partial<Activity>): string {
  const texts: string[] = [];
  if (activity.text) texts.push(activity.text);
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else collect(value);
      }
    }
  };
  for (const attachment of activity.attachments ?? []) collect(attachment.content);
  const all = texts.join(' | ').replace(/\s+/g, ' ').trim();
  return all.length > REPLY_CHARS ? `${all.slice(0, REPLY_CHARS - 1)}…` : all || `(${activity.type ?? 'activity'} without text)`;
}
