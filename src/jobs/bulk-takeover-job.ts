import { Logger } from 'pino';
import { Drainable } from '../drain';
import { LeaseStore } from '../storage/store';
import { LeasedTimer } from './leased-timer';

/**
 * Looks on a timer for bulk runs another instance started and did not finish, and finishes them here
 * (`resumeAbandoned`, see resumeBulkRuns). One instance at a time looks; the runs it takes up are its background work.
 */
export class BulkTakeoverJob implements Drainable {
  readonly name = 'bulk takeover';
  private readonly timer: LeasedTimer<void>;

  constructor(resumeAbandoned: () => Promise<number>, leases: LeaseStore, now: () => Date, logger: Logger, intervalMs = 60_000) {
    this.timer = new LeasedTimer<void>({
      leases,
      leaseName: 'bulk-takeover',
      tickMs: intervalMs,
      now,
      heldElsewhere: undefined,
      failed: (error) => logger.error({ err: error }, 'bulk takeover round failed'),
      async work() {
        await resumeAbandoned();
      },
    });
  }

  start(): void {
    this.timer.start();
  }

  runOnce(): Promise<void> {
    return this.timer.runOnce();
  }

  drain(signal: AbortSignal): Promise<void> {
    return this.timer.stop(signal);
  }
}
