import { BulkDoneRecord, BulkLedger, InvitationPacer } from './bulk-ports';
import { InvitationOutcomeSummary, SET_UP_FAILURES, SETTLED_OUTCOMES, summarizeOutcome } from './bulk-outcome';
import { DirectoryErrorKind } from './directory-error';
import { InvitationContext } from './invitation-context';
import { InvitationDraft } from './invitation-draft';
import { Requester } from './requester';
import { submitInvitation } from './submit-invitation';

/** One row of a bulk file: the draft, and the line a person sees for it in Excel. */
export interface BulkRow {
  line: number;
  draft: InvitationDraft;
}

export interface BulkRun {
  /** Identifies the file by its normalized content, so a re-run of the same file finds what is done. */
  fileId: string;
  rows: BulkRow[];
  requester: Requester;
  /** Where the requester hears later news of these requests (approvals), as for a single invitation. */
  replyTo?: string;
}

export type BulkRowOutcome =
  | InvitationOutcomeSummary
  /** Settled by an earlier run of the same file. */
  | { kind: 'skipped'; earlier: BulkDoneRecord }
  /** Not attempted: the run was interrupted, or stopped by a set-up failure. */
  | { kind: 'notRun' };

export interface BulkRowResult {
  line: number;
  email: string;
  outcome: BulkRowOutcome;
}

export interface BulkProgress {
  done: number;
  total: number;
}

export interface BulkRunPorts {
  pacer: InvitationPacer;
  ledger: BulkLedger;
  /** Called as each row finishes, in the order they finish. */
  onRow?(result: BulkRowResult, progress: BulkProgress): void | Promise<void>;
  /** Aborting lets rows already started finish and marks the rest `notRun`; a re-run picks them up. */
  signal?: AbortSignal;
}

export type BulkRunReport =
  /** Another run of the same file is in progress; nothing was done. */
  | { kind: 'busy' }
  | { kind: 'ran'; results: BulkRowResult[]; interrupted: boolean; stoppedBy?: DirectoryErrorKind };

/**
 * Invites every row of a bulk file through the same use case as a single invitation (policy, approvals,
 * duplicate checks, audit), paced to Graph's invitation budget. Rows settled by an earlier run of the same file
 * are skipped, so an interrupted run can simply be started again without inviting anyone twice.
 */
export async function runBulkInvitation(ctx: InvitationContext, run: BulkRun, ports: BulkRunPorts): Promise<BulkRunReport> {
  const runId = ctx.newRequestId();
  if (!(await ports.ledger.claim(run.fileId, runId))) return { kind: 'busy' };
  try {
    return await invitePaced(ctx, run, ports, runId);
  } finally {
    await ports.ledger.release(run.fileId, runId);
  }
}

async function invitePaced(ctx: InvitationContext, run: BulkRun, ports: BulkRunPorts, runId: string): Promise<BulkRunReport> {
  const total = run.rows.length;
  const results: BulkRowResult[] = new Array(total);
  let done = 0;
  const finish = async (index: number, result: BulkRowResult) => {
    results[index] = result;
    done++;
    await ports.onRow?.(result, { done, total });
  };

  // Looked up one by one before anything is scheduled, so skipped rows are reported first and cost no budget.
  const pending: number[] = [];
  for (const [index, row] of run.rows.entries()) {
    const email = ledgerKey(row);
    const earlier = await ports.ledger.find(run.fileId, email);
    if (earlier) await finish(index, { line: row.line, email, outcome: { kind: 'skipped', earlier } });
    else pending.push(index);
  }

  let stoppedBy: DirectoryErrorKind | undefined;
  let halted = false;
  const attempt = async (index: number, turn: () => Promise<void>): Promise<void> => {
    const row = run.rows[index]!;
    const email = ledgerKey(row);
    const notRun = () => finish(index, { line: row.line, email, outcome: { kind: 'notRun' } });
    if (halted || stoppedBy || ports.signal?.aborted) return notRun();
    // Renewing the claim per row keeps it while the run lives; losing it means another run took the file over.
    if (!(await ports.ledger.claim(run.fileId, runId))) {
      halted = true;
      return notRun();
    }
    const submitted = await submitInvitation(ctx, row.draft, run.requester, { replyTo: run.replyTo, turn });
    const outcome = summarizeOutcome(submitted);
    if (SETTLED_OUTCOMES.includes(outcome.kind)) {
      await ports.ledger.record(run.fileId, email, {
        outcome: outcome.kind,
        requestId: outcome.requestId,
        userId: outcome.userId,
        at: ctx.clock.now().toISOString(),
      });
    }
    if (submitted.kind === 'failed' && submitted.error.kind === 'throttled') ports.pacer.slowDown(submitted.error.retryAfterMs);
    if (outcome.error && SET_UP_FAILURES.includes(outcome.error.kind)) stoppedBy ??= outcome.error.kind;
    await finish(index, { line: row.line, email, outcome });
  };

  const settled = await Promise.allSettled(
    pending.map((index) =>
      ports.pacer.schedule((turn) =>
        attempt(index, turn).catch((error: unknown) => {
          // A store failure or a bug: rows still queued must not go on inviting behind the caller's back.
          halted = true;
          throw error;
        }),
      ),
    ),
  );
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  const unfinished = results.some((result) => result.outcome.kind === 'notRun');
  return { kind: 'ran', results, interrupted: unfinished && stoppedBy === undefined, stoppedBy };
}

/** Addresses are case-insensitive in Entra, so the ledger is too. */
function ledgerKey(row: BulkRow): string {
  return (row.draft.email ?? '').trim().toLowerCase();
}
