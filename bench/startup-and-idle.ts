import { ExternalServices } from '../test/support/external-services';
import { startBot } from './bots';
import { figure, Figure } from './support/figure';
import { median, MIB } from './support/stats';

/** Start-up varies by a tenth or more between runs on a shared machine; eight runs steady the median. */
const RUNS = 8;
/** Let start-up garbage settle before reading the idle footprint. */
const IDLE_SETTLE_MS = 1000;

interface Footprint {
  startupMs: number[];
  idleRssBytes: number[];
}

/**
 * Start-up time (spawn until /healthz answers 200) and resident memory at idle, median of eight fresh processes
 * per bot, alternating bots so both see the same background load. One unmeasured start of each first brings
 * their files into the OS cache, so both are timed warm, as after a deploy.
 */
async function footprints(policyFile: string, cloud: ExternalServices): Promise<Record<'echo' | 'guestpass', Footprint>> {
  const kinds = ['echo', 'guestpass'] as const;
  for (const kind of kinds) await (await startBot(kind, policyFile, cloud)).stop();
  const result: Record<(typeof kinds)[number], Footprint> = { echo: { startupMs: [], idleRssBytes: [] }, guestpass: { startupMs: [], idleRssBytes: [] } };
  for (let run = 0; run < RUNS; run++) {
    for (const kind of run % 2 === 0 ? kinds : [...kinds].reverse()) {
      const bot = await startBot(kind, policyFile, cloud);
      try {
        result[kind].startupMs.push(bot.startupMs);
        await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
        const rss = bot.rssBytes();
        if (rss === undefined) throw new Error('cannot read resident memory (/proc is Linux-only)');
        result[kind].idleRssBytes.push(rss);
      } finally {
        await bot.stop();
      }
    }
  }
  return result;
}

export async function measureStartupAndIdle(policyFile: string, cloud: ExternalServices): Promise<{ figures: Figure[]; raw: Record<string, Footprint> }> {
  const { echo, guestpass } = await footprints(policyFile, cloud);
  const figures = [
    figure({
      id: 'startup.ms',
      label: `Start-up, spawn to /healthz (median of ${RUNS})`,
      unit: 'ms',
      value: median(guestpass.startupMs),
      floor: median(echo.startupMs),
      floorLabel: 'echo bot',
      target: 1.3,
    }),
    figure({
      id: 'rss.idle',
      label: `Resident memory at idle (median of ${RUNS})`,
      unit: 'MiB',
      value: median(guestpass.idleRssBytes) / MIB,
      floor: median(echo.idleRssBytes) / MIB,
      floorLabel: 'echo bot',
      target: 1.3,
    }),
  ];
  return { figures, raw: { echo, guestpass } };
}
