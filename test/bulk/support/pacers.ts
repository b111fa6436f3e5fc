import { InvitationPacer } from '../../../src/invitation/bulk-ports';

/** One task at a time, in order: rows finish in file order, so a test can stop a run after exactly N of them. */
export class SerialPacer implements InvitationPacer {
  /** The wait each slowDown asked for (undefined: none given). */
  readonly slowDowns: (number | undefined)[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  schedule<T>(task: (turn: () => Promise<void>) => Promise<T>): Promise<T> {
    const run = this.chain.then(() => task(async () => undefined));
    this.chain = run.catch(() => undefined);
    return run;
  }

  slowDown(waitMs?: number): void {
    this.slowDowns.push(waitMs);
  }
}
