import type Bottleneck from 'bottleneck';
import { retryAfterMs } from './retry-after';

export interface GraphRequestPacing {
  /** Requests in flight at once, at most. */
  maxConcurrent: number;
  /** Least time between two starts. */
  minTimeMs: number;
}

/**
 * The guest lifecycle's pace against Graph's identity-and-access limits. The smallest tenant's budget is 3,500
 * resource units per 10 s and 3,000 writes per 150 s per app: ten requests a second, each at most a JSON batch of
 * twenty reads with `$select` (about 20 units) or one write, stay within half of both, leaving room for the bot's
 * own lookups in the same tenant.
 */
export const LIFECYCLE_GRAPH_PACING: GraphRequestPacing = { maxConcurrent: 4, minTimeMs: 100 };

/** A pause after a 429 that gave no Retry-After (Graph documents one on every 429): the lifecycle is never urgent. */
const PAUSE_WITHOUT_RETRY_AFTER_MS = 10_000;

/**
 * Paces Graph requests within this process. This is enough for the lifecycle: its job runs on one instance at a
 * time under the store's lease, and the person-driven calls (restore, withdraw, assign a sponsor, a review's
 * answer) are few and go through the same limiter on their instance.
 */
export class GraphRequestPacer {
  private readonly limiter: Bottleneck;
  /**
   * Graph answered 429: nothing starts before this instant (performance.now(), so a clock set back or forward does
   * not stretch or cut the pause).
   */
  private pausedUntil = 0;
  /** Requests asleep in a pause are let go at close. */
  private readonly closing = new AbortController();
  private stopped: Promise<void> | undefined;

  constructor(readonly pacing: GraphRequestPacing = LIFECYCLE_GRAPH_PACING) {
    const Limiter = require('bottleneck') as typeof Bottleneck;
    this.limiter = new Limiter({ maxConcurrent: pacing.maxConcurrent, minTime: pacing.minTimeMs });
  }

  /**
   * Runs the request when the pace allows. A request that still ends in 429 after the client's retries pauses every
   * request after it for as long as Retry-After asked: the lifecycle must not go on asking meanwhile.
   */
  readonly pace = <T>(request: () => Promise<T>): Promise<T> =>
    this.limiter.schedule(async () => {
      await this.pauseOver();
      try {
        return await request();
      } catch (error) {
        this.pauseAfter(error);
        throw error;
      }
    });

  /** Called as each request starts (at most `maxConcurrent` run at once). */
  onStart(listener: () => void): void {
    this.limiter.on('executing', listener);
  }

  /** Rejects requests still waiting and waits for those running; closing again waits for the same. */
  close(): Promise<void> {
    this.closing.abort();
    this.stopped ??= this.limiter.stop({ dropWaitingJobs: true });
    return this.stopped;
  }

  private async pauseOver(): Promise<void> {
    for (let left = this.pausedUntil - performance.now(); left > 0; left = this.pausedUntil - performance.now()) {
      await pause(left, this.closing.signal);
    }
  }

  private pauseAfter(error: unknown): void {
    const answer = (typeof error === 'object' && error !== null ? error : {}) as { statusCode?: unknown; headers?: unknown };
    if (answer.statusCode !== 429) return;
    const wait = (answer.headers instanceof Headers ? retryAfterMs(answer.headers) : undefined) ?? PAUSE_WITHOUT_RETRY_AFTER_MS;
    this.pausedUntil = Math.max(this.pausedUntil, performance.now() + wait);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const refusal = () => new Error('The Graph request pacer is closed');
    if (signal.aborted) return reject(refusal());
    const closed = () => {
      clearTimeout(timer);
      reject(refusal());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', closed);
      resolve();
    }, ms);
    signal.addEventListener('abort', closed, { once: true });
  });
}
