import { InvitationOutcomeKind } from './bulk-outcome';

/**
 * What a bulk run needs besides the invitation context. Implementations live outside the domain (bottleneck for
 * pacing, the store for the ledger), so the use case stays free of SDKs and storage details.
 */

/**
 * Paces the run's directory work. Graph allows 150 requests on `/invitations` per 5 seconds per tenant, shared by
 * every app in it. What Graph counts is when each invitation arrives, so the budget is spent by the invitation
 * itself, not by the task around it: the look-ups before it take varying time, and spacing the tasks' starts
 * would let the invitations bunch up.
 */
export interface InvitationPacer {
  /**
   * Runs `task` with a bounded number of tasks at a time. The task awaits `turn()` right before each request to
   * `/invitations`; it resolves once the budget allows that request.
   */
  schedule<T>(task: (turn: () => Promise<void>) => Promise<T>): Promise<T>;
  /**
   * Graph kept answering "too many requests" after the client's own retries (which honour Retry-After): start
   * nothing new for a while, at least `waitMs` when Graph said how long, so the rest of the run does not add to the
   * pressure.
   */
  slowDown(waitMs?: number): void;
}

/** What is kept of a row once it is settled; never the redeem URL, which is a credential for the guest's account. */
export interface BulkDoneRecord {
  outcome: InvitationOutcomeKind;
  requestId?: string;
  userId?: string;
  /** ISO instant. */
  at: string;
}

/**
 * Durable memory of a bulk file across runs and restarts: which rows are settled, and who is running the file
 * now. `fileId` identifies the file by its normalized content.
 */
export interface BulkLedger {
  find(fileId: string, email: string): Promise<BulkDoneRecord | undefined>;
  /** Records a settled row; recording a row already recorded keeps the first record. */
  record(fileId: string, email: string, done: BulkDoneRecord): Promise<void>;
  /** True if no other run holds the file (or `runId` already does); held for a while and renewed by calling again. */
  claim(fileId: string, runId: string): Promise<boolean>;
  release(fileId: string, runId: string): Promise<void>;
}
