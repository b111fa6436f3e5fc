import type Bottleneck from 'bottleneck';
import { InvitationPacer } from '../invitation/bulk-ports';

export interface PacingOptions {
  /** Tasks started per window at most. */
  requestsPerWindow: number;
  windowMs: number;
  /** Tasks running at once at most. */
  maxConcurrent: number;
}

/**
 * Graph's invitation manager allows 150 requests per 5 seconds per tenant, across all apps. Four at a time keeps
 * a bulk run from crowding out the bot's own invitations; with Graph's real latency that is far below the budget,
 * which then only guards against a very fast directory (or the simulator).
 */
export const GRAPH_INVITATION_PACING: PacingOptions = { requestsPerWindow: 150, windowMs: 5_000, maxConcurrent: 4 };

/**
 * The invitation pacer on Bottleneck: a reservoir refilled every window, bounded concurrency, even spacing. The
 * limiter (and Bottleneck itself) is made on the first bulk run, not at start-up.
 */
export class BottleneckPacer implements InvitationPacer {
  private made: Bottleneck | undefined;
  private closed = false;
  private heldUntil = 0;

  constructor(readonly options: PacingOptions = GRAPH_INVITATION_PACING) {}

  get limiter(): Bottleneck {
    this.made ??= newLimiter(this.options);
    return this.made;
  }

  schedule<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The invitation pacer is closed'));
    return this.limiter.schedule(async () => {
      await this.waitOutHold();
      return task();
    });
  }

  /**
   * The client already waited what Retry-After said and Graph still refused: hold every slot for a window. The
   * wait happens inside the slots, so nothing else starts meanwhile.
   */
  slowDown(): void {
    this.heldUntil = Math.max(this.heldUntil, Date.now() + this.options.windowMs);
  }

  /** Rejects work still queued, and any scheduled later, and waits for the tasks already running. */
  async close(): Promise<void> {
    this.closed = true;
    await this.made?.stop({ dropWaitingJobs: true });
  }

  private async waitOutHold(): Promise<void> {
    for (let wait = this.heldUntil - Date.now(); wait > 0; wait = this.heldUntil - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

function newLimiter({ requestsPerWindow, windowMs, maxConcurrent }: PacingOptions): Bottleneck {
  const Limiter = require('bottleneck') as typeof Bottleneck;
  return new Limiter({
    maxConcurrent,
    reservoir: requestsPerWindow,
    reservoirRefreshAmount: requestsPerWindow,
    reservoirRefreshInterval: windowMs,
    // The reservoir refills on fixed boundaries, so a burst at the end of one window and another at the start
    // of the next could double the rate Graph sees; even spacing keeps every sliding window within budget.
    minTime: Math.ceil(windowMs / requestsPerWindow),
  });
}
