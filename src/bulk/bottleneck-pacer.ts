import type Bottleneck from 'bottleneck';
import { setMaxListeners } from 'node:events';
import { InvitationPacer } from '../invitation/bulk-ports';
import { MemoryStateStore } from '../storage/memory/memory-state-store';
import { StateStore } from '../storage/store';
import { StoreInvitationBudget } from './store-invitation-budget';

export interface PacingOptions {
  /** Invitations sent per window at most, by every instance on the store together. */
  requestsPerWindow: number;
  windowMs: number;
  /** Tasks running at once at most, in this process. */
  maxConcurrent: number;
}

/**
 * Graph's invitation manager allows 150 requests per 5 seconds per tenant, across all apps. Four at a time keeps
 * a bulk run from crowding out the bot's own invitations; with Graph's real latency that is far below the budget,
 * which then only guards against a very fast directory (or the simulator), or several instances at once.
 */
export const GRAPH_INVITATION_PACING: PacingOptions = { requestsPerWindow: 150, windowMs: 5_000, maxConcurrent: 4 };

/**
 * Turns are spaced a little wider than the budget divided evenly: between a turn and its request reaching Graph
 * are the request's claim in the store and an event loop that, under load, wakes a little late. 3 % of a window is
 * 150 ms of such unevenness absorbed, for 3 % of the throughput.
 */
const SPACING_MARGIN = 0.03;

/**
 * The longest a throttle holds the runs, whatever Retry-After asked: a longer wait is honoured a minute at a time (the
 * next refusal holds again), and a hold from a host whose clock ran ahead costs the others a minute at most.
 */
const LONGEST_HOLD_MS = 60_000;

/**
 * Start times claimed from the store at once. A block saves a store round trip per invitation; a small one keeps
 * instances interleaved and wastes little when an instance stops with starts it did not use.
 */
const CLAIM_BLOCK = 5;


export interface PacerSharing {
  /** Where the budget is shared: every instance on the same store stays within one budget together. */
  state?: StateStore;
  /** Epoch milliseconds; tests pass a controlled clock. */
  now?: () => number;
}

/**
 * The invitation pacer: each invitation's turn from the tenant's budget shared through the store
 * (`StoreInvitationBudget`), and Bottleneck for the number of tasks running at once in this process. Without a store the budget is this
 * process's own. The limiter (and Bottleneck itself) is made on the first bulk run, not at start-up.
 */
export class BottleneckPacer implements InvitationPacer {
  private made: Bottleneck | undefined;
  private closed = false;
  /** Tasks waiting for their turn are let go at close, like those still in the limiter's queue. */
  private readonly closing = new AbortController();
  private heldUntil = 0;
  private readonly budget: StoreInvitationBudget;
  private readonly now: () => number;
  /** Start times claimed and not yet handed out, earliest first. */
  private starts: number[] = [];
  /** Tasks scheduled that have not had their turn yet (queued or waiting in line for it): how many starts are worth claiming. */
  private waiting = 0;
  /** Turns are taken one at a time, in the order tasks asked. */
  private handing: Promise<unknown> = Promise.resolve();
  /** When the last turn was taken (epoch milliseconds). */
  private lastStartAt = -Infinity;
  private holding: Promise<void> = Promise.resolve();
  /**
   * A claimed start this late is not used: started now it would sit closer to the starts other instances claimed
   * after it than the spacing allows. Half the spacing margin, so lateness and unevenness together stay within it.
   */
  private readonly latestStartMs: number;
  private readonly spacingMs: number;
  private readonly longestHoldMs: number;
  /**
   * How much closer than the spacing a turn may follow the last one: a start used a little late must not cost the
   * next, on-time one (claimed in the same block), yet a late one is never followed at once. At most half the
   * spacing, which at Graph's pace (a start every 34 ms) is less than a late start may be.
   */
  private readonly spacingToleranceMs: number;
  /** How long the last claim took the store: the next one asks for starts at least that far ahead, so none arrives stale. */
  private claimRoundTripMs = 0;

  constructor(
    readonly options: PacingOptions = GRAPH_INVITATION_PACING,
    sharing: PacerSharing = {},
  ) {
    this.now = sharing.now ?? (() => Date.now());
    // Every task waiting for its turn listens for the close: as many as run at once, often more than Node's ten.
    setMaxListeners(options.maxConcurrent + 1, this.closing.signal);
    if (!(options.requestsPerWindow >= 1 && options.windowMs > 0 && options.maxConcurrent >= 1)) {
      throw new RangeError('Pacing needs at least one request per window, a window, and one task at a time');
    }
    this.latestStartMs = (options.windowMs * SPACING_MARGIN) / 2;
    this.spacingMs = (options.windowMs * (1 + SPACING_MARGIN)) / options.requestsPerWindow;
    this.spacingToleranceMs = Math.min(this.latestStartMs, this.spacingMs / 2);
    this.longestHoldMs = Math.max(options.windowMs, LONGEST_HOLD_MS);
    this.budget = new StoreInvitationBudget(
      sharing.state ?? new MemoryStateStore(),
      { spacingMs: this.spacingMs, windowMs: options.windowMs, longestHoldMs: this.longestHoldMs },
      this.now,
    );
  }

  get limiter(): Bottleneck {
    this.made ??= newLimiter(this.options);
    return this.made;
  }

  schedule<T>(task: (turn: () => Promise<void>) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The invitation pacer is closed'));
    this.waiting++;
    let counted = true;
    const uncount = () => {
      if (counted) this.waiting--;
      counted = false;
    };
    const turn = async () => {
      if (this.closed) throw new Error('The invitation pacer is closed');
      await this.waitForStart();
      uncount();
    };
    return this.limiter.schedule(async () => {
      try {
        return await task(turn);
      } finally {
        uncount();
      }
    });
  }

  /**
   * Graph refused: no turn is given for as long as it asked (`waitMs`, its Retry-After), at least a window and at
   * most LONGEST_HOLD_MS, here at once and on every other instance as soon as it claims its next starts.
   */
  slowDown(waitMs = 0): void {
    const asked = Number.isFinite(waitMs) ? waitMs : 0;
    const until = this.now() + Math.min(Math.max(this.options.windowMs, asked), this.longestHoldMs);
    this.heldUntil = Math.max(this.heldUntil, until);
    // If the store cannot be reached the hold stays this instance's; the others meet Graph's refusals themselves.
    this.holding = this.holding.then(() => this.budget.hold(until)).catch(() => undefined);
  }

  /** Rejects work still queued, and any scheduled later, and waits for the tasks already running. */
  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    await this.made?.stop({ dropWaitingJobs: true });
    await this.holding;
  }

  /**
   * Tasks wait for their turn one at a time: a start is taken only once the one before it was used. Were every
   * running task asleep on a start of its own, a process that wakes late (a long garbage collection, a starved
   * machine) would let them all go at once, as many invitations in an instant as tasks run at once.
   */
  private waitForStart(): Promise<void> {
    const next = this.handing.then(() => this.takeTurn());
    this.handing = next.catch(() => undefined);
    return next;
  }

  private async takeTurn(): Promise<void> {
    for (;;) {
      const start = await this.takeStart();
      await sleep(start - this.now(), this.closing.signal);
      // A hold that came while waiting: this start is before it, so another is claimed after it.
      if (start >= this.heldUntil) {
        this.lastStartAt = this.now();
        return;
      }
    }
  }

  private async takeStart(): Promise<number> {
    for (;;) {
      if (this.closed) throw new Error('The invitation pacer is closed');
      const now = this.now();
      const earliest = this.earliestStart(now);
      // Starts beyond the farthest a live budget hands out were claimed before the clock was set back.
      const farthest = this.budget.farthestAhead(now);
      this.starts = this.starts.filter((start) => start >= now - this.latestStartMs && start >= earliest && start <= farthest);
      const start = this.starts.shift();
      if (start !== undefined) return start;
      await this.holding;
      const asked = this.now();
      const count = Math.min(CLAIM_BLOCK, Math.max(1, this.waiting));
      this.starts = await this.budget.claim(count, Math.max(this.earliestStart(asked), asked + this.claimRoundTripMs));
      this.claimRoundTripMs = Math.min(Math.max(0, this.now() - asked), this.options.windowMs);
    }
  }

  /**
   * After a hold, and the spacing after the last turn: after a late wake-up the next start keeps its distance from
   * the late one, not from where that one was due. Neither counts from later than a clock set back allows: the
   * last turn from no later than now, a hold from no later than the longest hold ahead.
   */
  private earliestStart(now: number): number {
    // Kept cut, not only read cut: a hold the clock left further ahead than the longest one ends where that one would.
    this.heldUntil = Math.min(this.heldUntil, now + this.longestHoldMs);
    const held = this.heldUntil;
    const last = Math.min(this.lastStartAt, now);
    return Math.max(held, last + this.spacingMs - this.spacingToleranceMs);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const closed = () => reject(new Error('The invitation pacer is closed'));
    if (signal.aborted) return closed();
    if (ms <= 0) return resolve();
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      closed();
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

function newLimiter({ maxConcurrent }: PacingOptions): Bottleneck {
  const Limiter = require('bottleneck') as typeof Bottleneck;
  return new Limiter({ maxConcurrent });
}
