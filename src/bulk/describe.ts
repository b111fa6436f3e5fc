import { alreadyRequestedText, directoryErrorText, problemText, invitationRefusalText, requestStateLabel } from '../i18n/labels';
import { Translate } from '../i18n';
import { BulkRowOutcome } from '../invitation/bulk-invite';
import { BulkFileError } from './parse-bulk-csv';
import { BulkRowProblem } from './validate-rows';

/**
 * Bulk outcomes and problems in people's words, for the result file, the Teams cards and the command line alike.
 * The domain's own codes (refusals, directory errors, field problems) reuse the cards' texts, so a row reads the
 * same as the single invitation would.
 */

export function describeFileError(t: Translate, error: BulkFileError): string {
  switch (error.code) {
    case 'tooLarge':
      return t('bulk:file.tooLarge', { maxMegabytes: Math.floor(error.maxBytes / (1024 * 1024)) });
    case 'malformed':
      return t('bulk:file.malformed', { line: error.line });
    case 'duplicateColumn':
      return t('bulk:file.duplicateColumn', { column: error.column });
    case 'tooManyRows':
      return t('bulk:file.tooManyRows', { max: error.max });
    default:
      return t(`bulk:file.${error.code}`);
  }
}

export function describeRowProblem(t: Translate, problem: BulkRowProblem): string {
  switch (problem.kind) {
    case 'field':
      return problemText(t, problem.problem);
    case 'sendEmail':
      return t('bulk:problem.sendEmail', { value: problem.value });
    case 'duplicate':
      return t('bulk:problem.duplicate', { firstLine: problem.firstLine });
  }
}

/** `Row 7: "x" is not a valid email address. …`: a row's problems on one line. */
export function describeInvalidRow(t: Translate, line: number, problems: BulkRowProblem[]): string {
  return t('bulk:problem.row', { line, text: problems.map((problem) => describeRowProblem(t, problem)).join(' ') });
}

/** The reason column of the result file: what happened to the row and, when something is left to do, what. */
export function describeOutcome(t: Translate, outcome: BulkRowOutcome, formatDate: (iso: string) => string): string {
  switch (outcome.kind) {
    case 'invited':
      if (outcome.redeemUrl) return t('bulk:reason.invitedEmailWithheld');
      return outcome.emailWithheld ? t('bulk:reason.invitedElsewhereEmailWithheld') : t('bulk:reason.invitedEmailSent');
    case 'pendingApproval':
      return t('bulk:reason.pendingApproval', { requestId: outcome.requestId ?? '' });
    case 'alreadyExists':
      return t('bulk:reason.alreadyExists');
    case 'alreadyRequested': {
      const open = outcome.openRequest;
      return open ? alreadyRequestedText(t, { email: outcome.email ?? '', requestId: outcome.requestId ?? '', ...open }, formatDate) : '';
    }
    case 'internal':
      return t('bulk:reason.internal');
    case 'refused':
      return outcome.refusal ? invitationRefusalText(t, outcome.refusal.reason, outcome.refusal.params) : '';
    case 'invalid':
      return (outcome.problems ?? []).map((problem) => problemText(t, problem)).join(' ');
    case 'closed':
      return t('bulk:reason.closed', { requestId: outcome.requestId ?? '', state: outcome.closedAs ? requestStateLabel(t, outcome.closedAs) : '' });
    case 'failed': {
      const error = outcome.error;
      if (!error) return '';
      return [
        directoryErrorText(t, error.kind),
        error.retryable ? t('bulk:reason.retryLater') : '',
        error.graphRequestId ? t('bulk:reason.graphRequestId', { requestId: error.graphRequestId }) : '',
      ]
        .filter(Boolean)
        .join(' ');
    }
    case 'skipped':
      return t('bulk:reason.skipped', { outcome: t(`bulk:outcome.${outcome.earlier.outcome}`), at: formatDate(outcome.earlier.at) });
    case 'notRun':
      return t('bulk:reason.notRun');
  }
}
