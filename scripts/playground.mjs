#!/usr/bin/env node
/**
 * `npm run playground`: chat with GuestPass in the Microsoft 365 Agents Playground, a local Teams-like web client,
 * with no Teams tenant, no bot registration, no tunnel and no internet connection.
 *
 * 1. Uses the bot that already answers at --bot (default http://127.0.0.1:$PORT, PORT defaulting to 3978, as
 *    `npm start` does). If none answers there, starts one from the sources (node --import tsx src/index.ts) on that port, bound
 *    to 127.0.0.1, and stops it again on exit; --attach refuses to start one instead. When the environment gives
 *    the bot settings (POLICY_FILE, STORE, …) the running bot may not have, starts its own on a free port instead
 *    (see playground/bot-choice.mjs).
 * 2. Starts the Playground (the local @microsoft/m365agentsplayground, spawned with node, not a shell) offline:
 *    no browser opened (TEAMSAPPTESTER_BROWSER=none), no telemetry, its log in a temporary folder.
 * 3. Prints the address to open, and stops everything on Ctrl+C.
 *
 * The Playground plays one signed-in person. Unless --config or a ./.m365agentsplayground.yml says otherwise,
 * that is Megan Bowen of the sandbox tenant, with the object id the simulated directory knows her by, so
 * policies can name her (see docs/playground.md).
 *
 * Exit codes: 0 after Ctrl+C, 1 when something could not start (the message says what to do).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, parseEnv } from 'node:util';
import { botSettingNames, chooseBot, freePort, givenSettings } from './playground/bot-choice.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));

const BOT_START_TIMEOUT_MS = 60_000;
const PLAYGROUND_START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/** The sandbox tenant and people (src/sandbox/graph-simulator/sandbox-seed.ts): the directory knows these ids. */
const SANDBOX = {
  tenantId: '6babcaad-604b-40ac-a9d7-9fd97c0b779f',
  megan: { id: '29:1megan-bowen-teams-id', name: 'Megan Bowen', upn: 'megan@contoso.com', aadObjectId: '48d31887-5fad-4d73-a9f5-3c356e68a038' },
  adele: { id: '29:1adele-vance-teams-id', name: 'Adele Vance', upn: 'adele@contoso.com', aadObjectId: '87d349ed-44d7-43e1-9a83-5f2406dee5bd' },
  partnersTeam: '9e1c3a5b-7d9f-4b2d-8f4a-6c8e0a2c4eaa',
};

const USAGE = `Usage: npm run playground [-- options]

Starts the Microsoft 365 Agents Playground (a local Teams client) against GuestPass.

Options:
  --bot URL       where the bot runs (default http://127.0.0.1:$PORT, PORT defaulting to 3978)
  --attach        only use a bot that already runs there; never start one
  --port N        Playground port (default $TEAMSAPPTESTER_PORT or 56150; a free one if that is taken)
  --config FILE   Playground config: the signed-in user, tenant, chats
                  (default ./.m365agentsplayground.yml if present, else Megan Bowen of the sandbox tenant)
  -h, --help      show this help`;

/** Processes this script started; killed outright if it exits any other way than through stop(). */
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

main().catch((error) => {
  fail(error instanceof Error ? error.message : String(error));
});

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        bot: { type: 'string' },
        attach: { type: 'boolean', default: false },
        port: { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`${error.message}\n\n${USAGE}`);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const env = environment();
  let botUrl = new URL(args.bot ?? `http://127.0.0.1:${env.PORT || 3978}`);
  let botBase = botUrl.origin;
  const port = Number(args.port ?? env.TEAMSAPPTESTER_PORT ?? 56150);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got "${args.port}"`);

  const work = mkdtempSync(join(tmpdir(), 'guestpass-playground-'));
  let stopping = false;
  const stop = async (code) => {
    // A second caller waits for the first one's exit instead of carrying on.
    if (stopping) return new Promise(() => {});
    stopping = true;
    await Promise.all([...children].map((child) => stopChild(child)));
    // Logs stay behind only when something went wrong and there are logs to read.
    const logs = ['bot.log', 'playground.log'].some((name) => existsSync(join(work, name)));
    if (code === 0 || !logs) rmSync(work, { recursive: true, force: true });
    else process.stderr.write(`Logs kept in ${work}\n`);
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      process.stdout.write('\nStopping…\n');
      void stop(0);
    });
  }
  const die = async (message) => {
    process.stderr.write(`\n${message}\n`);
    await stop(1);
  };

  if (env.MicrosoftAppId) {
    process.stderr.write(
      'Warning: MicrosoftAppId is set, so the bot expects Bot Framework tokens and refuses the Playground (401).\n' +
        '         Unset MicrosoftAppId (and MicrosoftAppPassword) to try the bot in the Playground.\n',
    );
  }

  // Everything that can be wrong with the arguments is found before anything is started.
  const config = playgroundConfig(args.config, env, work);
  const cli = playgroundCli();

  // 1. The bot.
  let botSource = 'already running';
  const answering = await isHealthy(botBase);
  const choice = chooseBot({
    answering,
    attach: args.attach,
    loopback: isLoopback(botUrl.hostname),
    // Only settings given here: `.env` is read by a bot started from this folder with `npm start` as well.
    settings: answering ? givenSettings(process.env, await botSettingNames()) : [],
    botBase,
  });
  if (choice.action === 'refuse') await die(choice.message);
  if (choice.action === 'use' && choice.warning) process.stderr.write(`${choice.warning}\n`);
  if (choice.action === 'startOnFreePort') {
    process.stdout.write(`${choice.note}\n`);
    botUrl = new URL(`http://127.0.0.1:${await freePort()}`);
    botBase = botUrl.origin;
  }
  if (choice.action !== 'use') {
    if (args.attach) {
      await die(
        `No GuestPass bot answers at ${botBase}/healthz.\n` +
          'Start it first with `npm start` (in another terminal), or run `npm run playground` without --attach ' +
          'to let it start one.',
      );
    }
    if (!isLoopback(botUrl.hostname)) {
      await die(`No GuestPass bot answers at ${botBase}/healthz, and it is not on this machine, so it cannot be started here.`);
    }
    if (await portTaken(botUrl)) {
      await die(
        `Something other than GuestPass listens at ${botBase} (it does not answer /healthz as GuestPass does).\n` +
          'Stop it, or use another port: `npm run playground -- --bot http://127.0.0.1:3979`.',
      );
    }
    const botLog = join(work, 'bot.log');
    process.stdout.write(
      choice.action === 'start'
        ? `No bot answers at ${botBase}; starting GuestPass from the sources (log: ${botLog})…\n`
        : `Starting GuestPass from the sources at ${botBase} (log: ${botLog})…\n`,
    );
    const bot = startBot(botUrl, env, botLog);
    children.add(bot);
    bot.on('exit', (code, signal) => {
      children.delete(bot);
      if (!stopping) void die(`The GuestPass bot stopped (${signal ?? `exit code ${code}`}).\n${tail(botLog)}\nFull log: ${botLog}`);
    });
    const ready = await waitUntil(() => isHealthy(botBase), BOT_START_TIMEOUT_MS, () => stopping);
    if (!ready) {
      await die(`GuestPass did not answer at ${botBase}/healthz within ${BOT_START_TIMEOUT_MS / 1000} s.\n${tail(botLog)}\nFull log: ${botLog}`);
    }
    botSource = 'started by this script';
  }

  // 2. The Playground.
  const endpoint = `${botBase}/api/messages`;
  const playgroundLog = env.M365_AGENTS_PLAYGROUND_LOGFILE || join(work, 'playground.log');
  const logStart = fileSize(playgroundLog);
  const playground = spawn(process.execPath, [cli, '-e', endpoint, '-c', 'msteams', '--disable-telemetry', '-p', String(port)], {
    cwd: work, // the Playground writes a devTools/ folder into its working directory
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_LOGFILE: playgroundLog,
      ...(config.path ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: config.path } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  children.add(playground);
  let listeningPort;
  let output = '';
  const collect = (chunk) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
    const match = /Listening on (\d+)/.exec(output);
    if (match) listeningPort = Number(match[1]);
  };
  playground.stdout.on('data', collect);
  playground.stderr.on('data', collect);
  playground.on('exit', (code, signal) => {
    children.delete(playground);
    if (!stopping) {
      void die(`The Agents Playground stopped (${signal ?? `exit code ${code}`}).\n${output.trim()}\n${playgroundErrors(playgroundLog, logStart)}`);
    }
  });

  let startupError;
  const up = await waitUntil(
    async () => {
      // The Playground logs a bad config file and then hangs without serving: read its log, not just the port.
      startupError = playgroundErrors(playgroundLog, logStart);
      if (startupError) return true;
      return listeningPort !== undefined && (await answers(`http://127.0.0.1:${listeningPort}/`));
    },
    PLAYGROUND_START_TIMEOUT_MS,
    () => stopping,
  );
  if (startupError) await die(`The Agents Playground could not start:\n${startupError}\nConfig: ${config.path ?? '(built in)'}`);
  if (!up) await die(`The Agents Playground did not answer within ${PLAYGROUND_START_TIMEOUT_MS / 1000} s.\n${output.trim()}`);
  if (listeningPort !== port && port !== 0) process.stdout.write(`Port ${port} is taken; the Playground uses ${listeningPort} instead.\n`);

  const url = `http://localhost:${listeningPort}`;
  process.stdout.write(
    [
      '',
      'GuestPass is ready in the Microsoft 365 Agents Playground.',
      '',
      `  Playground: ${url}`,
      '',
      `  Open ${url} in your browser and type "help", "invite" or "status jane@fabrikam.com".`,
      `  Bot:        ${endpoint} (${botSource})`,
      `  Signed in:  ${config.who}`,
      `  Logs:       ${playgroundLog}${botSource === 'started by this script' ? `, ${join(work, 'bot.log')}` : ''}`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}

/** process.env over ./.env, as the bot reads them (the bot gives real variables precedence too). */
function environment() {
  let fromFile = {};
  const file = join(process.cwd(), '.env');
  if (existsSync(file)) {
    try {
      fromFile = parseEnv(readFileSync(file, 'utf8'));
    } catch {
      fromFile = {};
    }
  }
  return { ...fromFile, ...process.env };
}

function startBot(botUrl, env, logFile) {
  let tsx;
  try {
    tsx = import.meta.resolve('tsx');
  } catch {
    fail('tsx is not installed. Run `npm install` (it is a development dependency of GuestPass).');
  }
  const log = createWriteStream(logFile);
  // One process (no tsx CLI in between), so that stopping it stops the bot.
  const child = spawn(process.execPath, ['--import', tsx, 'src/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: botUrl.port || (botUrl.protocol === 'https:' ? '443' : '80'),
      // Local development mode accepts unauthenticated requests: keep it off the network unless HOST says so.
      HOST: env.HOST || '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  // Errors also go to the terminal, briefly; everything else stays in the log file.
  let pending = '';
  child.stdout.on('data', (chunk) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const entry = JSON.parse(line);
        if (entry.level === 'error' || entry.level === 'fatal') {
          process.stderr.write(`[bot] ${entry.level}: ${entry.msg}${entry.err?.message ? ` (${entry.err.message})` : ''}\n`);
        }
      } catch {
        // Not a log line.
      }
    }
  });
  return child;
}

/** The Playground config to use: --config, the person's own file or variable, or sandbox identities. */
function playgroundConfig(explicit, env, work) {
  if (explicit) {
    const path = resolve(explicit);
    if (!existsSync(path)) fail(`--config: no file at ${path}`);
    return { path, who: `as configured in ${path}` };
  }
  if (env.M365_AGENTS_PLAYGROUND_CONFIG_PATH) {
    return { path: resolve(env.M365_AGENTS_PLAYGROUND_CONFIG_PATH), who: `as configured in ${env.M365_AGENTS_PLAYGROUND_CONFIG_PATH}` };
  }
  const own = join(process.cwd(), '.m365agentsplayground.yml');
  if (existsSync(own)) return { path: own, who: `as configured in ${own}` };

  // With a tenant configured the bot refuses activities from any other: the Playground must speak for that one.
  const tenantId = env.AZURE_TENANT_ID || env.MicrosoftAppTenantId || SANDBOX.tenantId;
  const path = join(work, 'playground.yml');
  writeFileSync(path, sandboxConfigYaml(tenantId));
  const tenant = tenantId === SANDBOX.tenantId ? 'the sandbox tenant' : `tenant ${tenantId}`;
  return {
    path,
    who: `${SANDBOX.megan.name} (${SANDBOX.megan.upn}, object id ${SANDBOX.megan.aadObjectId}) in ${tenant}`,
  };
}

/** The Playground's config format (version 0.1.1): it wants at least five other users and distinct chat ids. */
function sandboxConfigYaml(tenantId) {
  const user = (person) =>
    [
      `id: "${person.id}"`,
      `name: ${person.name}`,
      `userPrincipleName: ${person.upn}`,
      `aadObjectId: ${person.aadObjectId}`,
      `givenName: ${person.name.split(' ')[0]}`,
      `surname: ${person.name.split(' ').slice(1).join(' ')}`,
      `email: ${person.upn}`,
    ];
  const others = [
    SANDBOX.adele,
    // Not in the simulated directory: fellow chat members only.
    { id: '29:1isaiah-langer-teams-id', name: 'Isaiah Langer', upn: 'isaiah@contoso.com', aadObjectId: 'f1a2b3c4-0001-4000-8000-000000000001' },
    { id: '29:1patti-fernandez-teams-id', name: 'Patti Fernandez', upn: 'patti@contoso.com', aadObjectId: 'f1a2b3c4-0002-4000-8000-000000000002' },
    { id: '29:1lynne-robbins-teams-id', name: 'Lynne Robbins', upn: 'lynne@contoso.com', aadObjectId: 'f1a2b3c4-0003-4000-8000-000000000003' },
    { id: '29:1diego-siciliani-teams-id', name: 'Diego Siciliani', upn: 'diego@contoso.com', aadObjectId: 'f1a2b3c4-0004-4000-8000-000000000004' },
  ];
  return [
    '# Generated by scripts/playground.mjs: who the Playground plays, in which tenant.',
    'version: "0.1.1"',
    `tenantId: ${tenantId}`,
    'bot:',
    '  id: 00000000-0000-4000-8000-00000000b07e',
    '  name: GuestPass',
    'currentUser:',
    ...user(SANDBOX.megan).map((line) => `  ${line}`),
    'users:',
    ...others.flatMap((person) => user(person).map((line, index) => `${index === 0 ? '  - ' : '    '}${line}`)),
    'personalChat:',
    '  id: "a:1guestpass-playground-personal-chat"',
    'groupChat:',
    '  id: "19:guestpass-playground-group-chat@thread.v2"',
    '  name: Project Falcon',
    'team:',
    '  id: "19:guestpass-playground-general@thread.tacv2"',
    '  name: Contoso Partners',
    `  aadGroupId: ${SANDBOX.partnersTeam}`,
    '  channels:',
    '    - id: "19:guestpass-playground-announcements@thread.tacv2"',
    '      name: Announcements',
    '',
  ].join('\n');
}

function playgroundCli() {
  const manifest = resolveOrFail('@microsoft/m365agentsplayground/package.json', '@microsoft/m365agentsplayground');
  const bin = JSON.parse(readFileSync(manifest, 'utf8')).bin;
  const relative = typeof bin === 'string' ? bin : bin.agentsplayground ?? Object.values(bin)[0];
  return join(dirname(manifest), relative);
}

function resolveOrFail(specifier, packageName) {
  try {
    return require.resolve(specifier);
  } catch {
    fail(`${packageName} is not installed. Run \`npm install\` (it is a development dependency of GuestPass).`);
  }
}

/** Lines the Playground logged at error level since it started (its stdout says "Listening" even when it fails). */
function playgroundErrors(logFile, from) {
  const text = readTail(logFile, 64 * 1024, from);
  const errors = text
    .split('\n')
    .filter((line) => line.startsWith('error '))
    .map((line) => `  ${line.slice('error '.length)}`);
  return errors.join('\n');
}

function tail(file, lines = 15) {
  return readTail(file, 16 * 1024).trim().split('\n').slice(-lines).join('\n');
}

function fileSize(file) {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function readTail(file, bytes, from = 0) {
  try {
    const size = statSync(file).size;
    const length = Math.max(0, Math.min(size - from, bytes));
    const buffer = Buffer.alloc(length);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buffer, 0, length, size - length);
    } finally {
      closeSync(fd);
    }
    return buffer.toString('utf8');
  } catch {
    return '';
  }
}

async function isHealthy(base) {
  return answers(`${base}/healthz`);
}

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

async function waitUntil(check, timeoutMs, cancelled) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !cancelled()) {
    if (await check()) return true;
    await new Promise((done) => setTimeout(done, 250));
  }
  return false;
}

function portTaken(url) {
  return new Promise((done) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80) });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(false));
  });
}

function isLoopback(hostname) {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\./.test(hostname);
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
