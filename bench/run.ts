import { relative } from 'node:path';
import { buildBots, writeBenchPolicy } from './bots';
import { measureCardActions } from './card-actions';
import { ExternalServices } from '../test/support/external-services';
import { measureBulkThroughput } from './bulk-throughput';
import { measureGraphCalls } from './graph-calls';
import { measureGraphLatency } from './graph-latency';
import { measureSharedBudget } from './shared-budget';
import { BenchReport, environment, loadAverage, REPO_ROOT, textTable, writeReport } from './report';
import { measureStartupAndIdle } from './startup-and-idle';
import { measureStoreLookups } from './store-lookups';
import { Figure } from './support/figure';
import { round } from './support/stats';
import { measureTurnOverhead } from './turn-overhead';

/**
 * `npm run bench`: every GuestPass figure beside its floor, measured in the same run, printed as a table and
 * written as JSON (bench/results/latest.json; a full run also refreshes docs/benchmarks.{json,md}).
 * `npm run bench -- --only turns,latency` runs some sections (and leaves the docs alone).
 */
type Section = 'startup' | 'turns' | 'latency' | 'cardActions' | 'graph' | 'bulk' | 'sharedBudget' | 'storeLookups';
type Measure = () => Promise<{ figures: Figure[]; raw: Record<string, unknown> }>;

async function main(): Promise<void> {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? new Set((process.argv[onlyIndex + 1] ?? '').split(',')) : undefined;
  process.stderr.write('bench: compiling the bots…\n');
  buildBots();
  const policyFile = writeBenchPolicy();
  // The simulated tenant (Entra ID + Graph over https) the GuestPass processes talk to, as they would to the cloud.
  const cloud = new ExternalServices();
  await cloud.start();
  // Bulk last: it is the longest, and its 30-odd seconds of pacing should not overlap the latency runs.
  const sections: [Section, Measure][] = [
    ['startup', () => measureStartupAndIdle(policyFile, cloud)],
    ['turns', () => measureTurnOverhead(policyFile, cloud)],
    ['latency', () => measureGraphLatency(policyFile, cloud)],
    ['cardActions', () => measureCardActions(cloud)],
    ['graph', () => measureGraphCalls()],
    ['bulk', () => measureBulkThroughput()],
    ['sharedBudget', () => measureSharedBudget()],
    ['storeLookups', () => measureStoreLookups()],
  ];
  const started = performance.now();
  const report: BenchReport = { generatedAt: new Date().toISOString(), durationSeconds: 0, environment: environment(), figures: [], raw: {} };
  for (const [name, measure] of sections) {
    if (only && !only.has(name)) continue;
    const sectionStart = performance.now();
    process.stderr.write(`bench: ${name}…`);
    const { figures, raw } = await measure();
    process.stderr.write(` ${round((performance.now() - sectionStart) / 1000, 1)} s\n`);
    report.figures.push(...figures);
    report.raw[name] = raw;
  }
  await cloud.stop();
  report.environment.loadAverageAtEnd = loadAverage();
  report.durationSeconds = round((performance.now() - started) / 1000, 1);
  process.stdout.write(`\n${textTable(report)}\n\n`);
  for (const path of writeReport(report, only === undefined)) process.stdout.write(`wrote ${relative(REPO_ROOT, path)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
