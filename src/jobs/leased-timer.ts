import { randomUUID } from 'node:crypto';
import { LeaseStore } from '../storage/store';

export interface LeasedTimerOptions<T> {
  leases: LeaseStore;
  /** The lease's name: one per job, shared by every instance that runs it. */
  leaseName: string;
  /** This instance; random unless a test names it. */
  owner?: string;
  /** How often a tick happens. */
  tickMs: number;
  /** How long a tick's lease lasts; longer than a tick, so the holder keeps the job while it is alive. */
  leaseMs: number;
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
 * the tick in progress and frees the lease for the other instances.
 */
export class LeasedTimer<T> {
  private timer?: NodeJS.Timeout;
  private running?: Promise<T>;
  private readonly owner: string;

  constructor(private readonly options: LeasedTimerOptions<T>) {
    this.owner = options.owner ?? randomUUID();
  }

  /** Ticks now, then every `tickMs`; the timer does not keep the process alive. */
  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.options.tickMs);
    this.timer.unref();
    void this.runOnce();
  }

  runOnce(): Promise<T> {
    this.running ??= this.tick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.options.leases.release(this.options.leaseName, this.owner).catch(() => undefined);
  }

  private async tick(): Promise<T> {
    const { leases, leaseName, leaseMs } = this.options;
    try {
      const now = this.options.now();
      if (!(await leases.tryAcquire(leaseName, this.owner, leaseMs, now))) return this.options.heldElsewhere;
      return await this.options.work(now);
    } catch (error) {
      return this.options.failed(error);
    }
  }
}
