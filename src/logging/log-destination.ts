import SonicBoom from 'sonic-boom';

/** Lines waiting for a slow reader beyond this are dropped rather than held in memory without end. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const FLUSH_WAIT_MS = 1000;

/**
 * Where the JSON log lines go (standard output by default), made so that a failing destination cannot hurt the
 * process: a log shipper or parent that went away (EPIPE, a closed descriptor) must neither crash a turn, nor
 * block the event loop, nor keep the process from exiting.
 *
 * pino's own default destination fails all three ways on a broken pipe: its exit hook calls SonicBoom's
 * `flushSync`, which retries a failing write every 100 ms for ever (it only gives up on EAGAIN), so `process.exit`
 * never returns. Here the writes are asynchronous, the first error is reported once on stderr, and every later
 * line is dropped; nothing is flushed synchronously on exit (`flush` is bounded and called by the shutdown).
 */
export class LogDestination {
  private readonly sink: SonicBoom;
  private failed = false;

  constructor(
    fd = 1,
    private readonly report: (line: string) => void = (line) => process.stderr.write(line),
  ) {
    this.sink = new SonicBoom({ fd, sync: false, maxLength: MAX_BUFFERED_BYTES });
    this.sink.on('error', (error) => this.fail(error));
  }

  /** False once the destination failed: from then on lines are dropped. */
  get healthy(): boolean {
    return !this.failed;
  }

  write(line: string): boolean {
    if (this.failed) return true;
    try {
      return this.sink.write(line);
    } catch (error) {
      this.fail(error);
      return true;
    }
  }

  /**
   * Writes what is buffered, then calls back (pino's `logger.flush(cb)` calls this). Bounded: after `FLUSH_WAIT_MS`
   * it calls back anyway, since a reader that stopped reading must not hold up a shutdown.
   */
  flush(callback: (error?: Error) => void = () => undefined): void {
    if (this.failed) return callback();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      callback();
    };
    const timer = setTimeout(finish, FLUSH_WAIT_MS);
    // SonicBoom's own flush calls back at once when it buffers nothing (minLength 0), even while a write is still
    // under way; 'drain' is what says everything reached the descriptor.
    if ((this.sink as unknown as { _writing?: boolean })._writing) this.sink.once('drain', finish);
    else finish();
  }

  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    const code = (error as { code?: unknown })?.code;
    try {
      this.report(`GuestPass: writing the log failed (${typeof code === 'string' ? code : String(error)}); further log lines are dropped.\n`);
    } catch {
      // stderr is gone as well: there is nobody left to tell.
    }
    // Errors after this one (a late callback, the descriptor closing) must not become unhandled 'error' events.
    this.sink.removeAllListeners('error');
    this.sink.on('error', () => undefined);
    try {
      this.sink.destroy();
    } catch {
      // Already closed.
    }
  }
}
