import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { retryGroupAdditions } from '../invitation/group-additions';
import { escalateToFallbackApprovers, expireOverdueRequests, resumeInterruptedInvitations } from '../invitation/housekeeping';
import { InvitationContext } from '../invitation/invitation-context';
import { LeaseStore } from '../storage/store';

const LEASE_NAME = 'housekeeping';

/**
 * Runs the request housekeeping (expiry, escalation, resuming interrupted invitations, retrying group additions
 * that waited for the new guest to replicate) on a timer. Several
 * instances may run it; the lease keeps it to one at a time, and each step is safe even if two overlap.
 */
export class HousekeepingJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly owner = randomUUID();

  constructor(
    private readonly ctx: InvitationContext,
    private readonly leases: LeaseStore,
    private readonly logger: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
    void this.runOnce();
  }

  /** One round; resolves when done. Never throws: a failed round is logged and retried on the next tick. */
  runOnce(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.leases.release(LEASE_NAME, this.owner).catch(() => undefined);
  }

  private async round(): Promise<void> {
    try {
      const now = this.ctx.clock.now();
      if (!(await this.leases.tryAcquire(LEASE_NAME, this.owner, this.intervalMs * 3, now))) return;
      const expired = await expireOverdueRequests(this.ctx);
      const escalated = await escalateToFallbackApprovers(this.ctx);
      const resumed = await resumeInterruptedInvitations(this.ctx);
      const groupRetries = await retryGroupAdditions(this.ctx);
      if (expired + escalated + resumed + groupRetries > 0) this.logger.info({ expired, escalated, resumed, groupRetries }, 'housekeeping round');
    } catch (error) {
      this.logger.error({ err: error }, 'housekeeping round failed');
    }
  }
}
