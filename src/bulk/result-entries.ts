import { BulkRowOutcome, BulkRowResult } from '../invitation/bulk-invite';
import { BulkRowProblem, InvalidRow } from './validate-rows';

/**
 * Every row of a bulk file once it is over: what the run did with it, or why it was never sent (it failed
 * validation). What the result file, the summary card and the command line report.
 */
export type ResultEntry = BulkRowResult | { line: number; email: string; rejected: BulkRowProblem[] };

/** `invalid` counts rows that failed validation (never sent) and rows the use case refused as invalid. */
export type OutcomeCounts = Record<BulkRowOutcome['kind'], number>;

export function resultEntries(results: BulkRowResult[], invalid: InvalidRow[]): ResultEntry[] {
  const rejected = invalid.map(({ line, email, problems }) => ({ line, email, rejected: problems }));
  return [...results, ...rejected].sort((a, b) => a.line - b.line);
}

export function outcomeKind(entry: ResultEntry): BulkRowOutcome['kind'] {
  return 'rejected' in entry ? 'invalid' : entry.outcome.kind;
}

export function countOutcomes(entries: ResultEntry[]): OutcomeCounts {
  const counts: OutcomeCounts = {
    invited: 0,
    pendingApproval: 0,
    alreadyExists: 0,
    alreadyRequested: 0,
    internal: 0,
    refused: 0,
    invalid: 0,
    closed: 0,
    failed: 0,
    skipped: 0,
    notRun: 0,
  };
  for (const entry of entries) counts[outcomeKind(entry)]++;
  return counts;
}

/** Rows whose redeem URL is in the result: the file is then as sensitive as a set of passwords. */
export function redeemUrlCount(entries: ResultEntry[]): number {
  return entries.filter((entry) => !('rejected' in entry) && entry.outcome.kind === 'invited' && entry.outcome.redeemUrl).length;
}
