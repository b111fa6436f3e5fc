import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { InvitationContext } from '../invitation/invitation-context';
import { noticeRedemptions, RedemptionRound } from '../invitation/notice-redemptions';
import { AlreadyExistsError, ConcurrencyError } from '../invitation/request-repository';
import { LeaseStore, StateStore } from '../storage/store';

const LEASE_NAME = 'redemption-watcher';
const STATE_KEY = 'redemption-watcher';
/** How often an instance wakes up to see whether a round is due; the interval itself comes from configuration. */
const TICK_MS = 60_000;

/** What the watcher keeps in the store, so the interval holds across restarts and instances. */
export interface RedemptionWatcherState {
  lastRunAt: string;
}

export type WatcherRoundResult = { kind: 'leaseHeldElsewhere' } | { kind: 'notDue'; nextRunAt: string } | ({ kind: 'ran' } & RedemptionRound) | { kind: 'failed' };

/**
 * Tells requesters when their guest accepts. Every tick it checks, under a lease (one instance at a time), whether
 * `intervalMinutes` have passed since the last round recorded in the store; if so it runs one round. The per-guest
 * facts live on the requests, so a restart neither loses nor repeats a notification.
 */
export class RedemptionWatcher {
  private timer?: NodeJS.Timeout;
  private running?: Promise<WatcherRoundResult>;

  constructor(
    private readonly ctx: InvitationContext,
    private readonly store: { leases: LeaseStore; state: StateStore },
    private readonly logger: Logger,
    private readonly intervalMinutes: number,
    private readonly owner: string = randomUUID(),
  ) {}

  private get intervalMs(): number {
    return this.intervalMinutes * 60_000;
  }

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), Math.min(TICK_MS, this.intervalMs));
    this.timer.unref();
    void this.runOnce();
  }

  /** One tick; concurrent calls share it. Never throws: a failed round is logged and tried again on a later tick. */
  runOnce(): Promise<WatcherRoundResult> {
    this.running ??= this.tick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.store.leases.release(LEASE_NAME, this.owner).catch(() => undefined);
  }

  private async tick(): Promise<WatcherRoundResult> {
    try {
      const now = this.ctx.clock.now();
      // The lease outlives a tick by far, so the instance that holds it keeps the job while it is alive.
      if (!(await this.store.leases.tryAcquire(LEASE_NAME, this.owner, Math.max(3 * TICK_MS, 2 * this.intervalMs), now))) {
        return { kind: 'leaseHeldElsewhere' };
      }
      const state = await this.store.state.get<RedemptionWatcherState>(STATE_KEY);
      if (state) {
        const nextRunAt = new Date(new Date(state.value.lastRunAt).getTime() + this.intervalMs);
        if (now < nextRunAt) return { kind: 'notDue', nextRunAt: nextRunAt.toISOString() };
      }
      const round = await noticeRedemptions(this.ctx);
      await this.recordRun(now, state?.etag);
      if (round.accepted + round.gone > 0) this.logger.info(round, 'redemption watcher round');
      return { kind: 'ran', ...round };
    } catch (error) {
      this.logger.error({ err: error }, 'redemption watcher round failed');
      return { kind: 'failed' };
    }
  }

  /** Written after the round: a round cut short is simply run again (it is idempotent). */
  private async recordRun(now: Date, etag: string | undefined): Promise<void> {
    try {
      await this.store.state.put<RedemptionWatcherState>(STATE_KEY, { lastRunAt: now.toISOString() }, etag);
    } catch (error) {
      // Someone else recorded a round meanwhile (a lease taken over after expiry): theirs counts as well.
      if (!(error instanceof ConcurrencyError) && !(error instanceof AlreadyExistsError)) throw error;
    }
  }
}
