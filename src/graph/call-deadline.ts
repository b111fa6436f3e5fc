import type { MiddlewareOptions } from '@microsoft/microsoft-graph-client';

/**
 * The instant by which a whole Graph call (every attempt and the waits between them) must be answered, on the
 * monotonic clock, so a clock set back or forward changes nothing. It travels with the call as a middleware option
 * (the SDK's way to hand one request's settings down the chain) and the last link gives each attempt what is left.
 *
 * In place of `AbortSignal.timeout`: its signal and timer outlived every call by the whole timeout and then fired an
 * abort nobody listened to, which under load was about a tenth of a Graph call's CPU. A deadline costs nothing once
 * its call is answered.
 */
export class CallDeadline implements MiddlewareOptions {
  private constructor(private readonly at: number) {}

  static after(ms: number): CallDeadline {
    return new CallDeadline(performance.now() + ms);
  }

  /** Milliseconds left; 0 or less once the deadline has passed. */
  remainingMs(): number {
    return this.at - performance.now();
  }
}

/** What a call that ran out of time fails with: the error `AbortSignal.timeout` gives, which the error mapping knows. */
export function callTimeoutError(): DOMException {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}
