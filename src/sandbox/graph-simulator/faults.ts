/**
 * Scripted failures, served before normal handling: a canned HTTP answer (429 with
 * Retry-After, 503, ...), a request that never gets an answer (`hang`), or a dropped
 * connection (`reset`). They exercise the bot's retry, timeout and error paths.
 */
export type FaultResponse =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'hang' }
  | { kind: 'reset' };

export interface FaultMatch {
  /** HTTP method, any case; all methods when omitted. */
  method?: string;
  /** Prefix of the path including the version, e.g. `/v1.0/invitations`; all paths when omitted. */
  pathPrefix?: string;
}

export interface RandomFaultOptions {
  /** Probability in [0, 1] that a request gets a fault. */
  rate: number;
  /** One is picked at random for each faulted request. */
  responses: FaultResponse[];
  /** Injectable for deterministic tests; Math.random by default. */
  random?: () => number;
}

interface QueuedFault {
  match: FaultMatch;
  response: FaultResponse;
  remaining: number;
}

export class FaultInjector {
  private readonly queue: QueuedFault[] = [];
  private random: RandomFaultOptions | null = null;

  /** Serves `response` to the next `times` matching requests, in the order faults were enqueued. */
  enqueue(match: FaultMatch, response: FaultResponse, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer, got ${times}`);
    this.queue.push({ match, response, remaining: times });
  }

  setRandom(options: RandomFaultOptions | null): void {
    if (options && (options.rate < 0 || options.rate > 1 || options.responses.length === 0)) {
      throw new RangeError('Random faults need a rate in [0, 1] and at least one response');
    }
    this.random = options;
  }

  clear(): void {
    this.queue.length = 0;
    this.random = null;
  }

  /** The fault for this request, if any; queued faults win over random ones. */
  take(method: string, path: string): FaultResponse | undefined {
    const index = this.queue.findIndex((fault) => matches(fault.match, method, path));
    if (index >= 0) {
      const fault = this.queue[index]!;
      fault.remaining -= 1;
      if (fault.remaining === 0) this.queue.splice(index, 1);
      return fault.response;
    }
    if (this.random) {
      const random = this.random.random ?? Math.random;
      if (random() < this.random.rate) {
        const { responses } = this.random;
        return responses[Math.min(responses.length - 1, Math.floor(random() * responses.length))];
      }
    }
    return undefined;
  }
}

export function matches(match: FaultMatch, method: string, path: string): boolean {
  return (
    (match.method === undefined || match.method.toUpperCase() === method.toUpperCase()) &&
    (match.pathPrefix === undefined || path.startsWith(match.pathPrefix))
  );
}
