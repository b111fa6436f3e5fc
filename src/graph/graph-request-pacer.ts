import type Bottleneck from 'bottleneck';

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

/**
 * Paces Graph requests within this process. This is enough for the lifecycle: its job runs on one instance at a
 * time under the store's lease, and the person-driven calls (restore, withdraw, assign a sponsor, a review's
 * answer) are few and go through the same limiter on their instance.
 */
export class GraphRequestPacer {
  private readonly limiter: Bottleneck;

  constructor(readonly pacing: GraphRequestPacing = LIFECYCLE_GRAPH_PACING) {
    const Limiter = require('bottleneck') as typeof Bottleneck;
    this.limiter = new Limiter({ maxConcurrent: pacing.maxConcurrent, minTime: pacing.minTimeMs });
  }

  /** Runs the request when the pace allows. */
  readonly pace = <T>(request: () => Promise<T>): Promise<T> => this.limiter.schedule(request);

  /** Called as each request starts (at most `maxConcurrent` run at once). */
  onStart(listener: () => void): void {
    this.limiter.on('executing', listener);
  }

  /** Rejects requests still waiting and waits for those running. */
  async close(): Promise<void> {
    await this.limiter.stop({ dropWaitingJobs: true });
  }
}
