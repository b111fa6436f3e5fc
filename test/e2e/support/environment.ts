import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { FakeBotConnector } from '../../support/fake-bot-connector';
import { TEAMS_TEST_USERS } from '../../support/teams-activities';
import { RunningBot, startBot } from './bot';
import { PlaygroundChat } from './playground-chat';
import { indent, RunningProcess, startProcess } from './processes';
import { waitFor, within } from './wait';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const FIXTURES = join(ROOT, 'test', 'e2e', 'fixtures');

/** Where Debian's package puts Chromium; CHROMIUM_PATH overrides (scripts/run-e2e.mjs checks it first). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags that keep headless Chromium off the network and quick to start on a CI machine. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const VIEWPORT = { width: 1280, height: 900 };

export interface E2eEnvironment {
  bot: RunningBot;
  /** The other person's Teams: replies to activities the test posts itself as Adele Vance land here. */
  connector: FakeBotConnector;
  playground: RunningProcess;
  playgroundUrl: string;
  browser: Browser;
  page: Page;
  chat: PlaygroundChat;
  /** Scratch folder: logs and failure artifacts. */
  workDir: string;
  /**
   * Writes docs/screenshots/NAME.png when E2E_SCREENSHOTS_DIR is set (`npm run test:e2e -- --screenshots`), and
   * does nothing otherwise: the whole Playground window, or (default) just the conversation column.
   */
  screenshot(name: string, options?: { region?: 'window' | 'conversation'; focus?: Locator }): Promise<void>;
  /** Screenshot, page HTML and logs of the current state, for a failed test; returns the folder. */
  saveArtifacts(label: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Everything the flows need, started in order and torn down in reverse even when a step fails: the bot in this
 * process, a fake Bot Connector for the second person, `scripts/playground.mjs` (the same script as
 * `npm run playground`) and headless Chromium on the Playground's page.
 */
export async function startEnvironment(): Promise<E2eEnvironment> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}. Install it with \`apt-get install -y chromium\` (Debian/Ubuntu), ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome executable. Run the suite with `npm run test:e2e`.',
    );
  }
  const workDir = mkdtempSync(join(tmpdir(), 'guestpass-e2e-'));
  // Kept when something failed (its logs and artifacts are named in the failure output) or E2E_KEEP_LOGS is set.
  let keepWorkDir = Boolean(process.env.E2E_KEEP_LOGS);
  const cleanups: (() => Promise<unknown>)[] = [
    async () => {
      if (!keepWorkDir) rmSync(workDir, { recursive: true, force: true });
    },
  ];
  const closeAll = async () => {
    const errors: unknown[] = [];
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        errors.push(error);
      }
    }
    cleanups.length = 0;
    if (errors.length > 0) throw errors[0];
  };

  try {
    const bot = await startBot({ policyFile: join(FIXTURES, 'policy.yaml'), logFile: join(workDir, 'bot.log') });
    cleanups.push(() => bot.close());

    const connector = new FakeBotConnector();
    await connector.start();
    cleanups.push(() => connector.stop());
    const adele = TEAMS_TEST_USERS.adele;
    connector.addMember({ ...adele, userPrincipalName: 'adele@contoso.com', email: 'adele@contoso.com' });

    const port = await freePort();
    const playground = startProcess(
      'scripts/playground.mjs',
      process.execPath,
      [join(ROOT, 'scripts', 'playground.mjs'), '--attach', '--bot', bot.url, '--port', String(port)],
      { cwd: workDir, env: playgroundEnvironment(join(workDir, 'playground.log')) },
    );
    cleanups.push(() => playground.stop());
    const ready = await playground.waitForOutput(/Playground: (http:\/\/\S+)/, 60_000, 'the Agents Playground to start');
    const playgroundUrl = ready[1]!;

    const browser = await within(
      chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 }),
      { timeoutMs: 35_000, what: `Chromium (${CHROMIUM_PATH}) to start` },
    );
    cleanups.push(() => within(browser.close(), { timeoutMs: 10_000, what: 'Chromium to close' }));
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'UTC' });
    await isolateFromNetwork(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const chat = new PlaygroundChat(page);

    await page.goto(playgroundUrl, { waitUntil: 'load', timeout: 30_000 });
    await chat.composeBox.waitFor({ state: 'visible', timeout: 30_000 });
    // Opening the page installs the bot in the personal chat, and GuestPass says hello.
    await chat.waitForBotMessage(0, [], { timeoutMs: 30_000, what: "GuestPass's welcome message in the Playground" });

    const screenshotsDir = process.env.E2E_SCREENSHOTS_DIR ? resolve(ROOT, process.env.E2E_SCREENSHOTS_DIR) : undefined;
    return {
      bot,
      connector,
      playground,
      playgroundUrl,
      browser,
      page,
      chat,
      workDir,
      async screenshot(name, options = {}) {
        if (!screenshotsDir) return;
        mkdirSync(screenshotsDir, { recursive: true });
        await page.evaluate('document.fonts.ready');
        let clip: { x: number; y: number; width: number; height: number } | undefined;
        if ((options.region ?? 'conversation') === 'conversation') {
          // The column between the chat list and the log panel, below the title bar (Playground 0.2 layout:
          // the compose box starts 50 px into the column, the "Log Panel" title 16 px into the panel).
          const box = await chat.composeBox.boundingBox();
          const logPanel = await page.getByText('Log Panel', { exact: true }).first().boundingBox().catch(() => null);
          if (box) {
            const top = 48;
            const left = Math.max(0, box.x - 50);
            const right = logPanel ? logPanel.x - 16 : VIEWPORT.width;
            clip = { x: left, y: top, width: right - left, height: VIEWPORT.height - top };
            // Just one message (with its header above and any Playground notice below), when asked to.
            const focus = options.focus ? await options.focus.boundingBox() : null;
            if (focus) {
              const y = Math.max(top, focus.y - 36);
              clip = { ...clip, y, height: Math.min(VIEWPORT.height, focus.y + focus.height + 64) - y };
            }
          }
        }
        await page.screenshot({ path: join(screenshotsDir, `${name}.png`), animations: 'disabled', ...(clip ? { clip } : {}) });
      },
      async saveArtifacts(label) {
        keepWorkDir = true;
        const dir = join(workDir, 'failures', label.replace(/[^a-z0-9]+/gi, '-').slice(0, 80));
        mkdirSync(dir, { recursive: true });
        await page.screenshot({ path: join(dir, 'page.png'), fullPage: true, timeout: 10_000 }).catch(() => undefined);
        writeFileSync(join(dir, 'page.html'), await page.content().catch(() => '(page unavailable)'));
        writeFileSync(join(dir, 'messages.txt'), await chat.describe(0));
        writeFileSync(join(dir, 'playground-output.txt'), playground.output());
        writeFileSync(
          join(dir, 'connector.json'),
          JSON.stringify(connector.activities.map(({ operation, conversationId, activity }) => ({ operation, conversationId, activity })), null, 2),
        );
        return dir;
      },
      close: closeAll,
    };
  } catch (error) {
    keepWorkDir = true;
    const logs = describeLogs(workDir);
    await closeAll().catch(() => undefined);
    if (error instanceof Error) error.message += `\n${logs}`;
    throw error;
  }
}

/**
 * The Playground's page asks a CDN for fonts and animations. The suite must not depend on the network (and CI
 * has none): requests that leave this machine are refused at once instead of waiting for a time-out.
 */
async function isolateFromNetwork(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && url.protocol !== 'data:' && url.protocol !== 'blob:',
    (route) => route.abort('internetdisconnected'),
  );
}

/**
 * The script's environment: this machine's, less what would change who the Playground plays or where it looks
 * (the flows expect the script's default: Megan Bowen of the sandbox tenant).
 */
function playgroundEnvironment(logFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, M365_AGENTS_PLAYGROUND_LOGFILE: logFile };
  for (const name of ['M365_AGENTS_PLAYGROUND_CONFIG_PATH', 'TEAMSAPPTESTER_PORT', 'AZURE_TENANT_ID', 'MicrosoftAppTenantId', 'MicrosoftAppId', 'PORT']) {
    delete env[name];
  }
  return env;
}

/** A port nobody listens on right now (the Playground takes another one by itself if it is gone by then). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The ends of the bot's and the Playground's logs, for a failure message. */
export function describeLogs(workDir: string): string {
  const read = (name: string) => {
    try {
      const text = readFileSync(join(workDir, name), 'utf8');
      return text
        .split('\n')
        .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line))
        .join('\n');
    } catch {
      return '';
    }
  };
  return [
    `Bot log (${join(workDir, 'bot.log')}), last lines:`,
    indent(read('bot.log'), 15),
    `Playground log (${join(workDir, 'playground.log')}), last lines:`,
    indent(read('playground.log'), 15),
  ].join('\n');
}

export { waitFor };
