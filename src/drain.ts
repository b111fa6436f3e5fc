/**
 * Work a graceful shutdown waits for: turns in flight, jobs, and anything a handler keeps doing after it answered
 * (a card action's background work, say). Whatever holds such work registers a `Drainable` with the app's
 * `Drainables` (`GuestPass.drainables`); on SIGTERM every registered one is drained at once, in parallel.
 */
export interface Drainable {
  /** Names it in the shutdown log ("turns", "housekeeping"…). */
  readonly name: string;
  /**
   * Takes no new work and resolves when the work in hand is done. When `signal` aborts, the shutdown's time is
   * up: stop waiting, let go of what can be let go (a job's lease) and resolve promptly. Should not reject; a
   * rejection is logged and counts as drained.
   */
  drain(signal: AbortSignal): Promise<void>;
}

export interface DrainReport {
  /** Names of the drainables still busy when the time ran out. */
  unfinished: string[];
}

export class Drainables {
  private readonly items: Drainable[] = [];
  private started = false;
  private running?: Promise<DrainReport>;

  register(drainable: Drainable): void {
    this.items.push(drainable);
  }

  /** True from the moment a drain starts: readiness then answers 503 so load balancers stop sending work. */
  get draining(): boolean {
    return this.started;
  }

  /**
   * Drains every registered drainable in parallel; after `timeoutMs` their signal aborts and whatever has not
   * finished is reported (and no longer waited for). A second call joins the first.
   */
  drainAll(timeoutMs: number, onError: (name: string, error: unknown) => void = () => undefined): Promise<DrainReport> {
    this.running ??= this.run(timeoutMs, onError);
    return this.running;
  }

  private async run(timeoutMs: number, onError: (name: string, error: unknown) => void): Promise<DrainReport> {
    this.started = true;
    const abort = new AbortController();
    const pending = new Set(this.items.map((item) => item.name));
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve();
      }, timeoutMs);
    });
    const all = Promise.all(
      this.items.map(async (item) => {
        try {
          await item.drain(abort.signal);
        } catch (error) {
          onError(item.name, error);
        }
        pending.delete(item.name);
      }),
    );
    await Promise.race([all, timeUp]);
    clearTimeout(timer);
    if (!abort.signal.aborted) return { unfinished: [] };
    const unfinished = [...pending];
    // Give the drainables a moment to let go (release leases) after the abort, without waiting for stragglers.
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, Math.min(LET_GO_MS, timeoutMs / 4)).unref())]);
    return { unfinished };
  }
}

/**
 * How long drainables get, once their time is up, to let go of what they hold (a lease release is one write);
 * at most a quarter of the drain's own time, so a short shutdown deadline still holds.
 */
const LET_GO_MS = 1000;

/** Resolves when `signal` aborts (at once if it already has). */
export function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
