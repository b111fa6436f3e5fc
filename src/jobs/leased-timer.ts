import { randomUUID } from 'node:crypto';
import { whenAborted } from '../drain';
import { LeaseStore } from '../storage/store';
import { countJobRun } from '../telemetry/instruments';

/** A job's lease; renewed every third of it, so a killed holder's jobs pass to another instance within it. */
export const JOB_LEASE_MS = 15_000;

export interface LeasedTimerOptions<T> {
  leases: LeaseStore;
  /** The lease's name: one per job, shared by every instance that runs it. */
  leaseName: string;
  /** This instance; random unless a test names it. */
  owner?: string;
  /** How often a tick happens. */
  tickMs: number;
  /**
   * How long the lease lasts without renewal (`JOB_LEASE_MS` unless a test says otherwise). The holder renews it every third of that while it lives (between
   * ticks too), so it keeps the job; a holder that dies loses it after at most this long.
   */
  leaseMs?: number;
  now(): Date;
  /** The work of a tick, run only while this instance holds the lease. */
  work(now: Date): Promise<T>;
  /** What a tick returns when another instance holds the lease. */
  heldElsewhere: T;
  /** What a tick returns when it failed (after logging, say); the next tick tries again. */
  failed(error: unknown): T;
}

/**
 * A job's timer, for jobs several instances may run: every tick, under a named lease (so one instance at a time
 * does the work), runs the work once; concurrent calls share a tick, and a tick never throws. Stopping waits for
 * the tick in progress (or until told to give up) and frees the lease, so another instance takes over at once.
 */
export class LeasedTimer<T> {
  private timer?: NodeJS.Timeout;
  private renewal?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private running?: Promise<T>;
  private stopped = false;
  private readonly owner: string;

  private readonly options: LeasedTimerOptions<T> & { leaseMs: number };

  constructor(options: LeasedTimerOptions<T>) {
    this.options = { ...options, leaseMs: options.leaseMs ?? JOB_LEASE_MS };
    this.owner = options.owner ?? randomUUID();
  }

  /**
   * Ticks now, then every `tickMs`; the timers do not keep the process alive. It ticks once more as soon as
   * whatever a killed process held (this lease, its presence) must have run out, rather than a whole tick later:
   * that is when what it left can be resumed.
   */
  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.runOnce(), this.options.tickMs);
    this.timer.unref();
    void this.runOnce();
    if (this.options.leaseMs < this.options.tickMs) {
      this.retry = setTimeout(() => void this.runOnce(), this.options.leaseMs + 100);
      this.retry.unref();
    }
  }

  runOnce(): Promise<T> {
    this.running ??= this.tick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Stops ticking, waits for the tick in progress, and frees the lease. When `signal` aborts first (a shutdown
   * running out of time, a tick stuck on a call that hangs), it frees the lease without waiting any longer: every
   * job's step is a compare-and-swap, so another instance overlapping the abandoned tick is safe.
   */
  async stop(signal?: AbortSignal): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    this.stopRenewing();
    await (signal ? Promise.race([this.running, whenAborted(signal)]) : this.running);
    this.stopRenewing();
    await this.options.leases.release(this.options.leaseName, this.owner).catch(() => undefined);
  }

  private async tick(): Promise<T> {
    const { leases, leaseName, leaseMs } = this.options;
    try {
      const now = this.options.now();
      if (!(await leases.tryAcquire(leaseName, this.owner, leaseMs, now))) {
        this.stopRenewing();
        return this.options.heldElsewhere;
      }
      if (this.stopped) return this.options.heldElsewhere;
      this.keepRenewing();
      const result = await this.options.work(now);
      countJobRun(leaseName, 'succeeded');
      return result;
    } catch (error) {
      countJobRun(leaseName, 'failed');
      return this.options.failed(error);
    }
  }

  private keepRenewing(): void {
    if (this.renewal) return;
    const { leases, leaseName, leaseMs } = this.options;
    this.renewal = setInterval(() => {
      void leases
        .tryAcquire(leaseName, this.owner, leaseMs, this.options.now())
        .then((held) => {
          if (!held) this.stopRenewing();
        })
        .catch(() => undefined);
    }, Math.max(1, Math.floor(leaseMs / 3)));
    this.renewal.unref();
  }

  private stopRenewing(): void {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = undefined;
  }
}
