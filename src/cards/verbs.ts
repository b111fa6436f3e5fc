/**
 * The verbs of the Action.Execute buttons GuestPass puts on its cards: the contract between the cards and the
 * bot's `adaptiveCard/action` handler. A verb names what the person asked for; the data says which request or
 * guest it is about. Changing a verb breaks every card already posted in a chat, so these are append-only.
 */
export const INVITE_SUBMIT = 'invite.submit';
export const APPROVE = 'request.approve';
export const REJECT = 'request.reject';
export const CANCEL = 'request.cancel';
/** Sent by Teams itself (Universal Actions refresh), not by a button: returns the viewer's own view. */
export const REFRESH_APPROVAL = 'request.refresh';
export const RESEND = 'guest.resend';
export const NEW_LINK = 'guest.link';
export const RESET = 'guest.reset';

export const VERBS = [INVITE_SUBMIT, APPROVE, REJECT, CANCEL, REFRESH_APPROVAL, RESEND, NEW_LINK, RESET] as const;
export type Verb = (typeof VERBS)[number];

/** `data` of APPROVE, REJECT, CANCEL and REFRESH_APPROVAL. REJECT also carries the reason input (input-ids.ts). */
export interface RequestActionData {
  requestId: string;
}

/** `data` of RESEND, NEW_LINK and RESET: the address asked about and the directory user it resolved to. */
export interface GuestActionData {
  email: string;
  userId: string;
}

/** `data` of INVITE_SUBMIT besides the form inputs: marks where the submission came from. */
export interface InviteSubmitData {
  source: 'inviteForm';
}

// The input ids are the other half of the same contract; re-exported so a handler needs one import.
export { INVITE_FORM_FIELDS, REJECTION_REASON_FIELD, readRejectionReason, rejectionReasonInputId } from './input-ids';
