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
/** Sent by Teams itself when the requester views their pending request's card: the request as it stands now. */
export const REFRESH_OWN_REQUEST = 'request.refreshOwn';
export const RESEND = 'guest.resend';
export const NEW_LINK = 'guest.link';
/** Asks for a reset: answered with a confirmation (the reset emails the guest and ends their access until they redeem again). */
export const RESET = 'guest.reset';
export const RESET_CONFIRM = 'guest.reset.confirm';
export const RESET_CANCEL = 'guest.reset.cancel';
/** A sponsor's answers on a review card; the data names the review round, so an old card cannot decide a new one. */
export const REVIEW_KEEP = 'sponsorReview.keep';
export const REVIEW_REMOVE = 'sponsorReview.remove';
/** Sent by Teams itself (Universal Actions refresh) for those asked: the review card with its buttons. */
export const REFRESH_REVIEW = 'sponsorReview.refresh';
/** `my guests`: longer access for one guest (days chosen on the card), or its removal. */
export const GUEST_EXTEND = 'guest.extend';
export const GUEST_REMOVE = 'guest.remove';
/** `orphans`: an administrator names a sponsor (by address) for a guest without one. */
export const ASSIGN_SPONSOR = 'guest.assignSponsor';
/** The never-redeemed reminder: the requester takes the invitation back (the pending account is removed). */
export const WITHDRAW = 'guest.withdraw';

export const VERBS = [
  INVITE_SUBMIT,
  APPROVE,
  REJECT,
  CANCEL,
  REFRESH_APPROVAL,
  REFRESH_OWN_REQUEST,
  RESEND,
  NEW_LINK,
  RESET,
  RESET_CONFIRM,
  RESET_CANCEL,
  REVIEW_KEEP,
  REVIEW_REMOVE,
  REFRESH_REVIEW,
  GUEST_EXTEND,
  GUEST_REMOVE,
  ASSIGN_SPONSOR,
  WITHDRAW,
] as const;
export type Verb = (typeof VERBS)[number];

/** `data` of APPROVE, REJECT, CANCEL, REFRESH_APPROVAL and REFRESH_OWN_REQUEST. REJECT also carries the reason input (input-ids.ts). */
export interface RequestActionData {
  requestId: string;
}

/**
 * `data` of the APPROVE, REJECT and CANCEL buttons of a list of requests: which list, and the ids of the requests
 * it shows (comma-separated), so the answer can show the same list with the new states.
 */
export interface RequestListActionData extends RequestActionData {
  list: 'pendingApprovals' | 'myRequests';
  listed: string;
}

/** `data` of RESEND, NEW_LINK and RESET: the address asked about and the directory user it resolved to. */
export interface GuestActionData {
  email: string;
  userId: string;
  /** What the status card was asked for (an address or the start of a name): the answer shows that card again. */
  query?: string;
  /** RESET and after: the guest's name, for the confirmation. */
  name?: string;
  /** RESET and after: names this one reset, so a second press of any of its buttons does not reset again. */
  once?: string;
  /** RESET_CONFIRM from the `reset` command: the guest's other address to redeem with. */
  newEmail?: string;
  /** RESEND from the list of pending guests (instead of a status card): the answer shows that list again. */
  from?: 'pending';
}

/** `data` of REVIEW_KEEP, REVIEW_REMOVE and REFRESH_REVIEW (REVIEW_KEEP also carries the days input). */
export interface ReviewActionData {
  userId: string;
  reviewId: string;
}

/**
 * `data` of GUEST_EXTEND, GUEST_REMOVE, ASSIGN_SPONSOR and WITHDRAW: the governed guest, and for inputs in a list
 * (one per guest) the id of the input that holds the days or the sponsor's address (see input-ids.ts).
 */
export interface GovernedGuestActionData {
  userId: string;
  field?: string;
}

/** `data` of INVITE_SUBMIT besides the form inputs: marks where the submission came from. */
export interface InviteSubmitData {
  source: 'inviteForm';
}

// The input ids are the other half of the same contract; re-exported so a handler needs one import.
export { INVITE_FORM_FIELDS, REJECTION_REASON_FIELD, readRejectionReason, rejectionReasonInputId } from './input-ids';
