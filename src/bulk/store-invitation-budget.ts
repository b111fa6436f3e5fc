import { AlreadyExistsError, ConcurrencyError } from '../invitation/request-repository';
import { StateStore } from '../storage/store';

/** Where every instance on one store keeps the tenant's invitation budget. */
export const INVITATION_BUDGET_KEY = 'graph-invitation-budget';

/**
 * The budget as kept in the store: nothing may start before `nextStartAt` (epoch milliseconds), which is after the
 * last start handed out, or the end of a hold (Graph kept throttling someone), whichever is later.
 */
interface BudgetRecord {
  nextStartAt: number;
}

/** Two instances claiming at the same instant: one wins, the other reads again; rarely more than a few rounds. */
const MAX_ATTEMPTS = 50;

/**
 * A start further ahead than this cannot come from live instances with synchronized clocks (each claims only a
 * small block, and a hold lasts at most `longestHoldMs`): it is taken as a bad clock's and ignored, so one host
 * whose clock ran ahead cannot stall every instance for longer than that. Measured in windows (or the longest hold,
 * if longer) and in starts for the blocks: at a slow pace (one invitation per window) a single block already
 * reaches several windows ahead.
 */
const MAX_AHEAD_WINDOWS = 3;
/** Room for the blocks of ten instances claiming at once. */
const MAX_AHEAD_STARTS = 50;

export interface InvitationBudgetOptions {
  /** The least time between two starts, whichever instances make them. */
  spacingMs: number;
  windowMs: number;
  /** The longest a hold may last (Graph asked for a long wait); one window when not given. */
  longestHoldMs?: number;
}

/**
 * The tenant's invitation budget shared by every instance on one store, as evenly spaced start times handed out in
 * blocks with compare-and-swap on the store's versioned state. Start times nobody used (an instance stopped, or
 * had fewer rows than it claimed) simply pass: the budget never needs releasing, so a crashed instance costs at
 * most the block it held.
 */
export class StoreInvitationBudget {
  constructor(
    private readonly state: StateStore,
    private readonly options: InvitationBudgetOptions,
    private readonly now: () => number = Date.now,
    private readonly key: string = INVITATION_BUDGET_KEY,
  ) {}

  /**
   * `count` start times no other claim holds, `spacingMs` apart: from now, or after the last start any instance
   * claimed, or after a hold (this instance's own `notBefore` too), whichever is latest.
   */
  async claim(count: number, notBefore = 0): Promise<number[]> {
    const { spacingMs } = this.options;
    let first = 0;
    await this.change((current, now) => {
      first = Math.max(now, current.nextStartAt, notBefore);
      return { nextStartAt: first + count * spacingMs };
    });
    return Array.from({ length: count }, (_, index) => first + index * spacingMs);
  }

  /** Nothing starts, on any instance, before `until`; start times already handed out are not taken back. */
  async hold(until: number): Promise<void> {
    await this.change((current) => ({ nextStartAt: Math.max(current.nextStartAt, until) }));
  }

  /** Reads, changes and writes the record until no other instance wrote in between. */
  private async change(next: (current: BudgetRecord, now: number) => BudgetRecord): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.state.get<unknown>(this.key);
      const now = this.now();
      const written = next(this.sane(stored?.value, now), now);
      try {
        await this.state.put(this.key, written, stored?.etag);
        return;
      } catch (error) {
        const lost = error instanceof ConcurrencyError || error instanceof AlreadyExistsError;
        if (!lost || attempt >= MAX_ATTEMPTS) throw error;
        // A little random wait, so instances that collided do not collide again in step.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      }
    }
  }

  /** The latest instant a start or hold can lie ahead of `now` on synchronized clocks; later ones are a bad clock's. */
  farthestAhead(now: number): number {
    const { windowMs, spacingMs, longestHoldMs = windowMs } = this.options;
    return now + Math.max(MAX_AHEAD_WINDOWS * windowMs, longestHoldMs) + MAX_AHEAD_STARTS * spacingMs;
  }

  private sane(value: unknown, now: number): BudgetRecord {
    const limit = this.farthestAhead(now);
    const instant = (candidate: unknown) =>
      typeof candidate === 'number' && Number.isFinite(candidate) && candidate <= limit ? candidate : 0;
    const record = (value ?? {}) as Partial<Record<keyof BudgetRecord, unknown>>;
    return { nextStartAt: instant(record.nextStartAt) };
  }
}
