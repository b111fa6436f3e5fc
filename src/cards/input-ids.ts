/**
 * Ids of the inputs on GuestPass cards. Teams sends input values keyed by these ids, merged into the action's
 * data, so the bot reads them with the same constants; like the verbs they must stay stable.
 */
export const INVITE_FORM_FIELDS = {
  email: 'email',
  displayName: 'displayName',
  message: 'message',
  cc: 'cc',
  redirectUrl: 'redirectUrl',
  language: 'language',
  sendEmail: 'sendEmail',
  member: 'member',
  groups: 'groups',
  accessEnd: 'accessEnd',
} as const;

export type InviteFormField = keyof typeof INVITE_FORM_FIELDS;

export const REJECTION_REASON_FIELD = 'reason';

/**
 * Input ids must be unique within a card, and a list shows one reject form per request: there each reason input
 * gets its own id, and the REJECT data names it in `reasonField`. Use `readRejectionReason` to read either form.
 */
export function rejectionReasonInputId(requestId?: string): string {
  return requestId === undefined ? REJECTION_REASON_FIELD : `${REJECTION_REASON_FIELD}.${requestId}`;
}

/** The rejection reason typed into a REJECT card action, from the invoke's `action.data`. */
export function readRejectionReason(data: Record<string, unknown>): string | undefined {
  // `reasonField` comes back from the client like any input: only a reason input's id is honoured.
  const named = typeof data.reasonField === 'string' ? data.reasonField : REJECTION_REASON_FIELD;
  const field = named === REJECTION_REASON_FIELD || named.startsWith(`${REJECTION_REASON_FIELD}.`) ? named : REJECTION_REASON_FIELD;
  const value = data[field];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The review card's "Keep for" choice; on a list (`my guests`) each guest's has its own id, named in the action's `field`. */
export const KEEP_DAYS_FIELD = 'keepDays';
/** The `orphans` list's sponsor address input, one per guest. */
export const SPONSOR_FIELD = 'sponsor';

export function listInputId(field: typeof KEEP_DAYS_FIELD | typeof SPONSOR_FIELD, userId: string): string {
  return `${field}.${userId}`;
}

/** The value of a list input named by the action's `field`, honoured only when it is an input of that kind. */
export function readListInput(data: Record<string, unknown>, field: typeof KEEP_DAYS_FIELD | typeof SPONSOR_FIELD): string | undefined {
  const named = typeof data.field === 'string' ? data.field : field;
  const key = named === field || named.startsWith(`${field}.`) ? named : field;
  const value = data[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
