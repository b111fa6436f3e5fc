import { GuestPassOverrides } from '../index';

/** A stream the CLI writes to; `isTTY` decides whether a progress bar is drawn. */
export interface CliStream {
  write(text: string): boolean;
  isTTY?: boolean;
}

/**
 * Everything the command line touches outside itself, so tests run it in-process with their own streams,
 * configuration and parts, exactly as the installed `guestpass` runs with the process's.
 */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  /** Given to `loadConfig`; the process environment (and `.env`) when not set. */
  env?: NodeJS.ProcessEnv;
  /** Parts to use instead of the configured ones (tests: an in-memory store, a policy, a smaller pacing). */
  overrides?: GuestPassOverrides;
  /** Aborted on the first Ctrl+C: a bulk run lets the rows in progress finish and starts no more. */
  signal?: AbortSignal;
}

/** The real process: its streams and environment, and Ctrl+C once to stop gracefully, twice to quit at once. */
export function processIo(): CliIo {
  const interrupt = new AbortController();
  process.on('SIGINT', () => {
    if (interrupt.signal.aborted) process.exit(130);
    process.stderr.write('\nStopping after the work in progress (Ctrl+C again to quit now)…\n');
    interrupt.abort();
  });
  return { stdout: process.stdout, stderr: process.stderr, signal: interrupt.signal };
}
