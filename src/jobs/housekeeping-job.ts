import { Logger } from 'pino';
import { retryGroupAdditions } from '../invitation/group-additions';
import { escalateToFallbackApprovers, expireOverdueRequests, pruneExpiredState, resumeInterruptedInvitations } from '../invitation/housekeeping';
import { InvitationContext } from '../invitation/invitation-context';
import { Drainable } from '../drain';
import { LeaseStore } from '../storage/store';
import { LeasedTimer } from './leased-timer';

/**
 * Runs the request housekeeping (expiry, escalation, resuming interrupted invitations, retrying group additions
 * that waited for the new guest to replicate, deleting state records past their use) on a timer. Several
 * instances may run it; the lease keeps it to one at a time, and each step is safe even if two overlap.
 */
export class HousekeepingJob implements Drainable {
  readonly name = 'housekeeping';
  private readonly timer: LeasedTimer<void>;

  /** `settledAfterMs`: how long carrying out an invitation can take at most (see resumeInterruptedInvitations). */
  constructor(ctx: InvitationContext, leases: LeaseStore, logger: Logger, settledAfterMs: number, intervalMs = 60_000) {
    this.timer = new LeasedTimer<void>({
      leases,
      leaseName: 'housekeeping',
      tickMs: intervalMs,
      now: () => ctx.clock.now(),
      heldElsewhere: undefined,
      failed: (error) => logger.error({ err: error }, 'housekeeping round failed'),
      async work() {
        const expired = await expireOverdueRequests(ctx);
        const escalated = await escalateToFallbackApprovers(ctx);
        const resumed = await resumeInterruptedInvitations(ctx, settledAfterMs);
        const groupRetries = await retryGroupAdditions(ctx);
        const pruned = await pruneExpiredState(ctx);
        if (expired + escalated + resumed + groupRetries + pruned > 0) logger.info({ expired, escalated, resumed, groupRetries, pruned }, 'housekeeping round');
      },
    });
  }

  start(): void {
    this.timer.start();
  }

  /** One round; resolves when done. Never throws: a failed round is logged and retried on the next tick. */
  runOnce(): Promise<void> {
    return this.timer.runOnce();
  }

  /** Stops the timer and frees the lease; `signal` (see LeasedTimer.stop) cuts the wait for a round short. */
  stop(signal?: AbortSignal): Promise<void> {
    return this.timer.stop(signal);
  }

  drain(signal: AbortSignal): Promise<void> {
    return this.stop(signal);
  }
}
