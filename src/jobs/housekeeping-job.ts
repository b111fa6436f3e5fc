import { Logger } from 'pino';
import { retryGroupAdditions } from '../invitation/group-additions';
import { escalateToFallbackApprovers, expireOverdueRequests, resumeInterruptedInvitations } from '../invitation/housekeeping';
import { InvitationContext } from '../invitation/invitation-context';
import { LeaseStore } from '../storage/store';
import { LeasedTimer } from './leased-timer';

/**
 * Runs the request housekeeping (expiry, escalation, resuming interrupted invitations, retrying group additions
 * that waited for the new guest to replicate) on a timer. Several instances may run it; the lease keeps it to
 * one at a time, and each step is safe even if two overlap.
 */
export class HousekeepingJob {
  private readonly timer: LeasedTimer<void>;

  constructor(ctx: InvitationContext, leases: LeaseStore, logger: Logger, intervalMs = 60_000) {
    this.timer = new LeasedTimer<void>({
      leases,
      leaseName: 'housekeeping',
      tickMs: intervalMs,
      leaseMs: intervalMs * 3,
      now: () => ctx.clock.now(),
      heldElsewhere: undefined,
      failed: (error) => logger.error({ err: error }, 'housekeeping round failed'),
      async work() {
        const expired = await expireOverdueRequests(ctx);
        const escalated = await escalateToFallbackApprovers(ctx);
        const resumed = await resumeInterruptedInvitations(ctx);
        const groupRetries = await retryGroupAdditions(ctx);
        if (expired + escalated + resumed + groupRetries > 0) logger.info({ expired, escalated, resumed, groupRetries }, 'housekeeping round');
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

  stop(): Promise<void> {
    return this.timer.stop();
  }
}
