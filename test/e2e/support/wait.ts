/**
 * Bounded waiting. Every wait in the end-to-end suite has a limit and, when it runs out, says what it waited for
 * and what it saw instead, so a failure in CI can be understood from the log alone.
 */

export class E2eTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'E2eTimeoutError';
  }
}

export interface WaitOptions {
  /** Gives up after this long. */
  timeoutMs: number;
  /** What is awaited, for the message: "the reply to `status jane@fabrikam.com`". */
  what: string;
  /** Describes the current state when the wait fails (the last messages, a log tail…). */
  state?: () => Promise<string> | string;
  intervalMs?: number;
}

/** Calls `probe` until it returns something other than undefined/false, or the time runs out. */
export async function waitFor<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(options.intervalMs ?? 150, Math.max(0, deadline - Date.now())));
  }
  throw new E2eTimeoutError(await timeoutMessage(options, lastError));
}

/** Settles with `promise`, or fails after `timeoutMs` with a message naming `what`. */
export async function within<T>(promise: Promise<T>, options: WaitOptions): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      void timeoutMessage(options).then((message) => reject(new E2eTimeoutError(message)));
    }, options.timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function timeoutMessage(options: WaitOptions, lastError?: unknown): Promise<string> {
  let state = '';
  if (options.state) {
    try {
      state = await options.state();
    } catch (error) {
      state = `(could not describe the state: ${error instanceof Error ? error.message : String(error)})`;
    }
  }
  const cause = lastError instanceof Error ? `\nLast error: ${lastError.message.split('\n')[0]}` : '';
  return `Timed out after ${(options.timeoutMs / 1000).toFixed(1)} s waiting for ${options.what}.${cause}${state ? `\n${state}` : ''}`;
}
