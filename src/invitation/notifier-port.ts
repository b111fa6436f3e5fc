import { InvitationRequest } from './invitation-request';

/** What a requester is told about, beyond the request's outcome itself. */
export type NewsTopic =
  /** The request was decided, invited, failed, expired… (its state says which). */
  | 'outcome'
  /** The group and team additions that had to wait for the new guest to replicate are settled. */
  | 'groups'
  /** The guest redeemed the invitation. */
  | 'accepted';

export interface RequesterNews {
  /**
   * Given only when the invitation was just made with the email withheld and the guest needs the link from the
   * requester. Never stored, never logged.
   */
  redeemUrl?: string;
  /** `outcome` when not given. */
  topic?: NewsTopic;
}

/** How the domain reaches people outside the current conversation (Teams proactive messages, e-mail, …). */
export interface RequestNotifier {
  /** Sends the approval card to the approvers (or, after the wait, to the fallback approvers). */
  askApprovers(request: InvitationRequest, audience: 'approvers' | 'fallbackApprovers'): Promise<void>;
  /** Brings every copy of the request's approval card up to date (decided, expired, cancelled, invited…). */
  showRequestState(request: InvitationRequest): Promise<void>;
  /** Tells the requester, in the chat where they asked (else their personal chat), what became of their request. */
  tellRequester(request: InvitationRequest, news: RequesterNews): Promise<void>;
}
