import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotProcess, REPO_ROOT } from '../test/support/bot-process';
import { ExternalServices } from '../test/support/external-services';

/**
 * The bots the process-level benchmarks compare, compiled to JavaScript and started the same way
 * (`node <script>.js`, output discarded), as `npm start` runs GuestPass in production: GuestPass configured
 * against a tenant — here Entra ID and Graph simulated at 0 ms in the benchmark's own process, over https, so
 * the bot pays for its Graph client and token handling but not for the simulator — with STORE=memory, and the
 * bare echo bot on the same botbuilder + restify stack. `guestpass-sqlite` is the same with the production
 * default store, an SQLite file in a scratch folder. `minimal-inviter` is the echo bot plus an invitation's two
 * Graph calls and nothing else (see minimal-inviter-bot.ts), against the same simulated tenant.
 */
export type BotKind = 'guestpass' | 'guestpass-sqlite' | 'echo' | 'minimal-inviter';

const GUESTPASS_SCRIPT = 'dist/index.js';
/** The floors, compiled by bench/tsconfig.floors.json (its rootDir is the repository, for the shared Graph shapes). */
const FLOORS_OUT_DIR = join('build', 'floors', 'bench');
const ECHO_SCRIPT = join(FLOORS_OUT_DIR, 'echo-bot.js');
const MINIMAL_INVITER_SCRIPT = join(FLOORS_OUT_DIR, 'minimal-inviter-bot.js');

/**
 * The Node options `npm start` gives GuestPass (package.json's `start` script: the words between `node` and the
 * script), so the bench runs GuestPass as production does. The floors run with Node's defaults.
 */
export function npmStartNodeOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = scripts.start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== GUESTPASS_SCRIPT) throw new Error(`npm start is not "node [options] ${GUESTPASS_SCRIPT}": ${scripts.start}`);
  return words.slice(1, -1);
}

/** Compiles the bots: GuestPass as `npm run build` does (into dist/), the floors with the same compiler options. */
export function buildBots(): void {
  const tsc = require.resolve('typescript/bin/tsc');
  const compile = (args: string[]) => execFileSync(process.execPath, [tsc, ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
  // As `npm run build` (its prebuild): a file an older build left in dist/ would be served (handler discovery).
  rmSync(join(REPO_ROOT, 'dist'), { recursive: true, force: true });
  compile(['-p', 'tsconfig.build.json']);
  compile(['-p', join('bench', 'tsconfig.floors.json')]);
}

/** A policy that lets the benchmark's requesters make thousands of requests (the default quota is 50/day). */
export function writeBenchPolicy(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'guestpass-bench-')), 'policy.yaml');
  writeFileSync(path, 'dailyQuotaPerRequester: 10000\n');
  return path;
}

/**
 * Starts a bot against the simulated tenant; `graphBaseUrl` points it at another Graph than the tenant's own,
 * `nodeArgs` are Node options for the bot (a profiler's).
 */
export function startBot(kind: BotKind, policyFile: string, cloud: ExternalServices, graphBaseUrl = cloud.graphUrl, nodeArgs: string[] = []): Promise<BotProcess> {
  if (kind === 'echo') return BotProcess.start({ script: ECHO_SCRIPT, env: {}, captureChars: 0, nodeArgs });
  if (kind === 'minimal-inviter') {
    return BotProcess.start({ script: MINIMAL_INVITER_SCRIPT, env: cloud.botEnv({ NODE_ENV: 'development', GRAPH_BASE_URL: graphBaseUrl }), captureChars: 0, nodeArgs });
  }
  const store: Record<string, string> =
    kind === 'guestpass' ? { STORE: 'memory' } : { STORE: 'sqlite', DATA_DIR: mkdtempSync(join(tmpdir(), 'guestpass-bench-data-')) };
  return BotProcess.start({
    script: GUESTPASS_SCRIPT,
    env: cloud.botEnv({ NODE_ENV: 'development', LOG_LEVEL: 'info', POLICY_FILE: policyFile, GRAPH_BASE_URL: graphBaseUrl, ...store }),
    captureChars: 0,
    nodeArgs: [...npmStartNodeOptions(), ...nodeArgs],
  });
}
