import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DirectorySnapshot, SimulatedDirectory } from './directory';

/** Format of the file; a file of another version is refused rather than misread. */
const FORMAT = 1;
/** A lock older than this was left by a process that died holding it (a request holds it for milliseconds). */
const STALE_LOCK_MS = 10_000;
const GIVE_UP_MS = 15_000;

/**
 * The simulated directory kept in a JSON file, so that every process of one sandbox (the bot, each command of
 * the command line) works on the same tenant. Each request is a transaction: take the lock file (created with
 * O_EXCL), reload the file if another process changed it, handle the request, write the file back if the
 * directory changed (to a temporary file renamed over it, so a reader never sees half a file), release the lock.
 */
export class DirectoryFile {
  private known: string | undefined;
  /** Requests of this process, one at a time: the lock file is per process, not per request. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly directory: SimulatedDirectory,
  ) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  }

  /** Runs `work` on the file's current directory, and saves what it changed. */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const release = await this.lock();
      try {
        this.load();
        const result = await work();
        this.save();
        return result;
      } finally {
        release();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private load(): void {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (text === this.known) return;
    let parsed: { format?: unknown; directory?: DirectorySnapshot };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw new Error(`${this.path} is not the sandbox directory GuestPass wrote. Delete it to start again from the demo tenant.`);
    }
    if (parsed.format !== FORMAT || !parsed.directory) {
      throw new Error(`${this.path} is not the sandbox directory GuestPass wrote. Delete it to start again from the demo tenant.`);
    }
    this.directory.restore(parsed.directory);
    this.known = text;
  }

  private save(): void {
    const text = `${JSON.stringify({ format: FORMAT, directory: this.directory.snapshot() }, null, 1)}\n`;
    if (text === this.known) return;
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, this.path);
    this.known = text;
  }

  private async lock(): Promise<() => void> {
    const lockPath = `${this.path}.lock`;
    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      try {
        closeSync(openSync(lockPath, 'wx', 0o600));
        return () => rmSync(lockPath, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (lockAge(lockPath) > STALE_LOCK_MS) rmSync(lockPath, { force: true });
      else if (Date.now() > deadline) throw new Error(`${lockPath} stays locked; delete it if no GuestPass process runs.`);
      else await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
  }
}

function lockAge(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
