import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A bot (GuestPass or any other script with GET /healthz) running as a child process, the way it runs in
 * production: its own Node process, configured only through environment variables. Fault tests kill it with
 * SIGKILL; benchmarks time its start and read its resident memory.
 */

export const REPO_ROOT = join(__dirname, '..', '..');
/** tsx's loader by absolute URL: the child runs in a scratch folder (so no stray `.env` is read) yet finds it. */
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;
/** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;
/** Only what Node and tsx need from the parent; a developer's Azure or bot variables must not leak in. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'];

export interface BotProcessOptions {
  /** Path of the entry point (TypeScript, or compiled `.js`), absolute or relative to the repository root. */
  script: string;
  /** The child's configuration; PORT is chosen here and must not be given. */
  env: Record<string, string>;
  /** Keep the last this many characters of stdout and stderr for diagnostics; 0 discards them. Default 64 KiB. */
  captureChars?: number;
  /** Give up waiting for /healthz after this long. Default 30 s. */
  startTimeoutMs?: number;
  /** Extra Node options placed before the script (a profiler flag, say). */
  nodeArgs?: string[];
}

export class BotProcess {
  private captured = '';
  private capturedStderr = '';
  private exitCode: number | null | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly captureChars: number,
  ) {
    const keep = (chunk: Buffer) => {
      this.captured = (this.captured + chunk.toString('utf8')).slice(-this.captureChars);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.stderr?.on('data', (chunk: Buffer) => {
      this.capturedStderr = (this.capturedStderr + chunk.toString('utf8')).slice(-this.captureChars);
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exitCode = code;
        resolve();
      }),
    );
  }

  /** Milliseconds from spawn until /healthz first answered 200. */
  startupMs = 0;

  /** Spawns the script and resolves once GET /healthz answers 200. */
  static async start(options: BotProcessOptions): Promise<BotProcess> {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {};
    for (const name of INHERITED) if (process.env[name] !== undefined) env[name] = process.env[name];
    Object.assign(env, options.env, { PORT: String(port) });
    const captureChars = options.captureChars ?? 64 * 1024;
    const script = options.script.startsWith('/') ? options.script : join(REPO_ROOT, options.script);
    const started = performance.now();
    // Compiled JavaScript runs as `npm start` runs it; TypeScript goes through tsx.
    const loader = script.endsWith('.js') ? [] : ['--import', TSX_LOADER];
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', ...(options.nodeArgs ?? []), ...loader, script], {
      cwd: tmpdir(),
      env,
      stdio: ['ignore', captureChars > 0 ? 'pipe' : 'ignore', captureChars > 0 ? 'pipe' : 'ignore'],
    });
    const bot = new BotProcess(child, `http://127.0.0.1:${port}`, captureChars);
    try {
      await bot.waitUntilHealthy(options.startTimeoutMs ?? 30_000);
    } catch (error) {
      await bot.kill();
      throw new Error(`${(error as Error).message}\n--- output of ${script} ---\n${bot.output()}`);
    }
    bot.startupMs = performance.now() - started;
    return bot;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** The tail of what the process wrote to stdout and stderr. */
  output(): string {
    return this.captured;
  }

  /** The tail of what the process wrote to stderr alone. */
  stderr(): string {
    return this.capturedStderr;
  }

  /** The exit code once the process has exited (null when a signal ended it), undefined while it runs. */
  get code(): number | null | undefined {
    return this.exitCode;
  }

  /**
   * Destroys this end of the child's stdout pipe, as a log shipper or parent process that went away does: the
   * child's next writes to stdout fail (EPIPE).
   */
  closeStdout(): void {
    this.child.stdout?.destroy();
  }

  /** Sends a signal and returns at once (see `exited` to wait). */
  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Resolves true once the process has exited, or false after `timeoutMs` (it is then still running). */
  async exitedWithin(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const result = await Promise.race([this.exited.then(() => true), timedOut]);
    clearTimeout(timer);
    return result;
  }

  /** Resident set size in bytes, from /proc (Linux); undefined elsewhere or once the process is gone. */
  rssBytes(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
      return kib === undefined ? undefined : Number(kib) * 1024;
    } catch {
      return undefined;
    }
  }

  /** CPU time the process has used so far (user + system, all its threads), in ms; from /proc (Linux). */
  cpuMs(): number | undefined {
    try {
      // Fields after the command name (which may hold spaces, hence the split on ") "): utime and stime are 14 and 15.
      const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      const ticks = Number(fields[11]) + Number(fields[12]);
      return Number.isFinite(ticks) ? ticks * (1000 / CLOCK_TICKS_PER_SECOND) : undefined;
    } catch {
      return undefined;
    }
  }

  /** SIGKILL: no shutdown handler runs, exactly like a crashed or evicted host. Resolves once it is gone. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (graceful shutdown), then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    // Bounded: one probe every 10 ms until the deadline or the child's exit.
    while (performance.now() < deadline) {
      if (!this.running) throw new Error(`the process exited with code ${this.exitCode} before /healthz answered`);
      if (await probe(`${this.url}/healthz`)) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`/healthz did not answer within ${timeoutMs} ms`);
  }
}

/** A port nobody listens on right now (the OS picks it; released before the child binds it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function probe(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 1000, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
