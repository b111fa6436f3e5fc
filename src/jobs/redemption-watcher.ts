import { Logger } from 'pino';
import { InvitationContext } from '../invitation/invitation-context';
import { noticeRedemptions, RedemptionRound } from '../invitation/notice-redemptions';
import { AlreadyExistsError, ConcurrencyError } from '../invitation/request-repository';
import { Drainable } from '../drain';
import { LeaseStore, StateStore } from '../storage/store';
import { LeasedTimer } from './leased-timer';

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
export class RedemptionWatcher implements Drainable {
  readonly name = 'redemption watcher';
  private readonly timer: LeasedTimer<WatcherRoundResult>;

  constructor(
    private readonly ctx: InvitationContext,
    private readonly store: { leases: LeaseStore; state: StateStore },
    private readonly logger: Logger,
    private readonly intervalMinutes: number,
    owner?: string,
  ) {
    const intervalMs = intervalMinutes * 60_000;
    this.timer = new LeasedTimer<WatcherRoundResult>({
      leases: store.leases,
      leaseName: 'redemption-watcher',
      ...(owner === undefined ? {} : { owner }),
      tickMs: Math.min(TICK_MS, intervalMs),
      // Longer than a round's interval: a round is rare and nothing waits on it, so a killed holder may keep it.
      leaseMs: Math.max(3 * TICK_MS, 2 * intervalMs),
      now: () => ctx.clock.now(),
      heldElsewhere: { kind: 'leaseHeldElsewhere' },
      failed: (error) => {
        logger.error({ err: error }, 'redemption watcher round failed');
        return { kind: 'failed' };
      },
      work: (now) => this.roundIfDue(now),
    });
  }

  start(): void {
    this.timer.start();
  }

  /** One tick; concurrent calls share it. Never throws: a failed round is logged and tried again on a later tick. */
  runOnce(): Promise<WatcherRoundResult> {
    return this.timer.runOnce();
  }

  /** Stops the timer and frees the lease; `signal` (see LeasedTimer.stop) cuts the wait for a round short. */
  stop(signal?: AbortSignal): Promise<void> {
    return this.timer.stop(signal);
  }

  drain(signal: AbortSignal): Promise<void> {
    return this.stop(signal);
  }

  private async roundIfDue(now: Date): Promise<WatcherRoundResult> {
    const state = await this.store.state.get<RedemptionWatcherState>(STATE_KEY);
    if (state) {
      const nextRunAt = new Date(new Date(state.value.lastRunAt).getTime() + this.intervalMinutes * 60_000);
      if (now < nextRunAt) return { kind: 'notDue', nextRunAt: nextRunAt.toISOString() };
    }
    const round = await noticeRedemptions(this.ctx);
    await this.recordRun(now, state?.etag);
    if (round.accepted + round.gone > 0) this.logger.info(round, 'redemption watcher round');
    return { kind: 'ran', ...round };
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
