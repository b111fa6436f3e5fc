import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotProcess } from '../test/support/bot-process';
import { ExternalServices } from '../test/support/external-services';
import { FakeBotConnector } from '../test/support/fake-bot-connector';
import { BotKind, buildBots, startBot, writeBenchPolicy } from './bots';
import { cpuByPart } from './support/cpu-profile';
import { cpuPerTurn, measureRounds } from './support/bot-load';
import { registerBenchPeople } from './support/turn-load';
import { TURN_LOAD } from './turn-overhead';

const KINDS: BotKind[] = ['guestpass-sqlite', 'guestpass', 'minimal-inviter'];
/** The `turns` section's load, two rounds shorter: the profiler slows the bots. */
const LOAD = { ...TURN_LOAD, rounds: TURN_LOAD.rounds - 2 };

/**
 * `npm run bench:profile`: the `turns` load (20 conversations, Graph at 0 ms) on GuestPass with SQLite and in
 * memory and on the minimal inviter, each under V8's CPU profiler, then a table of where each spent its CPU per
 * turn, by part (see support/cpu-profile.ts). The profiler slows every bot alike; the table is for finding what
 * to cut, the figures and targets stay `npm run bench`'s. The profiles are kept for a closer look (Chrome DevTools).
 */
async function main(): Promise<void> {
  buildBots();
  const policyFile = writeBenchPolicy();
  const profiles = mkdtempSync(join(tmpdir(), 'guestpass-profiles-'));
  const cloud = new ExternalServices();
  await cloud.start();
  const connector = new FakeBotConnector();
  await connector.start();
  const processes: BotProcess[] = [];
  try {
    registerBenchPeople(LOAD.conversations, connector, cloud.simulator.directory);
    const bots = {} as Record<BotKind, { process: BotProcess; invites: boolean }>;
    for (const kind of KINDS) {
      const process = await startBot(kind, policyFile, cloud, cloud.graphUrl, ['--cpu-prof', `--cpu-prof-dir=${join(profiles, kind)}`]);
      processes.push(process);
      bots[kind] = { process, invites: true };
    }
    const results = await measureRounds({
      bots,
      connector,
      directory: cloud.simulator.directory,
      ...LOAD,
      label: 'profile',
    });
    // The profiles are written when the bots exit.
    await Promise.all(processes.splice(0).map((bot) => bot.stop()));
    const turns = LOAD.conversations * (LOAD.warmUpTurns + LOAD.rounds * LOAD.turnsPerRound);
    const parts = KINDS.map((kind) => {
      const folder = join(profiles, kind);
      const [profile] = existsSync(folder) ? readdirSync(folder) : [];
      // Node writes the profile when the process exits by itself; a bot killed after the grace period leaves none.
      if (!profile) throw new Error(`${kind} wrote no CPU profile (did it exit on SIGTERM?): ${folder}`);
      return cpuByPart(join(folder, profile));
    });
    const names = [...new Set(parts.flatMap((part) => [...part.keys()]))].sort();
    const perTurn = (part: Map<string, number>, name: string) => (part.get(name) ?? 0) / turns;
    const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
    const lines = [
      row(['µs of CPU per turn (profiler on)', ...KINDS]),
      row(['---', ...KINDS.map(() => '---:')]),
      ...names.map((name) => row([name, ...parts.map((part) => perTurn(part, name).toFixed(0))])),
      row([
        '**per turn, start-up left out**',
        ...parts.map((part) => `**${[...part.keys()].filter((name) => !name.startsWith('start-up')).reduce((sum, name) => sum + perTurn(part, name), 0).toFixed(0)}**`),
      ]),
      row(['CPU per measured turn, from /proc (ms)', ...KINDS.map((kind) => cpuPerTurn(results[kind]).toFixed(2))]),
      row(['failed turns', ...KINDS.map((kind) => String(results[kind].failures.length))]),
    ];
    process.stdout.write(`\n${lines.join('\n')}\n\nprofiles: ${profiles}\n`);
  } finally {
    await Promise.all(processes.map((bot) => bot.stop()));
    await connector.stop();
    await cloud.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
