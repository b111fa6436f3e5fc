import { Logger } from 'pino';
import { Drainable, whenAborted } from '../drain';

/** How long a shutdown waits for work still running before it stops anyway. */
const SHUTDOWN_GRACE_MS = 30_000;

/**
 * Work that outlives the turn that started it (the slow part of a card action, a bulk run). Each piece is
 * tracked so a graceful shutdown can wait for it, and its failure is logged rather than lost: nothing started
 * here is awaited by anyone else.
 */
export class BackgroundWork implements Drainable {
  readonly name = 'background work';
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `work` now and returns at once. */
  start(label: string, work: () => Promise<void>): void {
    const running: Promise<void> = Promise.resolve()
      .then(work)
      .catch((error: unknown) => this.logger.error({ err: error, work: label }, 'background work failed'))
      .finally(() => this.running.delete(running));
    this.running.add(running);
  }

  /** Pieces of work still running. */
  get size(): number {
    return this.running.size;
  }

  /** A shutdown waits for the work in hand until its time is up (see Drainable). */
  async drain(signal: AbortSignal): Promise<void> {
    while (this.running.size > 0 && !signal.aborted) await Promise.race([Promise.all([...this.running]), whenAborted(signal)]);
  }

  /**
   * Resolves once everything started so far, and whatever that started meanwhile, has ended; or after `graceMs`,
   * since a stuck call must not hold a shutdown forever (the request's stored state lets housekeeping finish it).
   */
  async idle(graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
      timer.unref();
    });
    try {
      while (this.running.size > 0) {
        if ((await Promise.race([Promise.all([...this.running]), deadline])) === 'late') {
          this.logger.warn({ running: this.running.size }, 'background work still running at shutdown');
          return;
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }
}
