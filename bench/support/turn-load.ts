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
    connector.addMember(person);
    directory.addUser({ id: person.aadObjectId, displayName: person.name, userPrincipalName: person.userPrincipalName, mail: person.userPrincipalName });
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

const TURN_TIMEOUT_MS = 15_000;

/**
 * Drives turns the way Teams does and times each from the moment the activity is POSTed to /api/messages until
 * the bot's reply reaches the (fake) Bot Connector: what a person waits for. Returns the latencies in ms.
 */
export async function runTurnLoad(options: TurnLoadOptions): Promise<number[]> {
  const { connector } = options;
  const waiting = new Map<string, (at: number) => void>();
  connector.onActivity = (recorded: RecordedActivity) => {
    const resolve = waiting.get(recorded.conversationId);
    waiting.delete(recorded.conversationId);
    resolve?.(performance.now());
  };
  const ticker = options.onTick ? setInterval(options.onTick, 25) : undefined;
  const latencies: number[] = [];
  const people = benchPeople(options.conversations);

  const conversation = async (index: number) => {
    const conversationId = `a:${options.label}-${index}`;
    for (let turn = 0; turn < options.turnsPerConversation; turn++) {
      const activity = personalMessage(options.text(index, turn), { serviceUrl: connector.serviceUrl, conversationId, from: people[index] });
      const replied = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reply in ${conversationId} within ${TURN_TIMEOUT_MS} ms`)), TURN_TIMEOUT_MS);
        waiting.set(conversationId, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
      const started = performance.now();
      const posted = send(options.botUrl, activity);
      const [repliedAt, response] = await Promise.all([replied, posted]);
      if (response.status !== 200) throw new Error(`the bot answered ${response.status} in ${conversationId}`);
      latencies.push(repliedAt - started);
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
  return latencies;
}
