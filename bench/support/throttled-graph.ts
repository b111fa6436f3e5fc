import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphSimulator } from '../../src/sandbox/graph-simulator';
import { closeServer } from '../../test/support/close-server';

export interface ThrottleOptions {
  /** Requests admitted per window; Graph's invitation manager allows 150 … */
  limit: number;
  /** … per 5 seconds, per tenant, across all apps. */
  windowMs: number;
  /** The throttled resource; other paths pass untouched. */
  pathPrefix: string;
}

/**
 * Graph's invitation throttle, in front of the simulator (which has none): a sliding window over the requests it
 * admitted; past the limit it answers 429 with Retry-After and Graph's error envelope, as Graph does. Wraps the
 * simulator's listener instead of changing the simulator, so the benchmark owns the rule it measures against.
 */
export class SlidingWindowThrottle {
  /** When each admitted request arrived (ms, monotonic); kept whole so the run can be checked afterwards. */
  readonly admittedAt: number[] = [];
  throttled = 0;
  /** `$batch` requests seen: they could carry invitations past a per-request count. */
  batches = 0;

  constructor(readonly options: ThrottleOptions) {}

  wrap(inner: http.RequestListener): http.RequestListener {
    return (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path.includes('$batch')) this.batches++;
      if (!path.startsWith(this.options.pathPrefix)) return inner(req, res);
      const now = performance.now();
      const inWindow = this.countSince(now - this.options.windowMs);
      if (inWindow < this.options.limit) {
        this.admittedAt.push(now);
        return inner(req, res);
      }
      this.throttled++;
      // The oldest admitted request still in the window leaves it at `oldest + windowMs`; Retry-After is whole seconds.
      const oldest = this.admittedAt[this.admittedAt.length - inWindow]!;
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + this.options.windowMs - now) / 1000));
      req.resume();
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': String(retryAfterSeconds) });
      res.end(
        JSON.stringify({
          error: {
            code: 'TooManyRequests',
            message: `Too many requests: ${this.options.limit} per ${this.options.windowMs / 1000} s on ${this.options.pathPrefix}.`,
            innerError: { date: new Date().toISOString(), 'request-id': randomUUID() },
          },
        }),
      );
    };
  }

  /** The most requests admitted within any window of the run: must never exceed the limit. */
  busiestWindow(): number {
    let busiest = 0;
    for (let start = 0, end = 0; end < this.admittedAt.length; end++) {
      while (this.admittedAt[end]! - this.admittedAt[start]! >= this.options.windowMs) start++;
      busiest = Math.max(busiest, end - start + 1);
    }
    return busiest;
  }

  private countSince(since: number): number {
    let count = 0;
    // Bounded by the limit: only the tail of the log can be inside the window when the log is sorted.
    for (let i = this.admittedAt.length - 1; i >= 0 && this.admittedAt[i]! > since; i--) count++;
    return count;
  }
}

/** Serves `simulator` over plain HTTP on loopback behind `throttle`. */
export async function listenThrottled(
  simulator: GraphSimulator,
  throttle: SlidingWindowThrottle,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(throttle.wrap(simulator.listener));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => closeServer(server),
  };
}
