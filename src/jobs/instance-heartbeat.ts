import { randomUUID } from 'node:crypto';
import { Drainable } from '../drain';
import { InstancePresence } from '../invitation/instance-presence';
import { LeaseStore } from '../storage/store';
import { JOB_LEASE_MS } from './leased-timer';

/** A live instance renews its presence this often… */
const RENEW_MS = 5_000;
/**
 * …and is taken for gone once it has not for this long (a killed process's requests wait at most this). As long
 * as a job's lease, so the jobs' early second round (see LeasedTimer.start) finds both run out.
 */
const PRESENCE_MS = JOB_LEASE_MS;

/**
 * This process's presence, kept as a lease named after it in the store and renewed every few seconds: another
 * process (or this one after a restart) sees from the lease whether the instance that claimed a request still
 * runs. A shutdown releases it, so the requests it left are resumed at once.
 */
export class InstanceHeartbeat implements InstancePresence, Drainable {
  readonly name = 'instance presence';
  readonly id: string;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly leases: LeaseStore,
    private readonly now: () => Date,
    id?: string,
  ) {
    this.id = id ?? randomUUID();
  }

  /** Announces this instance and keeps renewing it; the timer does not keep the process alive. */
  async start(): Promise<void> {
    await this.renew();
    this.timer = setInterval(() => void this.renew(), RENEW_MS);
    this.timer.unref();
  }

  async isGone(instanceId: string): Promise<boolean> {
    if (instanceId === this.id) return false;
    // Taking the lease succeeds only when its owner stopped renewing it; a 1 ms hold lapses at once.
    const name = leaseName(instanceId);
    const free = await this.leases.tryAcquire(name, this.id, 1, this.now());
    if (free) await this.leases.release(name, this.id);
    return free;
  }

  /** Stops renewing: the presence lapses by itself (use when work of this instance may still be under way). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Stops renewing and withdraws the presence at once: only when nothing of this instance runs any more. */
  async drain(): Promise<void> {
    this.stop();
    await this.leases.release(leaseName(this.id), this.id);
  }

  private renew(): Promise<unknown> {
    return this.leases.tryAcquire(leaseName(this.id), this.id, PRESENCE_MS, this.now()).catch(() => false);
  }
}

function leaseName(instanceId: string): string {
  return `instance-${instanceId}`;
}
