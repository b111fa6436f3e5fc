import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/bot-process';

interface BotChoice {
  botSettingNames(): Promise<string[]>;
  givenSettings(env: Record<string, string | undefined>, names: readonly string[]): string[];
  chooseBot(situation: { answering: boolean; attach: boolean; loopback: boolean; settings: readonly string[]; botBase: string }): {
    action: string;
    warning?: string;
    note?: string;
    message?: string;
  };
}

const load = () => import(join(REPO_ROOT, 'scripts', 'playground', 'bot-choice.mjs')) as Promise<BotChoice>;
const BASE = 'http://127.0.0.1:3978';

describe('npm run playground with a bot already answering', function () {
  this.timeout(120_000);

  it("knows the bot's settings from its configuration schema, and which of them this environment gives", async () => {
    const { botSettingNames, givenSettings } = await load();
    const names = await botSettingNames();
    for (const name of ['POLICY_FILE', 'STORE', 'DATA_DIR', 'AZURE_TENANT_ID', 'PORT']) assert.ok(names.includes(name), name);
    assert.deepEqual(givenSettings({ STORE: 'memory', POLICY_FILE: 'p.yaml', PORT: '3979', LOG_LEVEL: 'debug', PATH: '/bin', DATA_DIR: '' }, names), ['POLICY_FILE', 'STORE']);
  });

  it('uses the running bot when no setting is given, and starts one when none answers', async () => {
    const { chooseBot } = await load();
    assert.deepEqual(chooseBot({ answering: true, attach: false, loopback: true, settings: [], botBase: BASE }), { action: 'use' });
    assert.deepEqual(chooseBot({ answering: false, attach: false, loopback: true, settings: ['STORE'], botBase: BASE }), { action: 'start' });
  });

  it('with settings, starts its own bot on a free port, or says why it cannot, never silently using the running one', async () => {
    const { chooseBot } = await load();
    const own = chooseBot({ answering: true, attach: false, loopback: true, settings: ['POLICY_FILE', 'STORE'], botBase: BASE });
    assert.equal(own.action, 'startOnFreePort');
    assert.match(own.note ?? '', /already answers at http:\/\/127\.0\.0\.1:3978.*\(POLICY_FILE, STORE\).*free port/);
    const remote = chooseBot({ answering: true, attach: false, loopback: false, settings: ['STORE'], botBase: 'https://bot.example.com' });
    assert.equal(remote.action, 'refuse');
    assert.match(remote.message ?? '', /STORE.*--attach/);
    const attached = chooseBot({ answering: true, attach: true, loopback: true, settings: ['POLICY_FILE'], botBase: BASE });
    assert.equal(attached.action, 'use');
    assert.match(attached.warning ?? '', /POLICY_FILE from this terminal do not reach it/);
  });

  it('leaves a bot that answers on the port alone when POLICY_FILE is given, and runs its own on another port', async () => {
    const seen: string[] = [];
    const running = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.statusCode = req.url === '/healthz' ? 200 : 404;
      res.setHeader('Content-Type', 'application/json');
      res.end('{"status":"ok"}');
    });
    running.listen(0, '127.0.0.1');
    await once(running, 'listening');
    const port = (running.address() as AddressInfo).port;
    let script: ChildProcess | undefined;
    try {
      script = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'playground.mjs'), '--port', '0'], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), POLICY_FILE: 'test/e2e/fixtures/policy.yaml', STORE: 'memory', LOG_LEVEL: 'warn' },
      });
      let output = '';
      const ready = new Promise<void>((resolve, reject) => {
        const collect = (chunk: Buffer) => {
          output += chunk.toString();
          if (/Press Ctrl\+C to stop/.test(output)) resolve();
        };
        script!.stdout!.on('data', collect);
        script!.stderr!.on('data', collect);
        script!.once('exit', (code) => reject(new Error(`playground.mjs exited ${code}:\n${output}`)));
      });
      await ready;
      assert.match(output, new RegExp(`already answers at http://127\\.0\\.0\\.1:${port}, but it may not run with the settings you gave \\(POLICY_FILE, STORE\\)`));
      const bot = /Bot: +(http:\/\/127\.0\.0\.1:(\d+))\/api\/messages \(started by this script\)/.exec(output);
      assert.ok(bot, output);
      assert.notEqual(Number(bot[2]), port);
      assert.equal((await fetch(`${bot[1]}/healthz`)).status, 200, 'its own bot answers');
      assert.deepEqual(seen, ['GET /healthz'], 'the running bot was only asked whether it is there');
    } finally {
      if (script && script.exitCode === null) {
        const exited = once(script, 'exit');
        script.kill('SIGINT');
        await exited;
      }
      running.close();
    }
  });
});
