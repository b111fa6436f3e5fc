import { Drainables } from './drain';
import { Logger } from './logging/logger';

export interface ShutdownParts {
  /** The whole shutdown, after which the process exits whatever is still pending. */
  timeoutMs: number;
  logger: Logger;
  drainables: Drainables;
  /** Stops accepting connections (after the drain, so /readyz can answer 503 meanwhile). */
  closeServer(): void;
  /** Closes what the drained work used (store, Graph sandbox…). */
  close(drained: boolean): Promise<void>;
  exit?: (code: number) => void;
  /** Where the last words go when the deadline is hit: stderr, which outlives a closed stdout. */
  stderr?: (line: string) => void;
}

/** What the closing steps (store, logs) keep of the shutdown's time when the drain uses up the rest. */
const CLOSE_RESERVE_MS = 2_000;

/**
 * SIGTERM or SIGINT: readiness fails at once (so load balancers stop sending), every drainable (turns in flight,
 * background work, jobs, which release their leases) is drained in parallel, then the server and the store are
 * closed and the process exits 0. Whatever hangs on the way (a Graph or store call, a log reader that stopped
 * reading), the process exits 1 when `timeoutMs` is up, saying so on stderr. A second signal exits at once.
 */
export function exitOnSignals(parts: ShutdownParts, signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      (parts.stderr ?? writeStderr)(`GuestPass: ${signal} again during shutdown; exiting now.\n`);
      (parts.exit ?? process.exit)(1);
      return;
    }
    shuttingDown = true;
    void shutDown(parts, signal);
  };
  for (const signal of signals) process.on(signal, onSignal);
}

export async function shutDown(parts: ShutdownParts, reason: string): Promise<void> {
  const { timeoutMs, logger, drainables } = parts;
  const exit = parts.exit ?? process.exit;
  const deadline = setTimeout(() => {
    (parts.stderr ?? writeStderr)(`GuestPass: shutdown did not finish within ${timeoutMs / 1000} s (SHUTDOWN_TIMEOUT_SECONDS); exiting now.\n`);
    exit(1);
  }, timeoutMs);
  try {
    logger.info({ reason, timeoutSeconds: timeoutMs / 1000 }, 'shutting down: finishing turns in flight and jobs');
    const drainMs = Math.max(timeoutMs - CLOSE_RESERVE_MS, timeoutMs / 2);
    const { unfinished } = await drainables.drainAll(drainMs, (name, error) => logger.error({ err: error, drainable: name }, 'draining failed'));
    if (unfinished.length > 0) logger.warn({ unfinished }, 'shutting down without waiting any longer for these');
    parts.closeServer();
    await parts.close(unfinished.length === 0);
    logger.info('stopped');
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    clearTimeout(deadline);
    exit(0);
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    clearTimeout(deadline);
    exit(1);
  }
}

function writeStderr(line: string): void {
  try {
    process.stderr.write(line);
  } catch {
    // Nothing left to tell.
  }
}
