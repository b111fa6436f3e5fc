import { BulkRow } from '../invitation/bulk-invite';
import { InvitationDraft, ValidationProblem, ValidInvitation } from '../invitation/invitation-draft';
import { AccessTerms, InvitationLimits, validateInvitation } from '../invitation/validate-invitation';
import { BulkCsvRow } from './parse-bulk-csv';

export type BulkRowProblem =
  /** What `validateInvitation` says of the row's draft, as for any invitation. */
  | { kind: 'field'; problem: ValidationProblem }
  /** The sendEmail cell is neither true nor false (nor empty). */
  | { kind: 'sendEmail'; value: string }
  /** The address already appears on an earlier row. */
  | { kind: 'duplicate'; firstLine: number };

export interface ValidRow extends BulkRow {
  invitation: ValidInvitation;
  /** When the guest's access would end, as the preview decided it; none: it does not end by itself. */
  accessEndsAt?: string;
}

export interface InvalidRow {
  line: number;
  /** The cell as typed, for the report. */
  email: string;
  problems: BulkRowProblem[];
}

export interface BulkValidation {
  valid: ValidRow[];
  invalid: InvalidRow[];
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/**
 * Checks every row before anything is sent, with the same validation as a single invitation (with `terms`, the end
 * of access too), and reports each problem by the row number a person sees in Excel.
 */
export function validateBulkRows(rows: BulkCsvRow[], limits: InvitationLimits, terms?: AccessTerms): BulkValidation {
  const valid: ValidRow[] = [];
  const invalid: InvalidRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, values } of rows) {
    const problems: BulkRowProblem[] = [];
    const sendEmailText = (values.sendEmail ?? '').trim().toLowerCase();
    // Empty means the bot's own default: Entra sends the email (Graph's default of false would surprise people).
    const sendEmail = sendEmailText === '' || TRUE.has(sendEmailText);
    if (sendEmailText !== '' && !TRUE.has(sendEmailText) && !FALSE.has(sendEmailText)) {
      problems.push({ kind: 'sendEmail', value: (values.sendEmail ?? '').trim().slice(0, 40) });
    }
    const draft: InvitationDraft = {
      email: values.inviteeEmail,
      displayName: values.displayName,
      customMessage: values.customizedMessageBody,
      redirectUrl: values.inviteRedirectURL,
      sendEmail,
      userType: 'Guest',
      ...(values.expiresAfterDays?.trim() ? { accessEnd: { days: values.expiresAfterDays } } : {}),
    };
    const validation = validateInvitation(draft, limits, terms);
    if (!validation.ok) problems.push(...validation.problems.map((problem) => ({ kind: 'field' as const, problem })));
    if (validation.ok) {
      const key = validation.invitation.email.toLowerCase();
      const firstLine = firstLineOf.get(key);
      if (firstLine === undefined) firstLineOf.set(key, line);
      else problems.push({ kind: 'duplicate', firstLine });
    }
    if (problems.length > 0 || !validation.ok) invalid.push({ line, email: (values.inviteeEmail ?? '').trim(), problems });
    else valid.push({ line, draft, invitation: validation.invitation, ...(validation.accessEndsAt ? { accessEndsAt: validation.accessEndsAt } : {}) });
  }
  return { valid, invalid };
}
