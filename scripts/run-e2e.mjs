#!/usr/bin/env node
/**
 * `npm run test:e2e`: the end-to-end suite (test/e2e/**\/*.e2e.ts, apart from `npm test`): GuestPass driven through
 * the Microsoft 365 Agents Playground by headless Chromium.
 *
 *   npm run test:e2e                      run the suite
 *   npm run test:e2e -- --screenshots     also refresh docs/screenshots/*.png
 *   npm run test:e2e -- --grep approver   any other argument goes to mocha
 *
 * Needs Chromium (Debian: `apt-get install -y chromium`; elsewhere set CHROMIUM_PATH). Fails at once with those
 * instructions when it is missing. The whole run is bounded (E2E_TIMEOUT_SECONDS, default 240): past that it is
 * stopped. Whatever way it ends, every process it started (bot, Playground, Chromium) is ended with it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const TIMEOUT_SECONDS = Number(process.env.E2E_TIMEOUT_SECONDS || 240);
const STOP_GRACE_MS = 5_000;
const POSIX = process.platform !== 'win32';

const started = Date.now();
const mochaArgs = [];
let screenshots = false;
for (const arg of process.argv.slice(2)) {
  if (arg === '--screenshots') screenshots = true;
  else mochaArgs.push(arg);
}

const chromium = findChromium();
const runId = randomUUID();
const mocha = spawn(
  process.execPath,
  [
    // restify 11 on Node 20 (the bot runs in the test process) warns about process.binding; nothing to act on.
    '--disable-warning=DEP0111',
    join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'),
    '--config',
    join(ROOT, 'test', 'e2e', '.mocharc.json'),
    ...mochaArgs,
  ],
  {
    cwd: ROOT,
    stdio: 'inherit',
    // Its own process group, so that the group can be ended as a whole.
    detached: POSIX,
    env: {
      ...process.env,
      CHROMIUM_PATH: chromium,
      ...(screenshots ? { E2E_SCREENSHOTS_DIR: 'docs/screenshots' } : {}),
      // Inherited by every process of this run (Chromium included): how leftovers are found at the end.
      GUESTPASS_E2E_RUN: runId,
    },
  },
);

let timedOut = false;
const deadline = setTimeout(() => {
  timedOut = true;
  process.stderr.write(`\nThe end-to-end suite did not finish within ${TIMEOUT_SECONDS} s (E2E_TIMEOUT_SECONDS); stopping it.\n`);
  void stopMocha();
}, TIMEOUT_SECONDS * 1000);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: stopping the end-to-end suite.\n`);
    void stopMocha();
  });
}

mocha.on('exit', (code, signal) => {
  clearTimeout(deadline);
  const leftovers = sweep();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (leftovers > 0) process.stderr.write(`Ended ${leftovers} process(es) the suite left behind.\n`);
  if (screenshots && code === 0) process.stdout.write(`Screenshots written to ${join(ROOT, 'docs', 'screenshots')}\n`);
  process.stdout.write(`End-to-end suite finished in ${seconds} s.\n`);
  process.exit(timedOut ? 1 : code ?? (signal ? 1 : 0));
});

async function stopMocha() {
  killGroup('SIGTERM');
  await new Promise((done) => setTimeout(done, STOP_GRACE_MS));
  killGroup('SIGKILL');
  sweep();
}

function killGroup(signal) {
  if (mocha.pid === undefined) return;
  try {
    if (POSIX) process.kill(-mocha.pid, signal);
    else mocha.kill(signal);
  } catch {
    // Already gone.
  }
}

/**
 * Ends any process still carrying this run's GUESTPASS_E2E_RUN mark (Linux: read from /proc). Chromium leads its
 * own process group, so a group kill alone could miss it if the test process died without closing it.
 */
function sweep() {
  killGroup('SIGKILL');
  if (process.platform !== 'linux') return 0;
  let ended = 0;
  for (const entry of safeReaddir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let environ;
    try {
      environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue;
    }
    if (!environ.split('\0').includes(`GUESTPASS_E2E_RUN=${runId}`)) continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
      ended++;
    } catch {
      // Gone meanwhile.
    }
  }
  return ended;
}

function safeReaddir(path) {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** CHROMIUM_PATH, or Debian's /usr/bin/chromium; exits with install instructions when neither is there or works. */
function findChromium() {
  const path = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  const howToInstall = [
    '',
    'The end-to-end tests drive the Agents Playground with headless Chromium, and none was found.',
    '',
    '  Debian or Ubuntu (as root):  apt-get update && apt-get install -y chromium',
    '  Anywhere else:               set CHROMIUM_PATH to a Chromium or Chrome executable',
    '',
    '(`npx playwright install` is not used: the suite runs playwright-core against the system browser.)',
    '',
  ].join('\n');
  if (!existsSync(path)) {
    process.stderr.write(`Chromium not found at ${path}${process.env.CHROMIUM_PATH ? ' (CHROMIUM_PATH)' : ''}.\n${howToInstall}`);
    process.exit(1);
  }
  const probe = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : (probe.stderr || probe.stdout || `exit code ${probe.status}`).trim();
    process.stderr.write(`Chromium at ${path} does not run: ${why}\n${howToInstall}`);
    process.exit(1);
  }
  process.stdout.write(`Using ${probe.stdout.trim().split('\n')[0]} (${path})\n`);
  return path;
}
