import { ChildProcess, spawn } from 'node:child_process';
import { E2eTimeoutError, sleep } from './wait';

const STOP_GRACE_MS = 5_000;
const OUTPUT_LIMIT = 64 * 1024;
const POSIX = process.platform !== 'win32';

/** A child process of the suite: its output is kept for failure messages, and it is always stopped. */
export interface RunningProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last 64 KiB of stdout and stderr. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; fails if the process exits or time runs out. */
  waitForOutput(pattern: RegExp, timeoutMs: number, what: string): Promise<RegExpExecArray>;
  /** SIGTERM to the process and everything it started, SIGKILL after a grace period. Idempotent. */
  stop(): Promise<void>;
}

const running = new Set<RunningProcess>();

// Whatever way the test process ends (a crash, mocha's --exit, a signal handled below), nothing it started is
// left behind: each child leads its own process group, and the whole group is killed.
process.on('exit', () => {
  for (const handle of running) killTree(handle.child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    for (const handle of running) killTree(handle.child, 'SIGKILL');
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): RunningProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: POSIX,
    windowsHide: true,
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  child.on('error', (error) => append(Buffer.from(`\n[${name} could not be started: ${error.message}]\n`)));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.once('exit', () => {
    for (const listener of listeners) listener();
  });

  let stopping: Promise<void> | undefined;
  const handle: RunningProcess = {
    name,
    child,
    output: () => output,
    waitForOutput(pattern, timeoutMs, what) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) return finish(() => resolve(match));
          if (child.exitCode !== null || child.signalCode !== null) {
            const how = child.signalCode ?? `exit code ${child.exitCode}`;
            return finish(() => reject(new Error(`${name} stopped (${how}) before ${what}.\nIts output:\n${indent(output)}`)));
          }
        };
        const timer = setTimeout(() => {
          finish(() =>
            reject(new E2eTimeoutError(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.\n${name} output:\n${indent(output)}`)),
          );
        }, timeoutMs);
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          killTree(child, 'SIGTERM');
          const graceful = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
          if (!graceful) killTree(child, 'SIGKILL');
          await Promise.race([exited, sleep(STOP_GRACE_MS)]);
        }
        // Grandchildren that outlived their parent share its process group.
        killTree(child, 'SIGKILL');
        running.delete(handle);
      })();
      return stopping;
    },
  };
  running.add(handle);
  return handle;
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (POSIX) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone.
  }
}

export function indent(text: string, lines = 40): string {
  const kept = text.trimEnd().split('\n').slice(-lines);
  return kept.length === 1 && kept[0] === '' ? '  (nothing)' : kept.map((line) => `  ${line}`).join('\n');
}
