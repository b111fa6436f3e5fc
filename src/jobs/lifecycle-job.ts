import { Logger } from 'pino';
import { Drainable } from '../drain';
import { LifecycleContext } from '../invitation/lifecycle/lifecycle-context';
import { LifecycleRunReport } from '../invitation/lifecycle/lifecycle-use-cases';
import { sharedRemovalSlots } from '../invitation/lifecycle/removal-slots';
import { runLifecycle } from '../invitation/lifecycle/run-lifecycle';
import { AlreadyExistsError, ConcurrencyError } from '../invitation/request-repository';
import { LeaseStore, StateStore } from '../storage/store';
import { LeasedTimer } from './leased-timer';

const STATE_KEY = 'lifecycle';
/** How often an instance wakes up to see whether a run is due; the interval itself comes from configuration. */
const TICK_MS = 60_000;
/** Actions listed one by one in the log; a larger run is summed up (the audit trail and the report have them all). */
const LOGGED_ACTIONS = 50;

export interface LifecycleJobState {
  lastRunAt: string;
}

export type LifecycleRoundResult =
  | { kind: 'leaseHeldElsewhere' }
  | { kind: 'notDue'; nextRunAt: string }
  | { kind: 'ran'; report: LifecycleRunReport }
  | { kind: 'failed' };

/**
 * Runs the guest lifecycle (reviews, reminders, escalations, disabling and deleting within the cap) every
 * `intervalMinutes`, under its own lease so one instance runs it at a time, with the last run kept in the store so
 * the interval holds across restarts and instances. Each step of a run is claimed on the guest record, so a run
 * overlapping another (a lease taken over from a stalled holder) does nothing twice.
 */
export class LifecycleJob implements Drainable {
  readonly name = 'guest lifecycle';
  private readonly timer: LeasedTimer<LifecycleRoundResult>;
  private signIns: LifecycleRunReport['signInActivity'] | undefined;

  constructor(
    private readonly ctx: LifecycleContext,
    private readonly store: { leases: LeaseStore; state: StateStore },
    private readonly logger: Logger,
    private readonly intervalMinutes: number,
    owner?: string,
  ) {
    this.timer = new LeasedTimer<LifecycleRoundResult>({
      leases: store.leases,
      leaseName: 'lifecycle',
      ...(owner === undefined ? {} : { owner }),
      tickMs: Math.min(TICK_MS, intervalMinutes * 60_000),
      // Renewed every minute while the run goes on, however long its Graph calls wait.
      leaseMs: 3 * TICK_MS,
      now: () => ctx.clock.now(),
      heldElsewhere: { kind: 'leaseHeldElsewhere' },
      failed: (error) => {
        logger.error({ err: error }, 'guest lifecycle run failed');
        return { kind: 'failed' };
      },
      work: (now) => this.runIfDue(now),
    });
  }

  start(): void {
    this.timer.start();
  }

  /** One tick; concurrent calls share it. Never throws: a failed run is logged and tried again on a later tick. */
  runOnce(): Promise<LifecycleRoundResult> {
    return this.timer.runOnce();
  }

  stop(signal?: AbortSignal): Promise<void> {
    return this.timer.stop(signal);
  }

  drain(signal: AbortSignal): Promise<void> {
    return this.stop(signal);
  }

  /**
   * What `/readyz` says about the lifecycle, when there is something to say: that last sign-ins cannot be read
   * (no AuditLog.Read.All, or no Entra ID P1), so inactive guests are not reviewed. Not a readiness failure.
   */
  readinessNote(): string | undefined {
    return this.signIns === 'forbidden'
      ? 'signInActivity forbidden: inactive guests are not reviewed (needs AuditLog.Read.All and Entra ID P1)'
      : undefined;
  }

  private async runIfDue(now: Date): Promise<LifecycleRoundResult> {
    const state = await this.store.state.get<LifecycleJobState>(STATE_KEY);
    if (state) {
      const nextRunAt = new Date(new Date(state.value.lastRunAt).getTime() + this.intervalMinutes * 60_000);
      if (now < nextRunAt) return { kind: 'notDue', nextRunAt: nextRunAt.toISOString() };
    }
    // Runs that overlap (this lease taken over from a stalled holder) both read the last run before either records
    // its own, so they share one removal counter: together they remove at most the cap.
    const window = state?.value.lastRunAt ?? '';
    const report = await runLifecycle(this.ctx, { removals: sharedRemovalSlots(this.store.state, window, this.ctx.policy.lifecycle.maxRemovalsPerRun) });
    await this.recordRun(now, state?.etag);
    this.log(report);
    return { kind: 'ran', report };
  }

  private log(report: LifecycleRunReport): void {
    if (report.signInActivity === 'forbidden' && this.signIns !== 'forbidden') {
      // Once, not every run: an administrator grants the permission (or not) once.
      this.logger.warn('Last sign-ins cannot be read (AuditLog.Read.All and Entra ID P1 are needed): inactive guests are not reviewed');
    }
    this.signIns = report.signInActivity;
    if (report.actions.length === 0) return;
    const counts: Record<string, number> = {};
    for (const action of report.actions) counts[action.action] = (counts[action.action] ?? 0) + 1;
    const actions = report.actions.slice(0, LOGGED_ACTIONS).map(({ userId, address, action, reason, done, capped, failed }) => ({ userId, address, action, reason, done, capped, failed }));
    const message = report.enforcement === 'reportOnly' ? 'guest lifecycle run (report only: nothing changed)' : 'guest lifecycle run';
    this.logger.info({ enforcement: report.enforcement, counts, actions, more: Math.max(0, report.actions.length - LOGGED_ACTIONS) }, message);
  }

  /** Written after the run: a run cut short is simply run again (every step is claimed once). */
  private async recordRun(now: Date, etag: string | undefined): Promise<void> {
    try {
      await this.store.state.put<LifecycleJobState>(STATE_KEY, { lastRunAt: now.toISOString() }, etag);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) && !(error instanceof AlreadyExistsError)) throw error;
    }
  }
}
