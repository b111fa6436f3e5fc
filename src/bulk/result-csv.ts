import { Translate } from '../i18n';
import { describeOutcome, describeRowProblem } from './describe';
import { ResultEntry } from './result-entries';

/** Stable English headers and outcome codes, so scripts can read the file whatever language the reasons are in. */
export const RESULT_HEADER = ['Row', 'Email address', 'Outcome', 'Reason', 'Request id', 'Guest object id', 'Redeem URL', 'Access ends'] as const;

/**
 * The result file: one line per row of the bulk file, in its order, with the outcome, the reason in the
 * requester's language and, where the email was withheld, the redeem URL. It is the only place GuestPass writes
 * those URLs: it never stores or logs them. UTF-8 with BOM and CRLF, which is what Excel opens correctly.
 */
export function resultCsv(t: Translate, entries: ResultEntry[], formatDate: (iso: string) => string): string {
  const rows = entries.map((entry) => {
    if ('rejected' in entry) {
      return [entry.line, entry.email, 'invalid', entry.rejected.map((problem) => describeRowProblem(t, problem)).join(' '), '', '', '', ''];
    }
    const { outcome } = entry;
    const reason = describeOutcome(t, outcome, formatDate);
    switch (outcome.kind) {
      case 'skipped':
        return [entry.line, entry.email, 'skipped', reason, outcome.earlier.requestId ?? '', outcome.earlier.userId ?? '', '', ''];
      case 'notRun':
        return [entry.line, entry.email, 'notRun', reason, '', '', '', ''];
      default:
        return [entry.line, entry.email, outcome.kind, reason, outcome.requestId ?? '', outcome.userId ?? '', outcome.redeemUrl ?? '', lastDay(outcome.accessEndsAt)];
    }
  });
  const records = [[...RESULT_HEADER], ...rows].map((row) => row.map((cell) => defuseFormula(String(cell))));
  // Loaded on the first result file, not at start-up.
  const { stringify } = require('csv-stringify/sync') as typeof import('csv-stringify/sync');
  return `\ufeff${stringify(records, { record_delimiter: 'windows' })}`;
}

/** The last day of access (`YYYY-MM-DD`, UTC), which is what a person asked for and a script compares. */
function lastDay(endsAt: string | undefined): string {
  return endsAt ? endsAt.slice(0, 10) : '';
}

/**
 * Spreadsheet programs run a cell that starts with = + - @ as a formula, and display names come from whoever
 * filled in the file. A leading apostrophe makes Excel show the text as it is.
 */
export function defuseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
